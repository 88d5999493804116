package dev.wheelwright.fix;

import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.PyProject;
import dev.wheelwright.project.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code remove-wheel-build-requirement}: deletes the {@code "wheel"} item from
 * {@code [build-system].requires} (setuptools 70.1 and later build wheels without it), editing
 * the text so that the other items, their layout and comments stay as written.
 */
public final class RemoveWheelBuildRequirementFix implements FixAction {
    // a string item "wheel..." followed by its comma (if any), then spaces and an end-of-line comment
    private static final Pattern ITEM = Pattern.compile("([\"'])(wheel(?![A-Za-z0-9._-])[^\"']*)\\1\\s*,?[ \\t]*(#[^\\n]*)?");

    @Override
    public String id() {
        return "remove-wheel-build-requirement";
    }

    @Override
    public String summary() {
        return "Remove wheel from [build-system].requires (setuptools 70.1+ does not need it)";
    }

    @Override
    public FixPlan plan(Path root, ProjectFacts p) {
        PyProject py = p.pyproject();
        if (py == null || py.buildRequires() == null
                || py.buildRequires().stream().noneMatch(r -> Requirements.name(r).filter("wheel"::equals).isPresent())) {
            return new FixPlan(id(), List.of(), List.of());
        }
        String text = py.text();
        int start = TextEdits.offsetOfLine(text, py.requiresLine());
        int open = text.indexOf('[', start);
        int close = closingBracket(text, open);
        if (py.requiresLine() == 0 || open < 0 || close < 0) {
            throw new FixRefusedException(py.file() + ": [build-system].requires is not a plain array; remove wheel by hand");
        }
        String array = text.substring(open, close + 1);
        Matcher m = ITEM.matcher(array);
        if (!m.find()) {
            throw new FixRefusedException(py.file() + ":" + py.requiresLine() + ": cannot find the wheel item; remove it by hand");
        }
        int s = open + m.start();
        int e = open + m.end();
        int ls = TextEdits.lineStart(text, s);
        int le = TextEdits.lineEnd(text, e);
        String after;
        if (text.substring(ls, s).isBlank() && text.substring(e, le).isBlank()) {
            after = text.substring(0, ls) + text.substring(le); // the item had its own line
        } else {
            String cut = text.substring(0, s) + text.substring(e);
            // "a", "wheel"] leaves a dangling ", " before the bracket
            after = fixDangling(cut, s);
        }
        return new FixPlan(id(), List.of(new FileEdit(py.file(), text, after)), List.of());
    }

    private static String fixDangling(String text, int at) {
        int b = at - 1;
        while (b >= 0 && (text.charAt(b) == ' ' || text.charAt(b) == '\t')) {
            b--;
        }
        if (b >= 0 && text.charAt(b) == ',' && at < text.length() && text.charAt(at) == ']') {
            return text.substring(0, b) + text.substring(at);
        }
        return text;
    }

    private static int closingBracket(String text, int open) {
        if (open < 0) {
            return -1;
        }
        boolean inString = false;
        char quote = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '#') {
                i = text.indexOf('\n', i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }
}
