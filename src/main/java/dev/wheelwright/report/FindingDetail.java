package dev.wheelwright.report;

import dev.wheelwright.rules.Finding;
import java.io.PrintWriter;

/** One finding in full, as {@code explain N} shows it (in the shell and on the command line). */
public final class FindingDetail {
    private FindingDetail() {}

    /**
     * Prints where, what, the evidence, the fix and any suppression of a finding.
     *
     * @param fixCommand how to apply its machine fix (e.g. {@code fix 3}); null: name the rule
     */
    public static void print(Finding f, PrintWriter out, String fixCommand) {
        out.println(f.rule() + " " + f.name() + " (" + f.severity().id() + ")");
        if (f.title() != null) {
            out.println(f.title());
        }
        out.println();
        out.println("Where:    " + f.location().display());
        if (f.packageName() != null) {
            out.println("Package:  " + f.packageName());
        }
        out.println("What:     " + f.message());
        if (!f.evidence().isEmpty()) {
            out.println("Evidence:");
            f.evidence().forEach(e -> out.println("  " + e));
        }
        if (f.fix() != null && f.fix().summary() != null) {
            out.println("Fix:      " + f.fix().summary()
                    + (f.fix().action() != null ? "  (wheelwright " + (fixCommand != null ? fixCommand : "fix " + f.rule())
                    + " applies it)" : ""));
        }
        if (f.suppressed()) {
            out.println("Suppressed by " + f.suppression().source() + ": " + f.suppression().reason());
        }
    }
}
