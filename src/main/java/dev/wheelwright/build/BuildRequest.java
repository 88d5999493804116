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
 * @param sysroot     a root file system of the target CPU (cross builds: its Python headers and
 *                    sysconfig data; tests: the libraries the emulator loads), or null
 * @param targetPython the target interpreter inside {@code sysroot} for tests under QEMU, or null
 *                    (then one is made from Debian's packages in {@code cacheDir})
 * @param testCommand the test to run on each built wheel, or null for importing its modules
 * @param test        whether built wheels are tried at all
 * @param cacheDir    where made sysroots are kept
 * @param container   {@code docker} or {@code podman}: build Linux targets in manylinux containers, or null
 * @param image       the container image (else cibuildwheel's default manylinux image of each arch), or null
 */
public record BuildRequest(Path project, List<String> targets, String python, Path out, boolean isolation,
                           Duration timeout, Map<String, String> environment, Path sysroot, String targetPython,
                           String testCommand, boolean test, Path cacheDir, String container, String image) {
    public BuildRequest {
        targets = List.copyOf(targets);
        environment = Map.copyOf(environment);
    }

    /** A request without test step or sysroot (as before cross builds existed). */
    public BuildRequest(Path project, List<String> targets, String python, Path out, boolean isolation,
                        Duration timeout, Map<String, String> environment) {
        this(project, targets, python, out, isolation, timeout, environment, null, null, null, false, null, null, null);
    }

    public BuildRequest(Path project, List<String> targets, String python, Path out, boolean isolation,
                        Duration timeout, Map<String, String> environment, Path sysroot, String targetPython,
                        String testCommand, boolean test, Path cacheDir) {
        this(project, targets, python, out, isolation, timeout, environment, sysroot, targetPython, testCommand, test, cacheDir,
                null, null);
    }
}
