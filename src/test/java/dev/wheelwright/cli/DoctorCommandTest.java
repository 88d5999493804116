package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.cli.MainTest.Run;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoctorCommandTest {
    static final Path CASES = Path.of("rules/build/WW-B017-python-headers-missing/cases");
    static final String FAIL = CASES.resolve("fail-pip-gcc.log").toString();

    @TempDir
    Path tmp;

    /** A build log without any problem. */
    String clean() throws Exception {
        Path p = tmp.resolve("clean.log");
        Files.writeString(p, "Collecting six\n  Downloading six-1.16.0-py2.py3-none-any.whl (11 kB)\n"
                + "Installing collected packages: six\nSuccessfully installed six-1.16.0\n");
        return p.toString();
    }

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void findsTheRootCauseAndExitsOne() {
        Run r = MainTest.run("doctor", "--log", FAIL, "--no-color");
        assertThat(r.code()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("error WW-B017 python-headers-missing  " + FAIL + ":19")
                .contains("Building pyyaml needs the Python development headers")
                .contains("│ yaml/_yaml.c:4:10: fatal error: Python.h: No such file or directory")
                .contains("fix: Install the Python development headers")
                .doesNotContain("\u001B[");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aCleanLogExitsZero() throws Exception {
        Run r = MainTest.run("doctor", "--log", clean());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("No problems found.");
    }

    @ParameterizedTest(name = "--fail-on {0} -> {1}")
    @CsvSource({"error,1", "warning,1", "info,1", "never,0"})
    void failOnDecidesTheExitCode(String level, int code) {
        assertThat(MainTest.run("doctor", "--log", FAIL, "--fail-on", level).code()).isEqualTo(code);
    }

    @Test
    void jsonHasTheContractShape() throws Exception {
        Run r = MainTest.run("doctor", "--log", FAIL, "--log", clean(), "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode j = json(r.out());
        assertThat(j.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(j.path("tool").path("name").asText()).isEqualTo("wheelwright");
        JsonNode f = j.path("findings").path(0);
        assertThat(j.path("findings").size()).isEqualTo(1);
        assertThat(f.path("rule").asText()).isEqualTo("WW-B017");
        assertThat(f.path("name").asText()).isEqualTo("python-headers-missing");
        assertThat(f.path("severity").asText()).isEqualTo("error");
        assertThat(f.path("location").path("file").asText()).isEqualTo(FAIL);
        assertThat(f.path("location").path("line").asInt()).isEqualTo(19);
        assertThat(f.path("evidence").get(0).asText()).contains("Python.h");
        assertThat(f.path("fix").path("summary").asText()).contains("pyyaml");
        assertThat(f.path("suppressed").asBoolean()).isFalse();
        assertThat(j.path("summary").path("error").asInt()).isEqualTo(1);
        assertThat(j.path("summary").path("suppressed").asInt()).isZero();
    }

    @Test
    void ignoreOnTheCommandLineSuppressesButStillReports() throws Exception {
        Run r = MainTest.run("doctor", "--log", FAIL, "--format", "json", "--ignore", "python-headers-missing");
        assertThat(r.code()).isZero();
        JsonNode f = json(r.out()).path("findings").path(0);
        assertThat(f.path("suppressed").asBoolean()).isTrue();
        assertThat(f.path("suppression").path("reason").asText()).isEqualTo("command line");
        assertThat(json(r.out()).path("summary").path("error").asInt()).isZero();
        Run text = MainTest.run("doctor", "--log", FAIL, "--ignore", "WW-B017");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("suppressed").contains("ignored (command line): command line");
    }

    @Test
    void anUnknownIgnoreNameIsAUsageError() {
        Run r = MainTest.run("doctor", "--log", FAIL, "--ignore", "python-header-missing");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("wheelwright: --ignore python-header-missing: unknown rule; did you mean python-headers-missing?");
    }

    @Test
    void pyprojectSuppressionsNeedAReasonAndHonourPaths() throws Exception {
        Path log = tmp.resolve("logs/build.log");
        Files.createDirectories(log.getParent());
        Files.copy(Path.of(FAIL), log);
        Files.writeString(tmp.resolve("pyproject.toml"), """
                [tool.wheelwright]
                ignore = [{rule = "python-headers-missing", reason = "CI image has no headers on purpose", paths = ["**/logs/*.log"]}]
                """);
        Run r = MainTest.run("doctor", tmp.toString(), "--log", log.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode f = json(r.out()).path("findings").path(0);
        assertThat(f.path("suppression").path("reason").asText()).isEqualTo("CI image has no headers on purpose");
        assertThat(f.path("suppression").path("source").asText()).isEqualTo("pyproject.toml");

        Files.writeString(tmp.resolve("pyproject.toml"), """
                [tool.wheelwright]
                ignore = [{rule = "python-headers-missing", reason = "only elsewhere", paths = ["other/**"]}]
                """);
        assertThat(MainTest.run("doctor", tmp.toString(), "--log", log.toString()).code()).isEqualTo(1);

        Files.writeString(tmp.resolve("pyproject.toml"), """
                [tool.wheelwright]
                ignore = [{rule = "python-headers-missing"}]
                """);
        Run bad = MainTest.run("doctor", tmp.toString(), "--log", log.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("wheelwright: " + tmp.resolve("pyproject.toml") + ": [tool.wheelwright] ignore entry 1")
                .contains("missing 'reason'");
        assertThat(bad.err().lines().count()).isEqualTo(1);
    }

    @Test
    void outputFileIsWrittenWholeAndStdoutStaysEmpty() throws Exception {
        Path out = tmp.resolve("report.sarif");
        Run r = MainTest.run("doctor", "--log", FAIL, "--format", "sarif", "-o", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(json(Files.readString(out)).path("version").asText()).isEqualTo("2.1.0");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("report.sarif");
        }
        Run missingDir = MainTest.run("doctor", "--log", FAIL, "-o", tmp.resolve("no/such/dir/r.txt").toString());
        assertThat(missingDir.code()).isEqualTo(2);
        assertThat(missingDir.err()).startsWith("wheelwright: ").contains("no such");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "missing log => doctor --log nope/build.log => wheelwright: nope/build.log: no such file",
            "log is a folder => doctor --log rules => wheelwright: rules: is a directory (--log expects a log file)",
            "bad format => doctor --log x --format yaml => wheelwright: --format yaml: unknown format (expected text, json, sarif, junit, github, html)",
            "bad fail-on => doctor --log x --fail-on fatal => wheelwright: --fail-on fatal: unknown level (expected error, warning, info or never)",
            "missing dir => doctor no/such/dir => wheelwright: no/such/dir: no such directory",
            "bad rules dir => doctor --log x --rules no/such => wheelwright: --format",
    })
    void badInputIsOneLineAndExitTwo(String scenario, String args, String expected) {
        String[] a = args.replace(" x ", " " + FAIL + " ").replace("--log x", "--log " + FAIL).split(" ");
        Run r = MainTest.run(a);
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        if (!scenario.equals("bad rules dir")) {
            assertThat(r.err().strip()).isEqualTo(expected);
        } else {
            assertThat(r.err().strip()).isEqualTo("wheelwright: no/such: no such directory (--rules expects a folder of rule folders)");
        }
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void readsStandardInput() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(CASES.resolve("fail-msvc-ci.log"))));
            Run r = MainTest.run("doctor", "--log", "-", "--format", "json");
            assertThat(r.code()).isEqualTo(1);
            JsonNode loc = json(r.out()).path("findings").path(0).path("location");
            assertThat(loc.path("file").asText()).isEqualTo("<stdin>");
            assertThat(loc.path("line").asInt()).isEqualTo(7);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void userRulesFromRulesDirRunAndBrokenOnesAreNamed() throws Exception {
        Path rule = tmp.resolve("mine/WW-B990-custom-thing");
        Files.createDirectories(rule);
        Files.writeString(rule.resolve("rule.yaml"), """
                id: WW-B990
                name: custom-thing
                severity: warning
                title: Our own
                reads: log
                match:
                  - pattern: "compilation (?<what>terminated)"
                message: "compilation {what} while building {package}"
                """);
        Run r = MainTest.run("doctor", "--log", FAIL, "--rules", tmp.resolve("mine").toString(), "--format", "json");
        JsonNode findings = json(r.out()).path("findings");
        assertThat(findings.findValuesAsText("rule")).contains("WW-B017", "WW-B990");
        assertThat(r.out()).contains("compilation terminated while building pyyaml");

        Files.writeString(rule.resolve("rule.yaml"), Files.readString(rule.resolve("rule.yaml")).replace("severity: warning", "severity: loud"));
        Run bad = MainTest.run("doctor", "--log", FAIL, "--rules", tmp.resolve("mine").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("wheelwright: " + rule.resolve("rule.yaml") + ":3:11: field 'severity': unknown severity 'loud' (expected error, warning or info)");
    }

    @Test
    void githubFormatWritesAnnotationsAndJunitIsXml() {
        Run gh = MainTest.run("doctor", "--log", FAIL, "--format", "github");
        assertThat(gh.out().strip()).startsWith("::error file=" + FAIL + ",line=19,title=WW-B017 python-headers-missing%3A The C compiler")
                .contains("::Building pyyaml needs the Python development headers, but the compiler cannot find Python.h%0AFix: Install");
        Run junit = MainTest.run("doctor", "--log", FAIL, "--format", "junit");
        assertThat(junit.out()).startsWith("<?xml").contains("<failure type=\"error\"").contains("tests=\"");
    }
}
