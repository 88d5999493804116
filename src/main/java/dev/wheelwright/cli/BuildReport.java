package dev.wheelwright.cli;

import dev.wheelwright.build.BuildOutcome;
import dev.wheelwright.build.TargetResult;
import dev.wheelwright.build.Unbuildable;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The build part of the report: which targets built (and their wheels), which failed and where
 * their log is, which were not attempted and why. The findings follow, rendered by
 * {@link FindingsOutput} like every judging command's.
 */
final class BuildReport {
    private BuildReport() {}

    static void targets(PrintWriter w, BuildOutcome o) {
        long ok = o.results().stream().filter(TargetResult::succeeded).count();
        int all = o.results().size() + o.refused().size();
        w.printf("Built %d of %d target%s into %s (logs in %s)%n", ok, all, all == 1 ? "" : "s", o.out(), o.out().resolve("logs"));
        for (TargetResult r : o.results()) {
            String what = r.succeeded()
                    ? String.join(", ", r.wheels().stream().map(p -> p.getFileName().toString()).toList())
                    : r.detail() + "; log: " + r.log();
            w.printf(Locale.ROOT, "  %-11s %-10s %6.1f s  %s%n", r.target(), r.status().id(), r.duration().toMillis() / 1000.0, what);
        }
        for (Unbuildable u : o.refused()) {
            w.printf("  %-11s %-10s %8s  %s%n", u.target(), "not built", "", u.reason());
        }
        w.println();
        w.flush();
    }
}
