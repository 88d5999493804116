package dev.wheelwright.report;

import java.util.List;

/**
 * The build part of a {@code build} report: one entry per target that was asked for, whether it
 * ran or was refused up front. Renderers that carry structured data (JSON {@code builds}, SARIF run
 * properties, JUnit test cases, HTML) show it beside the findings; the text report prints its own
 * table before them.
 */
public record BuildTargets(List<Target> targets) {

    public BuildTargets {
        targets = List.copyOf(targets);
    }

    /**
     * What a report with no finding must still say: how many targets did not succeed (a failed
     * build no rule explains, or a target this host cannot build), since they fail the run. Empty
     * when every target built.
     */
    public java.util.Optional<String> unsuccessful() {
        long bad = targets.stream().filter(t -> !t.succeeded()).count();
        if (bad == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(bad + " of " + targets.size() + " target" + (targets.size() == 1 ? "" : "s")
                + (bad == 1 ? " was" : " were") + " not built ("
                + String.join(", ", targets.stream().filter(t -> !t.succeeded()).map(t -> t.target() + ": " + t.status()).toList())
                + ")");
    }

    /**
     * One target.
     *
     * @param target   the target's name as given to {@code --arch} (e.g. {@code arm64})
     * @param status   {@code succeeded}, {@code failed}, {@code timed-out}, {@code cancelled} or {@code not-built}
     * @param exitCode the front end's exit code; null when it did not run or did not exit by itself
     * @param seconds  how long it ran; null when it did not run
     * @param log      the log file as the findings name it; null when it did not run
     * @param wheels   the wheels it produced, as paths
     * @param reason   why it did not succeed (the front end's failure, a timeout, the refusal); null on success
     * @param cause    the first error the diagnosis found in its log or wheels, null when none
     * @param compiled {@code natively} or {@code cross-compiled}; null when it did not run
     * @param test     how trying its wheels went; null when they were not tried
     */
    public record Target(String target, String status, Integer exitCode, Double seconds, String log,
                         List<String> wheels, String reason, Cause cause, String compiled, Test test) {
        public Target {
            wheels = List.copyOf(wheels);
        }

        public Target(String target, String status, Integer exitCode, Double seconds, String log, List<String> wheels,
                      String reason, Cause cause) {
            this(target, status, exitCode, seconds, log, wheels, reason, cause, null, null);
        }

        public boolean succeeded() {
            return status.equals("succeeded");
        }
    }

    /**
     * How a target's wheels were tried.
     *
     * @param status {@code passed}, {@code failed} or {@code not-run}
     * @param how    {@code natively}, {@code under QEMU} or {@code not tested}
     * @param detail the command run, or why it failed or could not run
     */
    public record Test(String status, String how, String detail) {}

    /** Whether some target's wheels were tried and failed. */
    public boolean anyTestFailed() {
        return targets.stream().anyMatch(t -> t.test() != null && t.test().status().equals("failed"));
    }

    /** The root cause of a target's failure: the rule and where its evidence is. */
    public record Cause(String rule, String name, String message, String location) {}

    public boolean anyFailed() {
        return targets.stream().anyMatch(t -> !t.succeeded());
    }
}
