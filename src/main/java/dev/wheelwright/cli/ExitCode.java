package dev.wheelwright.cli;

/** Exit codes of every command (cli.md). */
public final class ExitCode {
    /** Ran; no finding at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** Ran; at least one finding at or above {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** Bad usage or unreadable/malformed input. */
    public static final int USAGE = 2;
    /** A build failed to run (tool or interpreter missing). */
    public static final int BUILD_NOT_RUN = 3;

    private ExitCode() {}
}
