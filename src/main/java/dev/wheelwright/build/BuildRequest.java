package dev.wheelwright.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the user asked for.
 *
 * @param project     the project folder (holds pyproject.toml or setup.py)
 * @param targets     target names as given: native, x86_64, arm64, universal2, i686, aarch64
 * @param python      the interpreter to build with
 * @param out         where wheels go; logs go to {@code out/logs}
 * @param isolation   whether the front end builds in an isolated environment (PEP 517)
 * @param timeout     the longest one build may take
 * @param environment the environment the builds start from (normally the process's)
 */
public record BuildRequest(Path project, List<String> targets, String python, Path out, boolean isolation,
                           Duration timeout, Map<String, String> environment) {
    public BuildRequest {
        targets = List.copyOf(targets);
        environment = Map.copyOf(environment);
    }
}
