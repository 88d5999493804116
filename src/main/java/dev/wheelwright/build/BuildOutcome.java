package dev.wheelwright.build;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one {@code build} run did: what was planned, what was refused up front, and how each
 * build ended. The input of the diagnosis that follows (logs, wheels, project).
 */
public record BuildOutcome(Path project, Path out, List<BuildPlan> plans, List<Unbuildable> refused,
                           List<TargetResult> results) {
    public BuildOutcome {
        plans = List.copyOf(plans);
        refused = List.copyOf(refused);
        results = List.copyOf(results);
    }

    /** Logs of the builds that ran, in plan order. */
    public List<Path> logs() {
        return results.stream().map(TargetResult::log).toList();
    }

    /** Wheels all builds produced. */
    public List<Path> wheels() {
        return results.stream().flatMap(r -> r.wheels().stream()).toList();
    }

    public boolean anyFailed() {
        return results.stream().anyMatch(r -> !r.succeeded());
    }
}
