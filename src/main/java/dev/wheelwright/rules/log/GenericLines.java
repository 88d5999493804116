package dev.wheelwright.rules.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The closing lines pip, setuptools and build front ends print after any failure. They say
 * that something failed, never why, so they are context, not causes: a finding points at its
 * strongest evidence, which is never one of these when a better line matched.
 *
 * <p>Asked for every line a rule matches (in a large log, many thousands), so each shape is
 * paired with a literal it needs and only the shapes whose literal one pass of an
 * Aho–Corasick matcher found are tried.
 */
public final class GenericLines {
    private GenericLines() {}

    private record Shape(String literal, Pattern pattern) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape("error: subprocess-exited-with-error", Pattern.compile("error: subprocess-exited-with-error")),
            new Shape("ERROR: Failed building wheel for ", Pattern.compile("ERROR: Failed building wheel for ")),
            new Shape("note: This error originates from a subprocess", Pattern.compile("note: This error originates from a subprocess")),
            new Shape("legacy-install-failure", Pattern.compile("legacy-install-failure")),
            new Shape(" did not run successfully", Pattern.compile("× .* did not run successfully")),
            new Shape("exit code: ", Pattern.compile("^[\\s│|]*exit code: \\d+")),
            new Shape("╰─> ", Pattern.compile("╰─> (?:\\[\\d+ lines? of output]|See above for output)")),
            new Shape("[end of output]", Pattern.compile("^\\s*\\[end of output]")),
            new Shape("Failed to build ", Pattern.compile("Failed to build ")),
            new Shape("ERROR: Could not build wheels for ", Pattern.compile("ERROR: Could not build wheels for ")),
            new Shape("ERROR: Command errored out with exit status", Pattern.compile("ERROR: Command errored out with exit status")),
            new Shape("\" failed with error code", Pattern.compile("Command \".*\" failed with error code")),
            new Shape("' failed with exit ", Pattern.compile("error: command '.*' failed with exit (?:code|status)")),
            new Shape("ERROR Backend subprocess exited", Pattern.compile("ERROR Backend subprocess exited")),
            new Shape("ERROR: Failed to build installable wheels", Pattern.compile("ERROR: Failed to build installable wheels")));

    // a line of nothing but blanks and at most one caret (the end of a compiler's source excerpt)
    private static final Pattern BLANK = Pattern.compile("^\\s*\\^?\\s*$");

    private static final MultiLiteralMatcher LITERALS;

    static {
        List<List<String>> needles = new ArrayList<>();
        for (Shape s : SHAPES) {
            needles.add(List.of(s.literal()));
        }
        LITERALS = new MultiLiteralMatcher(needles);
    }

    public static boolean isGeneric(String line) {
        IdBits found = new IdBits(SHAPES.size());
        LITERALS.find(line, found);
        for (int i = found.nextSetBit(0); i >= 0; i = found.nextSetBit(i + 1)) {
            if (SHAPES.get(i).pattern().matcher(line).find()) {
                return true;
            }
        }
        return mayBeBlank(line) && BLANK.matcher(line).find();
    }

    /** Whether the line has only chars that {@link #BLANK} can match (spaces, line terminators, '^'). */
    private static boolean mayBeBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c > ' ' && c != '^' && c != '\u0085' && c != '\u2028' && c != '\u2029') {
                return false;
            }
        }
        return true;
    }
}
