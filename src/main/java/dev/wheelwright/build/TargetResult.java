package dev.wheelwright.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one build ended.
 *
 * @param target   the target's name
 * @param status   how it ended
 * @param exitCode the front end's exit code; -1 when it did not exit by itself
 * @param log      the log file (complete, also for a failed build)
 * @param wheels   the wheels it produced, moved into the output folder
 * @param duration how long it ran
 * @param detail   a short reason for a build that did not succeed, else empty
 * @param test     how trying the wheels went, or null when the plan has no test step
 */
public record TargetResult(String target, Status status, int exitCode, Path log, List<Path> wheels,
                           Duration duration, String detail, TestOutcome test) {

    public TargetResult(String target, Status status, int exitCode, Path log, List<Path> wheels, Duration duration, String detail) {
        this(target, status, exitCode, log, wheels, duration, detail, null);
    }

    /** Whether the wheels were tried and failed. */
    public boolean testFailed() {
        return test != null && test.status() == TestOutcome.Status.FAILED;
    }

    public enum Status {
        SUCCEEDED, FAILED, TIMED_OUT, CANCELLED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public TargetResult {
        wheels = List.copyOf(wheels);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
