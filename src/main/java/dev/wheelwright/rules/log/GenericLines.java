package dev.wheelwright.rules.log;

import java.util.regex.Pattern;

/**
 * The closing lines pip, setuptools and build front ends print after any failure. They say
 * that something failed, never why, so they are context, not causes: a finding points at its
 * strongest evidence, which is never one of these when a better line matched.
 */
public final class GenericLines {
    private GenericLines() {}

    private static final Pattern GENERIC = Pattern.compile(String.join("|",
            "error: subprocess-exited-with-error",
            "ERROR: Failed building wheel for ",
            "note: This error originates from a subprocess",
            "legacy-install-failure",
            "× .* did not run successfully",
            "^[\\s│|]*exit code: \\d+",
            "╰─> (?:\\[\\d+ lines? of output]|See above for output)",
            "^\\s*\\[end of output]",
            "Failed to build ",
            "ERROR: Could not build wheels for ",
            "ERROR: Command errored out with exit status",
            "Command \".*\" failed with error code",
            "error: command '.*' failed with exit (?:code|status)",
            "ERROR Backend subprocess exited",
            "ERROR: Failed to build installable wheels",
            "^\\s*\\^?\\s*$"));

    public static boolean isGeneric(String line) {
        return GENERIC.matcher(line).find();
    }
}
