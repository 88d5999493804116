package dev.wheelwright.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One build, fully decided before anything runs: which front end, which command line, which
 * environment, where.
 *
 * @param target      the target's name as the user gave it (names the log file)
 * @param arch        what the wheel is for: x86_64, arm64, universal2, aarch64, i686
 * @param frontEnd    {@code build} (pypa/build) or {@code pip} ({@code pip wheel})
 * @param command     the child process's command line
 * @param environment variables set or changed for this build (on top of the inherited ones)
 * @param directory   where the front end runs: the project, or a private copy of it
 * @param copyFrom    the project folder to copy into {@code directory} first; null: build in place
 * @param wheelDir    where the front end writes wheels (private to this build)
 * @param log         the log file
 * @param notes       things the user should know about this plan (a raised deployment target)
 * @param cross       whether the build cross-compiles (a Linux build for another CPU)
 * @param sysconfigData the target's sysconfig data module to copy onto the build's PYTHONPATH
 *                    ({@code stage}) before it starts, or null
 * @param stage       the folder that copy goes to (on the build's PYTHONPATH), or null
 * @param test        how the built wheels are tried, or null for no test step
 */
public record BuildPlan(String target, String arch, String frontEnd, List<String> command,
                        Map<String, String> environment, Path directory, Path copyFrom, Path wheelDir, Path log,
                        List<String> notes, boolean cross, Path sysconfigData, Path stage, TestPlan test) {
    public BuildPlan {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        notes = List.copyOf(notes);
    }

    public BuildPlan(String target, String arch, String frontEnd, List<String> command, Map<String, String> environment,
                     Path directory, Path copyFrom, Path wheelDir, Path log, List<String> notes) {
        this(target, arch, frontEnd, command, environment, directory, copyFrom, wheelDir, log, notes, false, null, null, null);
    }

    /** natively, cross-compiled */
    public String compiled() {
        return cross ? "cross-compiled" : "natively";
    }
}
