package dev.wheelwright.report;

import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Findings for people: grouped by severity (errors first), each with where, what, the
 * evidence lines and the fix; suppressed findings last, with their reason. ANSI colour only when
 * the caller says the output is a terminal and colour is allowed.
 */
public final class TextRenderer implements FindingsRenderer {
    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";
    private static final Map<Severity, String> COLOURS = Map.of(
            Severity.ERROR, "\u001B[31m", Severity.WARNING, "\u001B[33m", Severity.INFO, "\u001B[36m");

    private final boolean color;
    private final boolean quiet;

    public TextRenderer(boolean color) {
        this(color, false);
    }

    /**
     * @param quiet {@code -q}: one line per finding ({@code severity RULE name  where: message}, as
     *              compilers print them) and the counts; nothing at all when there is no active finding
     */
    public TextRenderer(boolean color, boolean quiet) {
        this.color = color;
        this.quiet = quiet;
    }

    @Override
    public void render(FindingsReport report, Writer out) throws IOException {
        List<Finding> active = report.findings().stream().filter(f -> !f.suppressed()).toList();
        if (quiet) {
            if (active.isEmpty()) {
                return;
            }
            for (Severity s : Severity.values()) {
                for (Finding f : active) {
                    if (f.severity() == s) {
                        out.write(paint(COLOURS.get(s), s.id()) + " " + paint(BOLD, f.rule() + " " + f.name()) + "  "
                                + f.location().display() + ": " + f.message() + "\n");
                    }
                }
            }
            Map<Severity, Integer> c = report.counts();
            out.write(plural(c.get(Severity.ERROR), "error") + ", " + plural(c.get(Severity.WARNING), "warning") + ", "
                    + c.get(Severity.INFO) + " info\n");
            return;
        }
        // explain N takes the position in the report; two equal findings still have two numbers
        Map<Finding, Integer> number = new java.util.IdentityHashMap<>();
        for (int i = 0; i < report.findings().size(); i++) {
            number.put(report.findings().get(i), i + 1);
        }
        for (Severity s : Severity.values()) {
            List<Finding> group = active.stream().filter(f -> f.severity() == s).toList();
            if (group.isEmpty()) {
                continue;
            }
            out.write(paint(BOLD + COLOURS.get(s), plural(group.size(), s.id())) + "\n\n");
            for (Finding f : group) {
                finding(f, number.get(f), out);
            }
        }
        List<Finding> suppressed = report.findings().stream().filter(Finding::suppressed).toList();
        if (!suppressed.isEmpty()) {
            out.write(paint(BOLD, "suppressed") + "\n\n");
            for (Finding f : suppressed) {
                out.write("  " + paint(DIM, f.severity().id() + " " + f.rule() + " " + f.name() + "  " + f.location().display()) + "\n");
                out.write("    " + f.message() + "\n");
                out.write("    " + paint(DIM, "ignored (" + f.suppression().source() + "): " + f.suppression().reason()) + "\n\n");
            }
        }
        Map<Severity, Integer> c = report.counts();
        java.util.Optional<String> unbuilt = report.builds() == null ? java.util.Optional.empty() : report.builds().unsuccessful();
        if (active.isEmpty() && unbuilt.isPresent()) {
            out.write(paint(BOLD, "No rule found a problem, but " + unbuilt.get() + ".")
                    + (suppressed.isEmpty() ? "" : " (" + suppressed.size() + " suppressed)") + "\n");
        } else if (active.isEmpty()) {
            out.write(paint(BOLD, "No problems found.") + (suppressed.isEmpty() ? "" : " (" + suppressed.size() + " suppressed)") + "\n");
        } else {
            out.write(plural(c.get(Severity.ERROR), "error") + ", " + plural(c.get(Severity.WARNING), "warning") + ", "
                    + c.get(Severity.INFO) + " info" + (suppressed.isEmpty() ? "" : ", " + suppressed.size() + " suppressed")
                    + unbuilt.map(u -> "; " + u).orElse("") + "\n");
        }
    }

    /** How many evidence lines the text report shows of one finding. */
    static final int MAX_EVIDENCE = 5;

    /** One finding; {@code n} is its number in the report (JSON order), which {@code explain N} takes. */
    private void finding(Finding f, int n, Writer out) throws IOException {
        out.write("  " + paint(COLOURS.get(f.severity()), f.severity().id()) + " " + paint(BOLD, f.rule() + " " + f.name())
                + "  " + f.location().display() + (f.packageName() == null ? "" : "  " + paint(DIM, "package " + f.packageName()))
                + "\n");
        out.write("    " + f.message() + "\n");
        // the first few evidence lines; JSON, SARIF and explain list them all
        List<String> evidence = f.evidence();
        int shown = evidence.size() > MAX_EVIDENCE + 1 ? MAX_EVIDENCE : evidence.size();
        for (String e : evidence.subList(0, shown)) {
            out.write("    " + paint(DIM, "│ " + e) + "\n");
        }
        if (shown < evidence.size()) {
            out.write("    " + paint(DIM, "│ ... and " + (evidence.size() - shown) + " more") + "\n");
        }
        if (f.fix() != null && f.fix().summary() != null) {
            out.write("    " + paint(BOLD, "fix:") + " " + f.fix().summary() + "\n");
        }
        out.write("    " + paint(DIM, "more: wheelwright explain " + n + " (this finding), explain " + f.name() + " (the rule)") + "\n\n");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 || word.equals("info") ? "" : "s");
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
