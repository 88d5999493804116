package dev.wheelwright.cli;

import dev.wheelwright.build.BuildOutcome;
import dev.wheelwright.build.BuildPlan;
import dev.wheelwright.build.TargetResult;
import dev.wheelwright.build.Unbuildable;
import dev.wheelwright.report.BuildTargets;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The build part of the report: which targets built (and their wheels), which failed, why (the
 * first finding in the target's own log or wheels) and where their log is, which were not
 * attempted and why. The findings follow, rendered by {@link FindingsOutput} like every judging
 * command's; structured formats carry the same data as {@link BuildTargets}.
 */
final class BuildReport {
    private BuildReport() {}

    /** The targets of a build with the cause the diagnosis found for each. */
    static BuildTargets model(BuildOutcome o, List<Finding> findings) {
        List<BuildTargets.Target> out = new ArrayList<>();
        for (TargetResult r : o.results()) {
            Integer exit = r.exitCode() < 0 ? null : r.exitCode();
            String compiled = o.plans().stream().filter(p -> p.target().equals(r.target())).map(BuildPlan::compiled).findFirst().orElse(null);
            BuildTargets.Test test = r.test() == null ? null : new BuildTargets.Test(r.test().status().id(), r.test().how(), r.test().detail());
            out.add(new BuildTargets.Target(r.target(), r.status().id(), exit, r.duration().toMillis() / 1000.0,
                    r.log().toString(), r.wheels().stream().map(Path::toString).toList(),
                    r.succeeded() ? null : r.detail(), cause(r, findings), compiled, test));
        }
        for (Unbuildable u : o.refused()) {
            out.add(new BuildTargets.Target(u.target(), "not-built", null, null, null, List.of(), u.reason(), null));
        }
        return new BuildTargets(out);
    }

    /**
     * The finding that explains a target: the first error located in its log or in one of its
     * wheels; for a target that failed, else the first warning there.
     */
    static BuildTargets.Cause cause(TargetResult r, List<Finding> findings) {
        String log = r.log().toString();
        Set<String> wheels = r.wheels().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        List<Finding> mine = findings.stream().filter(f -> !f.suppressed() && belongs(f.location(), log, wheels)).toList();
        for (Severity s : r.succeeded() ? List.of(Severity.ERROR) : List.of(Severity.ERROR, Severity.WARNING)) {
            for (Finding f : mine) {
                if (f.severity() == s) {
                    return new BuildTargets.Cause(f.rule(), f.name(), f.message(), f.location().display());
                }
            }
        }
        return null;
    }

    private static boolean belongs(Location l, String log, Set<String> wheels) {
        if (l instanceof Location.FileLine fl) {
            return fl.file().equals(log);
        }
        if (l instanceof Location.WheelMember w) {
            return wheels.contains(Path.of(w.wheel()).getFileName().toString());
        }
        return false;
    }

    static void targets(PrintWriter w, BuildOutcome o, BuildTargets model) {
        long ok = o.results().stream().filter(TargetResult::succeeded).count();
        int all = o.results().size() + o.refused().size();
        w.printf("Built %d of %d target%s into %s (logs in %s)%n", ok, all, all == 1 ? "" : "s", o.out(), o.out().resolve("logs"));
        for (BuildTargets.Target t : model.targets()) {
            if (t.status().equals("not-built")) {
                w.printf("  %-11s %-10s %8s  %s%n", t.target(), "not built", "", t.reason());
                continue;
            }
            String what = t.succeeded()
                    ? String.join(", ", t.wheels().stream().map(p -> Path.of(p).getFileName().toString()).toList())
                    : t.reason() + "; log: " + t.log();
            w.printf(Locale.ROOT, "  %-11s %-10s %6.1f s  %s%n", t.target(), t.status(), t.seconds(), what);
            if (t.compiled() != null && (t.test() != null || t.compiled().equals("cross-compiled"))) {
                String tested = t.test() == null ? "" : t.test().status().equals("not-run") ? ", not tested: " + t.test().detail()
                        : ", tested " + t.test().how() + ": " + t.test().status()
                        + (t.test().status().equals("failed") ? " (" + t.test().detail() + "; log: " + t.log() + ")" : "");
                w.printf("  %-11s %-10s %8s  %s%s%n", "", "", "", t.compiled().equals("natively") ? "built natively" : "cross-compiled", tested);
            }
            if (!t.succeeded() && t.cause() != null) {
                w.printf("  %-11s %-10s %8s  cause: %s %s at %s%n", "", "", "", t.cause().rule(), t.cause().name(), t.cause().location());
            }
        }
        w.println();
        w.flush();
    }
}
