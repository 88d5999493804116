package dev.wheelwright.fix;

import dev.wheelwright.project.CibuildwheelFeatures;
import dev.wheelwright.project.ProjectFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bump-cibuildwheel}: raises each cibuildwheel pin that is too old for what its job builds
 * to the first release that can build it (rules/tables/cibuildwheel-features.json), the smallest
 * change that fixes the problem: {@code uses: pypa/cibuildwheel@v1.8.0} becomes {@code @v1.9.0},
 * {@code cibuildwheel==2.16.5} becomes {@code ==2.20.0}. A commit-SHA pin is left to the user,
 * who must look the new commit up. The action's old name {@code joerick/cibuildwheel} becomes
 * {@code pypa/cibuildwheel} on the way (GitHub's redirect of the old name is not a promise).
 */
public final class BumpCibuildwheelFix implements FixAction {
    private static final Pattern ACTION_TAG = Pattern.compile("((?:pypa|joerick)/cibuildwheel@v?)([0-9]+(?:\\.[0-9]+)*)(?![0-9A-Za-z])");
    private static final Pattern PIP_PIN = Pattern.compile("(cibuildwheel\\s*(?:==|~=|>=)\\s*)([0-9]+(?:\\.[0-9]+)*)");

    @Override
    public String id() {
        return "bump-cibuildwheel";
    }

    @Override
    public String summary() {
        return "Raise too-old cibuildwheel pins to the first release that builds what the job asks for";
    }

    @Override
    public FixPlan plan(Path root, ProjectFacts p) {
        Map<String, String> required = new LinkedHashMap<>(); // file:line -> version
        for (CibuildwheelFeatures.Shortfall sf : CibuildwheelFeatures.builtIn().shortfalls(p)) {
            required.put(sf.pin().file() + ":" + sf.pin().line(), sf.required());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> originals = new LinkedHashMap<>();
        List<String> manual = new ArrayList<>();
        for (Map.Entry<String, String> e : required.entrySet()) {
            int colon = e.getKey().lastIndexOf(':');
            String file = e.getKey().substring(0, colon);
            int line = Integer.parseInt(e.getKey().substring(colon + 1));
            if (!texts.containsKey(file)) {
                try {
                    String t = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
                    texts.put(file, t);
                    originals.put(file, t);
                } catch (IOException ex) {
                    throw new FixRefusedException(file + ": cannot read: " + ex.getMessage(), ex);
                }
            }
            String text = texts.get(file);
            int s = TextEdits.offsetOfLine(text, line);
            int end = text.indexOf('\n', s);
            if (end < 0) {
                end = text.length();
            }
            String l = text.substring(s, end);
            Matcher m = ACTION_TAG.matcher(l);
            if (!m.find()) {
                m = PIP_PIN.matcher(l);
                if (!m.find()) {
                    manual.add(e.getKey() + ": pin cibuildwheel " + e.getValue() + " or later (a commit pin needs the new commit's SHA)");
                    continue;
                }
            }
            String updated = l.substring(0, m.start(2)) + e.getValue() + l.substring(m.end(2));
            if (m.pattern() == ACTION_TAG) {
                updated = updated.substring(0, m.start(1)) + updated.substring(m.start(1)).replaceFirst("^joerick/", "pypa/");
            }
            texts.put(file, text.substring(0, s) + updated + text.substring(end));
        }
        List<FileEdit> edits = new ArrayList<>();
        texts.forEach((path, after) -> {
            if (!after.equals(originals.get(path))) {
                edits.add(new FileEdit(path, originals.get(path), after));
            }
        });
        return new FixPlan(id(), edits, manual);
    }

}
