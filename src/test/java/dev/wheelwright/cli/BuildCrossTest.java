package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.Slice;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end on an x86_64 Debian host: real cross builds of the test projects for aarch64 with
 * Debian's cross toolchain and arm64 Python headers, each wheel then imported by an arm64 Python
 * under QEMU. Skipped, naming what is missing, where the host lacks a piece (.ci/run installs them).
 */
class BuildCrossTest {
    static final String PYTHON = "/usr/bin/python3";
    static final Path PROJECTS = Path.of("testdata/projects");
    /** Made once from Debian's arm64 packages and kept for every test of the run. */
    static final Path CACHE = Path.of("target/test-sysroots");

    @TempDir
    Path tmp;

    static String missing;

    @BeforeAll
    static void probe() throws Exception {
        List<String> gaps = new ArrayList<>();
        if (!System.getProperty("os.arch").equals("amd64")) {
            gaps.add("an x86_64 host");
        }
        for (String f : List.of("/usr/bin/aarch64-linux-gnu-gcc", "/usr/include/aarch64-linux-gnu/python3.11/pyconfig.h",
                "/usr/lib/python3.11/_sysconfigdata__linux_aarch64-linux-gnu.py", "/usr/bin/qemu-aarch64-static", "/usr/bin/dpkg")) {
            if (!Files.exists(Path.of(f))) {
                gaps.add(f);
            }
        }
        if (!python("import setuptools, wheel, build, cffi, Cython")) {
            gaps.add(PYTHON + " with setuptools, wheel, build, cffi and Cython");
        }
        missing = gaps.isEmpty() ? null : String.join(", ", gaps)
                + " (apt-get install crossbuild-essential-arm64 libpython3.11-dev:arm64 qemu-user-static cython3 python3-cffi python3-build)";
    }

    static boolean python(String code) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", code).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    Path project(String name) throws Exception {
        Path copy = tmp.resolve("src").resolve(name);
        Files.createDirectories(copy.getParent());
        dev.wheelwright.TestTrees.copy(PROJECTS.resolve(name), copy);
        return copy;
    }

    /** Every native binary in a wheel, read by wheelwright's ELF reader. */
    static List<Slice> binaries(Path wheel) throws Exception {
        List<Slice> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(wheel.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.getName().endsWith(".so")) {
                    byte[] bytes;
                    try (InputStream in = z.getInputStream(e)) {
                        bytes = in.readAllBytes();
                    }
                    out.addAll(BinaryReader.read(e.getName(), bytes).slices());
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
            "c-ext-ok,  hello_ext-0.1.0-cp311-cp311-linux_aarch64.whl",
            "cffi-ok,   demo_cffi-0.1.0-cp311-cp311-linux_aarch64.whl",
            "cython-ok, fastsum-0.1.0-cp311-cp311-linux_aarch64.whl",
    })
    void crossBuildsForAarch64AndImportsUnderQemu(String name, String wheelName) throws Exception {
        assumeTrue(missing == null, () -> "cross build test skipped, missing: " + missing);
        Path out = tmp.resolve("wheelhouse");
        BuildCommandTest.Run r = BuildCommandTest.run("build", project(name).toString(), "--arch", "aarch64", "--python", PYTHON,
                "--no-isolation", "--out", out.toString(), "--cache-dir", CACHE.toString(), "--format", "json", "--local");
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode build = json.get("builds").get(0);
        assertThat(build.get("status").asText()).as(r.err()).isEqualTo("succeeded");
        assertThat(build.get("compiled").asText()).isEqualTo("cross-compiled");
        assertThat(build.get("test").get("how").asText()).isEqualTo("under QEMU");
        assertThat(build.get("test").get("status").asText()).as(Files.readString(out.resolve("logs/aarch64.log"))).isEqualTo("passed");
        Path wheel = out.resolve(wheelName);
        assertThat(wheel).exists();
        List<Slice> slices = binaries(wheel);
        assertThat(slices).isNotEmpty().allSatisfy(s -> assertThat(s.arch()).isEqualTo("aarch64"));
        // the log shows the cross compiler at work, and the import under emulation
        String log = Files.readString(out.resolve("logs/aarch64.log"));
        assertThat(log).contains("aarch64-linux-gnu-gcc").contains("testing under QEMU: python -c 'import ")
                .contains("# wheelwright: test passed (under QEMU)");
        // with --local, only the plain linux tag (info) is left to say: no error, no untested cross build
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(json.get("findings").findValuesAsText("name")).doesNotContain("cross-compiled-untested", "elf-arch-not-in-tag");
    }

    @Test
    void aSetupPyThatForcesTheHostCompilerIsCaughtWithItsEvidence() throws Exception {
        assumeTrue(missing == null, () -> "cross build test skipped, missing: " + missing);
        Path out = tmp.resolve("wheelhouse");
        BuildCommandTest.Run r = BuildCommandTest.run("build", project("cross-cc-broken").toString(), "--arch", "aarch64", "--python",
                PYTHON, "--no-isolation", "--out", out.toString(), "--cache-dir", CACHE.toString(), "--no-color");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FINDINGS);
        // the binary is x86_64 inside an aarch64 wheel: the audit says so, with the line that linked it
        assertThat(r.out()).contains("error WW-E003 elf-arch-not-in-tag")
                .contains("hardcc/_impl.cpython-311-aarch64-linux-gnu.so is built for x86_64 but the wheel is tagged linux_aarch64")
                .containsPattern("built at .*aarch64\\.log:\\d+: gcc -shared .* -o build/lib\\.linux-aarch64-cpython-311/hardcc/_impl\\.cpython-311-aarch64-linux-gnu\\.so")
                .contains("because of it, the wheel failed its test under QEMU")
                .contains("cross-compiled, tested under QEMU: failed")
                .doesNotContain("unrecognised-build-failure");
        List<Slice> slices = binaries(out.resolve("hardcc-0.1.0-cp311-cp311-linux_aarch64.whl"));
        assertThat(slices).singleElement().satisfies(s -> assertThat(s.arch()).isEqualTo("x86_64"));
    }

    @Test
    void dryRunShowsTheCrossPlanAndWritesNothing() throws Exception {
        assumeTrue(missing == null, () -> "cross build test skipped, missing: " + missing);
        Path out = tmp.resolve("wheelhouse");
        BuildCommandTest.Run r = BuildCommandTest.run("build", project("c-ext-ok").toString(), "--arch", "native", "--arch", "aarch64",
                "--python", PYTHON, "--out", out.toString(), "--cache-dir", CACHE.toString(), "--dry-run");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("target aarch64 (aarch64)")
                .contains("environment: CC=aarch64-linux-gnu-gcc")
                .contains("environment: _PYTHON_SYSCONFIGDATA_NAME=_sysconfigdata__linux_aarch64-linux-gnu")
                .contains("compiled:    cross-compiled")
                .contains("test:        import every top-level module of the wheel, under QEMU with /usr/bin/qemu-aarch64-static")
                .contains("compiled:    natively");
        assertThat(out).doesNotExist();
    }

    @Test
    void containerBuildsArePlannedEverywhereAndRunOnlyWithAnEngine() throws Exception {
        Path out = tmp.resolve("wheelhouse");
        Path project = project("c-ext-ok");
        BuildCommandTest.Run dry = BuildCommandTest.run("build", project.toString(), "--arch", "aarch64", "--container", "docker",
                "--python", PYTHON, "--out", out.toString(), "--dry-run");
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "needs " + PYTHON);
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("front end:   docker")
                .contains("command:     docker run --rm --platform linux/arm64 --volume " + project.toAbsolutePath().normalize() + ":/project:ro")
                .contains("quay.io/pypa/manylinux_2_28_aarch64");
        BuildCommandTest.Run bad = BuildCommandTest.run("build", project.toString(), "--container", "lxc", "--out", out.toString());
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).isEqualTo("wheelwright: --container lxc: expected docker or podman\n");
        String why = BuildCommand.engineWhyNot("docker");
        assumeTrue(why != null, "a docker daemon answers here: the no-engine case cannot be shown");
        assertThat(why).matches("docker (is not installed \\(or not on PATH\\)|cannot run containers here \\(docker info: .+\\))");
        BuildCommandTest.Run none = BuildCommandTest.run("build", project.toString(), "--container", "docker", "--python", PYTHON,
                "--out", out.toString());
        assertThat(none.code()).isEqualTo(ExitCode.BUILD_NOT_RUN);
        assertThat(none.err()).isEqualTo("wheelwright: " + why + "\n");
        assertThat(out).doesNotExist();
    }
}
