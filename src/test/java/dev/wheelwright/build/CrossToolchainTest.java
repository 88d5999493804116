package dev.wheelwright.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross toolchains found (or found missing) on a made-up host: a file system root and a PATH in
 * a temporary folder, laid out as Debian's multiarch packages lay them out.
 */
class CrossToolchainTest {
    @TempDir
    Path root;

    static final PythonInfo DEBIAN_PY = new PythonInfo("/usr/bin/python3", "3.11.2", "linux-x86_64", true, true, true,
            "/usr/include/python3.11", "/usr/lib/python3.11");

    private Path bin() throws IOException {
        return Files.createDirectories(root.resolve("usr/bin"));
    }

    private void tool(String name) throws IOException {
        Path f = Files.writeString(bin().resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void write(String rel, String text) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    /** What crossbuild-essential-arm64 and libpython3.11-dev:arm64 install, and Debian's wrapper pyconfig.h. */
    private void debianArm64() throws IOException {
        tool("aarch64-linux-gnu-gcc");
        tool("aarch64-linux-gnu-g++");
        write("usr/include/python3.11/Python.h", "/* Python.h */\n");
        write("usr/include/python3.11/pyconfig.h", "#if defined(__aarch64__) && defined(__AARCH64EL__)\n"
                + "#  include <aarch64-linux-gnu/python3.11/pyconfig.h>\n#endif\n");
        write("usr/include/aarch64-linux-gnu/python3.11/pyconfig.h", "#define SIZEOF_LONG 8\n");
        write("usr/lib/python3.11/_sysconfigdata__linux_aarch64-linux-gnu.py", "build_time_vars = {}\n");
    }

    private Map<String, String> env() {
        return Map.of("PATH", root.resolve("usr/bin").toString());
    }

    private static final CrossToolchain.Cpu AARCH64 = CrossToolchain.cpu("aarch64").orElseThrow();

    @Test
    void aBareHostIsToldEveryPackageAndTheCommandsThatInstallThem() {
        CrossToolchain.Result r = CrossToolchain.find(AARCH64, DEBIAN_PY, Map.of("PATH", ""), root, null, false);
        assertThat(r.found()).isNull();
        assertThat(r.missing()).extracting(CrossToolchain.Missing::what).hasSize(3)
                .anySatisfy(w -> assertThat(w).contains("aarch64-linux-gnu-gcc"))
                .anySatisfy(w -> assertThat(w).contains("aarch64-linux-gnu/python3.11/pyconfig.h"))
                .anySatisfy(w -> assertThat(w).contains("_sysconfigdata__linux_aarch64-linux-gnu.py"));
        String reason = r.reason(AARCH64, null);
        assertThat(reason).startsWith("cross-compiling for aarch64 needs the C cross compiler aarch64-linux-gnu-gcc")
                .contains("On Debian/Ubuntu: dpkg --add-architecture arm64 && apt-get update && apt-get install "
                        + "gcc-aarch64-linux-gnu libpython3.11-dev:arm64 libpython3.11-stdlib:arm64")
                .endsWith("(or give --sysroot DIR: a root file system of the target with its Python headers)");
    }

    @Test
    void aDebianHostWithTheMultiarchPackagesGetsTheCrossEnvironment() throws IOException {
        debianArm64();
        CrossToolchain.Result r = CrossToolchain.find(AARCH64, DEBIAN_PY, env(), root, null, false);
        assertThat(r.missing()).isEmpty();
        assertThat(r.found().environment())
                .containsEntry("_PYTHON_HOST_PLATFORM", "linux-aarch64")
                .containsEntry("_PYTHON_SYSCONFIGDATA_NAME", "_sysconfigdata__linux_aarch64-linux-gnu")
                .containsEntry("CC", "aarch64-linux-gnu-gcc")
                .containsEntry("LDSHARED", "aarch64-linux-gnu-gcc -shared")
                .containsEntry("CXX", "aarch64-linux-gnu-g++")
                .containsEntry("AR", "aarch64-linux-gnu-ar")
                .doesNotContainKey("CARGO_BUILD_TARGET");
        // the interpreter's own stdlib holds the data module: nothing to put on PYTHONPATH
        assertThat(r.found().sysconfigData()).isNull();
        assertThat(r.found().notes()).isEmpty();
    }

    @Test
    void rustProjectsGetCargosTargetAndLinker() throws IOException {
        debianArm64();
        CrossToolchain.Found f = CrossToolchain.find(AARCH64, DEBIAN_PY, env(), root, null, true).found();
        assertThat(f.environment())
                .containsEntry("CARGO_BUILD_TARGET", "aarch64-unknown-linux-gnu")
                .containsEntry("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER", "aarch64-linux-gnu-gcc")
                .containsEntry("PYO3_CROSS_LIB_DIR", root.resolve("usr/lib/python3.11").toString())
                .containsEntry("PYO3_CROSS_PYTHON_VERSION", "3.11");
    }

    @Test
    void anInterpreterWithHostOnlyHeadersIsRefusedWithTheInterpreterToUse() throws IOException {
        debianArm64();
        // a self-built Python (pyenv): its pyconfig.h is the host's, not Debian's wrapper
        write("opt/py/include/python3.11/pyconfig.h", "#define SIZEOF_LONG 8\n");
        PythonInfo pyenv = new PythonInfo("/opt/py/bin/python3", "3.11.7", "linux-x86_64", true, true, true,
                "/opt/py/include/python3.11", "/opt/py/lib/python3.11");
        CrossToolchain.Result r = CrossToolchain.find(AARCH64, pyenv, env(), root, null, false);
        assertThat(r.found()).isNull();
        assertThat(r.missing()).singleElement().satisfies(m -> {
            assertThat(m.what()).contains("are for x86_64 only").contains("--python /usr/bin/python3.11");
            assertThat(m.packages()).isEmpty();
        });
    }

    @Test
    void noCxxCompilerIsANoteNotARefusal() throws IOException {
        debianArm64();
        Files.delete(root.resolve("usr/bin/aarch64-linux-gnu-g++"));
        CrossToolchain.Found f = CrossToolchain.find(AARCH64, DEBIAN_PY, env(), root, null, false).found();
        assertThat(f.environment()).doesNotContainKey("CXX");
        assertThat(f.notes()).singleElement().asString().contains("g++-aarch64-linux-gnu");
    }

    @Test
    void aSysrootSuppliesHeadersAndSysconfigData() throws IOException {
        tool("aarch64-linux-gnu-gcc");
        Path sysroot = Files.createDirectories(root.resolve("srv/arm64"));
        write("srv/arm64/usr/include/python3.11/Python.h", "");
        write("srv/arm64/usr/lib/python3.11/_sysconfigdata__linux_aarch64-linux-gnu.py", "build_time_vars = {}\n");
        CrossToolchain.Result r = CrossToolchain.find(AARCH64, DEBIAN_PY, Map.of("PATH", root.resolve("usr/bin").toString(),
                "CFLAGS", "-O2"), root, sysroot, false);
        assertThat(r.missing()).isEmpty();
        assertThat(r.found().environment())
                .containsEntry("CFLAGS", "-O2 --sysroot=" + sysroot + " -I" + sysroot.resolve("usr/include/python3.11"))
                .containsEntry("LDFLAGS", "--sysroot=" + sysroot);
        assertThat(r.found().sysconfigData()).isEqualTo(sysroot.resolve("usr/lib/python3.11/_sysconfigdata__linux_aarch64-linux-gnu.py"));

        CrossToolchain.Result empty = CrossToolchain.find(AARCH64, DEBIAN_PY, env(), root,
                Files.createDirectories(root.resolve("srv/empty")), false);
        assertThat(empty.missing()).hasSize(2);
        assertThat(empty.reason(AARCH64, root.resolve("srv/empty"))).doesNotContain("--sysroot DIR");
    }

    @Test
    void everyCpuHasItsGnuDebianQemuAndRustNames() {
        assertThat(CrossToolchain.CPUS).extracting(CrossToolchain.Cpu::arch)
                .containsExactly("x86_64", "i686", "aarch64", "armv7l", "ppc64le", "s390x", "riscv64");
        CrossToolchain.Cpu arm = CrossToolchain.cpu("armv7l").orElseThrow();
        assertThat(List.of(arm.triplet(), arm.debianArch(), arm.qemu(), arm.rustTarget()))
                .containsExactly("arm-linux-gnueabihf", "armhf", "arm", "armv7-unknown-linux-gnueabihf");
        assertThat(CrossToolchain.cpu("ppc64le").orElseThrow().debianArch()).isEqualTo("ppc64el");
    }

    // --- the planner on the same made-up hosts ---

    private BuildRequest request(String arch, boolean test, Path cache) {
        return new BuildRequest(Path.of("/src/demo"), List.of(arch), "/usr/bin/python3", Path.of("/out"), false,
                Duration.ofMinutes(5), env(), null, null, null, test, cache);
    }

    @Test
    void aCrossPlanCarriesTheEnvironmentAndTestsUnderQemu() throws IOException {
        debianArm64();
        tool("qemu-aarch64-static");
        BuildPlanner.Plans plans = BuildPlanner.plan(request("aarch64", true, root.resolve("cache")),
                new HostPlatform(HostPlatform.Os.LINUX, "x86_64"), DEBIAN_PY, Path.of("/tmp/ww-build"), root);
        assertThat(plans.unbuildable()).isEmpty();
        BuildPlan p = plans.plans().get(0);
        assertThat(p.cross()).isTrue();
        assertThat(p.compiled()).isEqualTo("cross-compiled");
        assertThat(p.environment()).containsEntry("CC", "aarch64-linux-gnu-gcc").containsEntry("_PYTHON_HOST_PLATFORM", "linux-aarch64");
        assertThat(p.test().mode()).isEqualTo(TestPlan.Mode.QEMU);
        assertThat(p.test().qemu()).isEqualTo(root.resolve("usr/bin/qemu-aarch64-static"));
        // no target interpreter given: one is made from Debian's arm64 packages when the test runs
        assertThat(p.test().python()).isEmpty();
        assertThat(p.test().debianArch()).isEqualTo("arm64");
        assertThat(p.test().pythonVersion()).isEqualTo("3.11");
    }

    @Test
    void withoutQemuTheCrossBuildIsPlannedButNotTested() throws IOException {
        debianArm64();
        BuildPlan p = BuildPlanner.plan(request("aarch64", true, root.resolve("cache")), new HostPlatform(HostPlatform.Os.LINUX, "x86_64"),
                DEBIAN_PY, Path.of("/tmp/ww-build"), root).plans().get(0);
        assertThat(p.test().mode()).isEqualTo(TestPlan.Mode.NONE);
        assertThat(p.test().whyNot()).isEqualTo("no qemu-aarch64-static on PATH to run aarch64 code (apt-get install qemu-user-static)");
    }

    @Test
    void aNativeBuildIsTestedWithItsOwnInterpreter() throws IOException {
        BuildPlan p = BuildPlanner.plan(request("native", true, null), new HostPlatform(HostPlatform.Os.LINUX, "x86_64"),
                DEBIAN_PY, Path.of("/tmp/ww-build"), root).plans().get(0);
        assertThat(p.cross()).isFalse();
        assertThat(p.test().mode()).isEqualTo(TestPlan.Mode.NATIVE);
        assertThat(p.test().python()).containsExactly("/usr/bin/python3");
    }

    @Test
    void aSysrootWithTheTargetInterpreterIsUsedForTheTest() throws IOException {
        debianArm64();
        tool("qemu-aarch64-static");
        Path sysroot = root.resolve("srv/arm64");
        write("srv/arm64/usr/include/python3.11/Python.h", "");
        write("srv/arm64/usr/lib/python3.11/_sysconfigdata__linux_aarch64-linux-gnu.py", "");
        write("srv/arm64/usr/bin/python3.11", "");
        BuildRequest req = new BuildRequest(Path.of("/src/demo"), List.of("aarch64"), "/usr/bin/python3", Path.of("/out"), false,
                Duration.ofMinutes(5), env(), sysroot, null, "{python} -m pytest {project}/tests", true, null);
        BuildPlan p = BuildPlanner.plan(req, new HostPlatform(HostPlatform.Os.LINUX, "x86_64"), DEBIAN_PY, Path.of("/tmp/ww-build"), root)
                .plans().get(0);
        assertThat(p.test().python()).containsExactly(root.resolve("usr/bin/qemu-aarch64-static").toString(), "-L", sysroot.toString(),
                sysroot.resolve("usr/bin/python3.11").toString());
        assertThat(p.test().command()).isEqualTo("{python} -m pytest {project}/tests");
        // the sysroot's data module is copied where the build interpreter imports it
        assertThat(p.sysconfigData()).isEqualTo(sysroot.resolve("usr/lib/python3.11/_sysconfigdata__linux_aarch64-linux-gnu.py"));
        assertThat(p.environment()).containsEntry("PYTHONPATH", p.stage().toString());
    }
}
