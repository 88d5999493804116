package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.ToolProbe;
import dev.wheelwright.shell.Shell;
import dev.wheelwright.shell.ShellSession;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end: real builds of the projects under testdata/projects with Debian's Python, without
 * build isolation (no network). Each test is skipped, naming what is missing, where that Python
 * lacks a module it needs (setuptools, wheel, build, cffi) or the C compiler and headers.
 */
class BuildCommandTest {

    /** Debian's Python; -Dwheelwright.test.python=... tries another (e.g. one without build, to see the skips). */
    static final String PYTHON = System.getProperty("wheelwright.test.python", "/usr/bin/python3");
    static final Path PROJECTS = Path.of("testdata/projects");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Skips unless Debian's Python can run this kind of build, naming what is missing: the
     * modules (setuptools, wheel, and build, cffi where the test needs them, probed by importing
     * them) and, with {@code compiles}, the C compiler and Python.h.
     */
    static void assumeBuildTools(boolean compiles, String... modules) {
        List<String> all = new java.util.ArrayList<>(List.of("setuptools", "wheel"));
        all.addAll(List.of(modules));
        ToolProbe.assumeModules(PYTHON, all.toArray(String[]::new));
        if (compiles) {
            ToolProbe.assumeCompiler(PYTHON);
        }
    }

    /** A private copy of a test project: builds write build/ and *.egg-info into their tree. */
    Path project(String name) throws Exception {
        Path copy = tmp.resolve("src").resolve(name);
        Files.createDirectories(copy.getParent());
        copyTree(PROJECTS.resolve(name), copy);
        return copy;
    }

    static void copyTree(Path from, Path to) throws Exception {
        dev.wheelwright.TestTrees.copy(from, to);
    }

    @ParameterizedTest
    @CsvSource({
            "c-ext-ok, hello_ext-0.1.0-cp3, hello_ext/_hello",
            "cffi-ok,  demo_cffi-0.1.0-cp3, demo_cffi/_demo_cffi",
    })
    void buildsARealWheelAndKeepsTheLog(String name, String wheelPrefix, String extension) throws Exception {
        assumeBuildTools(true, name.startsWith("cffi") ? new String[] {"build", "cffi"} : new String[] {"build"});
        Path out = tmp.resolve("wheelhouse");
        // --local: a wheel for this machine, so its plain linux tag is info, not the error it is for an index
        Run r = run("build", project(name).toString(), "--python", PYTHON, "--no-isolation", "--out", out.toString(), "--local");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        // the only finding: the plain linux tag pip wheel writes, with the manylinux tag the binaries fit
        assertThat(r.out()).contains("Built 1 of 1 target").contains("native      succeeded")
                .contains("info WW-E008 plain-linux-tag").contains("its binaries fit manylinux_").contains("0 errors, 0 warnings, 1 info");
        List<Path> wheels;
        try (var s = Files.list(out)) {
            wheels = s.filter(p -> p.toString().endsWith(".whl")).toList();
        }
        assertThat(wheels).singleElement().satisfies(w -> {
            assertThat(w.getFileName().toString()).startsWith(wheelPrefix).contains("-linux_");
            try (ZipFile z = new ZipFile(w.toFile())) {
                assertThat(z.stream().map(e -> e.getName())).anyMatch(n -> n.startsWith(extension) && n.endsWith(".so"));
            }
        });
        String log = Files.readString(out.resolve("logs/native.log"));
        assertThat(log).contains("# command: " + PYTHON + " -m build --wheel").contains("# wheelwright: succeeded (exit 0)");
        assertThat(log.lines()).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .*"));
        assertThat(out.resolve("logs")).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void missingHeaderFailsAndIsDiagnosedAtTheCompilerLine() throws Exception {
        assumeBuildTools(true);
        assumeTrue(!Files.exists(Path.of("/usr/include/sodium.h")), "libsodium-dev is installed here");
        Path out = tmp.resolve("wheelhouse");
        Run r = run("build", project("missing-header").toString(), "--python", PYTHON, "--no-isolation",
                "--out", out.toString(), "--format", "json");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FINDINGS);
        Path log = out.resolve("logs/native.log");
        List<String> lines = Files.readAllLines(log);
        int headerLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("fatal error: sodium.h: No such file or directory")) {
                headerLine = i + 1;
                break;
            }
        }
        assertThat(headerLine).as("the compiler's error is in the log").isPositive();
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode finding = json.get("findings").get(0);
        assertThat(finding.get("name").asText()).isEqualTo("library-headers-missing");
        assertThat(finding.get("location").get("file").asText()).isEqualTo(log.toString());
        assertThat(finding.get("location").get("line").asInt()).isEqualTo(headerLine);
        assertThat(finding.get("message").asText()).contains("sodium.h");
        // the JSON document says how each target ended, and why
        JsonNode build = json.get("builds").get(0);
        assertThat(build.get("target").asText()).isEqualTo("native");
        assertThat(build.get("status").asText()).isEqualTo("failed");
        assertThat(build.get("exitCode").asInt()).isEqualTo(1);
        assertThat(build.get("log").asText()).isEqualTo(log.toString());
        assertThat(build.get("wheels")).isEmpty();
        assertThat(build.get("cause").get("name").asText()).isEqualTo("library-headers-missing");
        assertThat(build.get("cause").get("location").asText()).isEqualTo(log + ":" + headerLine);
        // beside a JSON document, the targets table goes to stderr, with the cause under the failed target
        assertThat(r.err()).contains("native      failed").contains("build exited with code 1")
                .contains("cause: WW-B018 library-headers-missing at " + log + ":" + headerLine);
    }

    @Test
    void dryRunPrintsThePlanAndBuildsNothing() throws Exception {
        assumeBuildTools(false, "build"); // the plan names the build front end
        Path out = tmp.resolve("wheelhouse");
        Run r = run("build", project("c-ext-ok").toString(), "--python", PYTHON, "--no-isolation", "--dry-run",
                "--out", out.toString(), "--arch", "native,universal2");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("target native (").contains("front end:   build")
                .contains("command:     " + PYTHON + " -m build --wheel --outdir")
                .contains("environment: PYTHONUNBUFFERED=1")
                .contains("target universal2: not built: universal2 wheels are macOS wheels");
        assertThat(out).doesNotExist();

        // a relative interpreter path is made absolute: the builds run in other folders
        Path link = Files.createDirectories(tmp.resolve("venv/bin")).resolve("python");
        Files.createSymbolicLink(link, Path.of(PYTHON));
        String relative = Path.of("").toAbsolutePath().relativize(link).toString();
        Run rel = run("build", project("cffi-ok").toString(), "--python", relative, "--no-isolation", "--dry-run", "--out", out.toString());
        assertThat(rel.code()).as(rel.err()).isZero();
        assertThat(rel.out()).contains("command:     " + link + " -m build --wheel");
    }

    @Test
    void anInterpreterThatCannotRunIsExit3() throws Exception {
        Run r = run("build", project("c-ext-ok").toString(), "--python", tmp.resolve("no-such-python").toString(),
                "--out", tmp.resolve("w").toString());
        assertThat(r.code()).isEqualTo(ExitCode.BUILD_NOT_RUN);
        assertThat(r.err()).startsWith("wheelwright: " + tmp.resolve("no-such-python") + ": cannot run the Python interpreter")
                .hasLineCount(1);
    }

    @Test
    void noTargetBuildableIsExit3WithTheReason() throws Exception {
        assumeBuildTools(false);
        Run r = run("build", project("c-ext-ok").toString(), "--python", PYTHON, "--arch", "universal2",
                "--out", tmp.resolve("w").toString());
        assertThat(r.code()).isEqualTo(ExitCode.BUILD_NOT_RUN);
        assertThat(r.err()).contains("not building universal2: universal2 wheels are macOS wheels")
                .contains("no target can be built on this host");
    }

    @Test
    void aRequestedTargetThatCannotBeBuiltFailsTheRunButTheOthersStillBuild() throws Exception {
        assumeBuildTools(true);
        Path out = tmp.resolve("w");
        Path proj = project("c-ext-ok");
        Run r = run("build", proj.toString(), "--python", PYTHON, "--no-isolation", "--arch", "native",
                "--arch", "universal2", "--out", out.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode builds = new ObjectMapper().readTree(r.out()).get("builds");
        assertThat(builds.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(builds.get(1).get("target").asText()).isEqualTo("universal2");
        assertThat(builds.get(1).get("status").asText()).isEqualTo("not-built");
        assertThat(builds.get(1).get("reason").asText()).contains("universal2 wheels are macOS wheels");
        assertThat(run("build", proj.toString(), "--python", PYTHON, "--no-isolation", "--arch", "native",
                "--arch", "universal2", "--out", out.toString(), "--fail-on", "never", "-q").code()).isZero();
        // the text report does not call a run with an unbuilt target problem-free
        Run text = run("build", proj.toString(), "--python", PYTHON, "--no-isolation", "--arch", "native",
                "--arch", "universal2", "--out", out.toString(), "--local");
        assertThat(text.code()).isEqualTo(ExitCode.FINDINGS);
        assertThat(text.out()).contains("0 errors, 0 warnings, 1 info; 1 of 2 targets was not built (universal2: not-built)")
                .doesNotContain("No problems found");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--arch sparc         | --arch sparc: unknown target",
            "--timeout soon       | --timeout soon: not a duration",
            "--jobs 0             | --jobs 0: must be at least 1",
            "--format yaml        | --format yaml: unknown format",
    })
    void badOptionsAreUsageErrors(String option, String message) throws Exception {
        String[] o = option.split(" ");
        Run r = run("build", project("c-ext-ok").toString(), o[0], o[1], "--out", tmp.resolve("w").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(message).hasLineCount(1);
    }

    @Test
    void aFolderThatIsNotAProjectIsAUsageError() throws Exception {
        Run r = run("build", tmp.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().trim()).isEqualTo("wheelwright: " + tmp + ": not a Python project (no pyproject.toml or setup.py)");
        assertThat(run("build", tmp.resolve("nope").toString()).err()).contains("no such folder");
        Path file = Files.writeString(tmp.resolve("wheels.txt"), "not a folder");
        Run outIsFile = run("build", project("c-ext-ok").toString(), "--out", file.toString(), "--dry-run");
        assertThat(outIsFile.code()).isEqualTo(ExitCode.USAGE);
        assertThat(outIsFile.err().trim()).isEqualTo("wheelwright: " + file + ": --out must be a folder, and this is a file");
        assertThat(file).hasContent("not a folder");
    }

    /** In the shell, a build leaves its findings and logs in the session. */
    @Test
    void shellKeepsTheLastBuildForFindingsExplainAndOpenLog() throws Exception {
        assumeBuildTools(true);
        assumeTrue(!Files.exists(Path.of("/usr/include/sodium.h")), "libsodium-dev is installed here");
        Path out = tmp.resolve("wheelhouse");
        String script = "build '" + project("missing-header") + "' --python " + PYTHON + " --no-isolation -q --out '" + out + "'\n"
                + "findings\nexplain 1\nopen-log native\n";
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ShellSession session = new ShellSession();
        int code = new Shell(Main::newCommandLine, session)
                .script(new BufferedReader(new StringReader(script)), new PrintWriter(o, true), new PrintWriter(e, true));
        assertThat(code).isEqualTo(ExitCode.FINDINGS);
        assertThat(session.findings()).extracting(f -> f.name()).containsExactly("library-headers-missing");
        assertThat(o.toString())
                .contains("  1. error   WW-B018 library-headers-missing  " + out.resolve("logs/native.log") + ":")
                .contains("Evidence:\n  needs_sodium.c:4:10: fatal error: sodium.h: No such file or directory")
                .contains("==> " + out.resolve("logs/native.log") + " <==")
                .contains("# wheelwright: failed (exit 1)");
    }

    /**
     * A legacy setup_requires project builds here (Debian's cffi satisfies setup_requires), and the
     * diagnosis after the build still names what breaks elsewhere; in the shell, fix N then
     * writes the PEP 517 migration into the project.
     */
    @Test
    void legacySetupRequiresProjectIsDiagnosedAfterItsBuildAndFixedFromTheShell() throws Exception {
        assumeBuildTools(true, "cffi");
        Path project = project("legacy-cffi");
        Path out = tmp.resolve("wheelhouse");
        String script = "build '" + project + "' --python " + PYTHON + " --no-isolation -q --format json -o '" + tmp.resolve("report.json")
                + "' --out '" + out + "'\nfindings\ninspect\n";
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ShellSession session = new ShellSession();
        Shell shell = new Shell(Main::newCommandLine, session);
        shell.script(new BufferedReader(new StringReader(script)), new PrintWriter(o, true), new PrintWriter(e, true));
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("report.json").toFile());
        assertThat(json.get("builds").get(0).get("status").asText()).as(e.toString()).isEqualTo("succeeded");
        assertThat(json.get("builds").get(0).get("wheels").get(0).asText()).contains("fastcrc-0.4.2-cp3");
        List<String> names = new java.util.ArrayList<>();
        json.get("findings").forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).contains("setup-requires-conflict", "legacy-setup-py-build");
        // inspect with no file shows the wheel the build made
        assertThat(o.toString()).contains("fastcrc-0.4.2-cp3").contains("_crc.abi3.so");

        int n = names.indexOf("legacy-setup-py-build") + 1;
        StringWriter o2 = new StringWriter();
        shell.script(new BufferedReader(new StringReader("fix " + n + " --apply\n")), new PrintWriter(o2, true), new PrintWriter(e, true));
        assertThat(Files.readString(project.resolve("pyproject.toml"))).contains("[build-system]").contains("cffi");
    }
}
