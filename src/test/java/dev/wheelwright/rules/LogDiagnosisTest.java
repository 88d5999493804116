package dev.wheelwright.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole catalogue on one log, as {@code doctor --log} runs it: a failing log is never "no
 * problems", a recognised cause replaces unrecognised-build-failure, a chain is one finding,
 * and the exit code keeps a failing CI step red.
 */
class LogDiagnosisTest {
    @TempDir
    Path tmp;

    record Run(int code, List<JsonNode> findings, String text) {
        List<String> names() {
            return findings.stream().map(f -> f.path("name").asText()).toList();
        }
    }

    private Run doctor(String log, String... extra) throws IOException {
        Path file = tmp.resolve("build.log");
        Files.writeString(file, log, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("doctor", "--log", file.toString(), "--format", "json", "--no-color"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        List<JsonNode> findings = new ArrayList<>();
        new ObjectMapper().readTree(out.toString()).path("findings").forEach(f -> {
            if (f.path("rule").asText().startsWith("WW-B")) {
                findings.add(f);
            }
        });
        return new Run(code, findings, out + err.toString());
    }

    // the report from the issue: a machine without gcc, pip 23
    static final String NO_GCC = """
            Processing /home/dev/hello-ext
              Preparing metadata (pyproject.toml): finished with status 'done'
            Building wheels for collected packages: hello-ext
              Building wheel for hello-ext (pyproject.toml): started
              Building wheel for hello-ext (pyproject.toml): finished with status 'error'
              error: subprocess-exited-with-error

              × Building wheel for hello-ext (pyproject.toml) did not run successfully.
              │ exit code: 1
              ╰─> [5 lines of output]
                  running build_ext
                  building 'hello_ext._speedups' extension
                  gcc -fPIC -I/usr/local/include/python3.12 -c src/_speedups.c -o build/temp.linux-x86_64-cpython-312/src/_speedups.o
                  error: [Errno 2] No such file or directory: 'gcc'
                  [end of output]

              note: This error originates from a subprocess, and is likely not a problem with pip.
              ERROR: Failed building wheel for hello-ext
            Failed to build hello-ext
            ERROR: Could not build wheels for hello-ext, which is required to install pyproject.toml-based projects
            """;

    @Test
    void theMissingGccOfTheReportIsCompilerMissingAndExitsOne() throws IOException {
        Run r = doctor(NO_GCC);
        assertThat(r.names()).as(r.text()).containsExactly("compiler-missing");
        assertThat(r.findings().get(0).path("location").path("line").asInt()).isEqualTo(14);
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void aFailureNoRuleKnowsIsUnrecognisedQuotesTheErrorAndExitsOne() throws IOException {
        Run r = doctor(NO_GCC.replace("error: [Errno 2] No such file or directory: 'gcc'",
                "src/_speedups.c:3:1: error: expected ';' before '}' token"));
        assertThat(r.names()).as(r.text()).containsExactly("unrecognised-build-failure");
        assertThat(r.findings().get(0).path("evidence").toString()).contains("expected ';' before '}' token");
        assertThat(r.findings().get(0).path("message").asText()).startsWith("hello-ext: ");
        assertThat(r.code()).isEqualTo(1);
        assertThat(doctor(NO_GCC.replace("error: [Errno 2] No such file or directory: 'gcc'", "x"), "--fail-on", "never").code())
                .isZero();
    }

    @Test
    void aSuccessfulLogGivesNoBuildFinding() throws IOException {
        Run r = doctor("""
                Collecting six==1.16.0
                  Using cached six-1.16.0-py2.py3-none-any.whl (11 kB)
                Installing collected packages: six
                Successfully installed six-1.16.0
                """);
        assertThat(r.findings()).as(r.text()).isEmpty();
        assertThat(r.code()).isZero();
    }

    @Test
    void aNetworkFailureIsNamedAndNotABuildProblem() throws IOException {
        Run r = doctor("""
                Collecting requests
                  WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ConnectTimeoutError(<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f>, 'Connection to pypi.org timed out. (connect timeout=15)')': /simple/requests/
                ERROR: Could not find a version that satisfies the requirement requests (from versions: none)
                ERROR: No matching distribution found for requests
                """);
        assertThat(r.names()).as(r.text()).contains("network-error").doesNotContain("unrecognised-build-failure");
    }

    @Test
    void aChainIsOneFindingAtItsCauseWithTheRestAsEvidence() throws IOException {
        Run r = doctor("""
                Collecting psutil==5.9.0
                  Downloading psutil-5.9.0.tar.gz (478 kB)
                Building wheels for collected packages: psutil
                  Building wheel for psutil (setup.py): started
                  error: command 'gcc' failed: No such file or directory
                  ERROR: Failed building wheel for psutil
                """);
        assertThat(r.names()).as(r.text()).containsExactly("compiler-missing");
        assertThat(r.findings().get(0).path("evidence").toString()).contains("because no-wheel-for-target at line 2");
    }

    @Test
    void aWheelTagNewerThanTheLogsPipIsOldPipNotAnUnsupportedWheel() throws IOException {
        Run r = doctor("""
                $ pip --version
                pip 20.2.4 from /Users/dev/venv/lib/python3.9/site-packages/pip (python 3.9)
                $ pip install dist/fastjson-2.0-cp39-cp39-macosx_11_0_arm64.whl
                ERROR: fastjson-2.0-cp39-cp39-macosx_11_0_arm64.whl is not a supported wheel on this platform.
                """);
        assertThat(r.names()).as(r.text()).containsExactly("old-pip-platform-tags");
        assertThat(r.findings().get(0).path("evidence").toString()).contains("because not-supported-wheel at line 4");
        // the same refusal by a pip that knows the tag: the wheel really does not fit
        Run recent = doctor("""
                pip 24.0 from /Users/dev/venv/lib/python3.9/site-packages/pip (python 3.9)
                ERROR: fastjson-2.0-cp39-cp39-macosx_11_0_arm64.whl is not a supported wheel on this platform.
                """);
        assertThat(recent.names()).as(recent.text()).containsExactly("not-supported-wheel");
        // musllinux came with pip 21.2: pip 21.1 (which knows manylinux_x_y) still refuses it
        Run musl = doctor("""
                ERROR: fastjson-2.0-cp39-cp39-musllinux_1_1_x86_64.whl is not a supported wheel on this platform.
                WARNING: You are using pip version 21.1.3; however, version 21.2 is available.
                """);
        assertThat(musl.names()).as(musl.text()).containsExactly("old-pip-platform-tags");
    }

    @Test
    void aNetworkFailureThatLeftPipWithoutVersionsIsOneNetworkFinding() throws IOException {
        Run r = doctor("""
                Collecting tinyhttp==2.1
                  Could not fetch URL https://pypi.org/simple/tinyhttp/: There was a problem confirming the ssl certificate: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:1108) - skipping
                ERROR: Could not find a version that satisfies the requirement tinyhttp==2.1 (from versions: none)
                ERROR: No matching distribution found for tinyhttp==2.1
                """);
        // the network is the cause; pip's "no matching distribution" is its consequence (no-matching-distribution
        // stays silent once the log shows the index could not be read)
        assertThat(r.names()).as(r.text()).containsExactly("network-error");
        assertThat(r.findings().get(0).path("evidence").toString()).contains("Could not fetch URL https://pypi.org/simple/tinyhttp/");
        assertThat(r.findings().get(0).path("location").path("line").asInt()).isEqualTo(2);
    }

    @Test
    void aTracebackCutBeforeItsExceptionStillNamesTheCauseAndTheMessageLineWinsWhenPresent() throws IOException {
        String frames = """
                Collecting quuxlib==0.4
                  Downloading quuxlib-0.4.tar.gz (12 kB)
                    Complete output from command python setup.py egg_info:
                    Traceback (most recent call last):
                      File "/tmp/pip-build-x1/quuxlib/setup.py", line 9, in <module>
                        setup(name="quuxlib", setup_requires=["pytest-runner"])
                      File "/usr/lib/python3.6/site-packages/setuptools/__init__.py", line 139, in _install_setup_requires
                        dist.fetch_build_eggs(dist.setup_requires)
                      File "/usr/lib/python3.6/site-packages/setuptools/dist.py", line 717, in fetch_build_eggs
                """;
        Run cut = doctor(frames);
        assertThat(cut.names()).as(cut.text()).containsExactly("setup-requires-fetch-failed");
        assertThat(cut.findings().get(0).path("message").asText()).contains("(name cut from the log)");
        assertThat(cut.code()).isEqualTo(1);

        Run whole = doctor(frames + """
                        replace_conflicting=True,
                    distutils.errors.DistutilsError: Could not find suitable distribution for Requirement.parse('pytest-runner')
                """);
        // the frames are weak evidence: the exception is the location and names the requirement
        assertThat(whole.names()).as(whole.text()).containsExactly("setup-requires-fetch-failed");
        assertThat(whole.findings().get(0).path("location").path("line").asInt()).isEqualTo(11);
        assertThat(whole.findings().get(0).path("message").asText()).contains("requirement pytest-runner itself");
    }
}
