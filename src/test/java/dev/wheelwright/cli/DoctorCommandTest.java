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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoctorCommandTest {
    /** A rule of the test's own, so these tests check the command, not the built-in rules' wording. */
    static final String RULE = """
            id: WW-B990
            name: widget-broken
            severity: error
            title: A widget broke
            reads: log
            match:
              - pattern: "WIDGET FAILURE: (?<widget>[a-z]+) is broken"
            message: "widget {widget} broke while building {package}"
            fix:
              summary: "Repair {widget}"
            """;

    static final String LOG = String.join("\n",
            "Collecting gadget==1.0",
            "Building wheels for collected packages: gadget",
            "  Building wheel for gadget (pyproject.toml): started",
            "  running build_ext",
            "  WIDGET FAILURE: sprocket is broken",
            "  error: subprocess-exited-with-error",
            "  ERROR: Failed building wheel for gadget",
            "");

    String FAIL;
    String RULES;

    @org.junit.jupiter.api.BeforeEach
    void fixtures() throws Exception {
        Path ruleDir = tmp.resolve("test-rules/WW-B990-widget-broken");
        Files.createDirectories(ruleDir);
        Files.writeString(ruleDir.resolve("rule.yaml"), RULE);
        RULES = tmp.resolve("test-rules").toString();
        Files.writeString(tmp.resolve("build.log"), LOG);
        FAIL = tmp.resolve("build.log").toString();
    }

    Run doctor(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "doctor";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--rules";
        all[args.length + 2] = RULES;
        return MainTest.run(all);
    }

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
        Run r = doctor("--log", FAIL, "--no-color");
        assertThat(r.code()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("error WW-B990 widget-broken  " + FAIL + ":5")
                .contains("widget sprocket broke while building gadget")
                .contains("│ WIDGET FAILURE: sprocket is broken")
                .contains("fix: Repair sprocket")
                .doesNotContain("\u001B[");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aCleanLogExitsZero() throws Exception {
        Run r = doctor("--log", clean());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("No problems found.");
    }

    @ParameterizedTest(name = "--fail-on {0} -> {1}")
    @CsvSource({"error,1", "warning,1", "info,1", "never,0"})
    void failOnDecidesTheExitCode(String level, int code) {
        assertThat(doctor("--log", FAIL, "--fail-on", level).code()).isEqualTo(code);
    }

    @Test
    void jsonHasTheContractShape() throws Exception {
        Run r = doctor("--log", FAIL, "--log", clean(), "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode j = json(r.out());
        assertThat(j.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(j.path("tool").path("name").asText()).isEqualTo("wheelwright");
        JsonNode f = j.path("findings").path(0);
        assertThat(j.path("findings").size()).isEqualTo(1);
        assertThat(f.path("rule").asText()).isEqualTo("WW-B990");
        assertThat(f.path("name").asText()).isEqualTo("widget-broken");
        assertThat(f.path("severity").asText()).isEqualTo("error");
        assertThat(f.path("location").path("file").asText()).isEqualTo(FAIL);
        assertThat(f.path("location").path("line").asInt()).isEqualTo(5);
        assertThat(f.path("evidence").get(0).asText()).isEqualTo("WIDGET FAILURE: sprocket is broken");
        assertThat(f.path("fix").path("summary").asText()).isEqualTo("Repair sprocket");
        assertThat(f.path("suppressed").asBoolean()).isFalse();
        assertThat(j.path("summary").path("error").asInt()).isEqualTo(1);
        assertThat(j.path("summary").path("suppressed").asInt()).isZero();
    }

    @Test
    void ignoreOnTheCommandLineSuppressesButStillReports() throws Exception {
        Run r = doctor("--log", FAIL, "--format", "json", "--ignore", "widget-broken");
        assertThat(r.code()).isZero();
        JsonNode f = json(r.out()).path("findings").path(0);
        assertThat(f.path("suppressed").asBoolean()).isTrue();
        assertThat(f.path("suppression").path("reason").asText()).isEqualTo("command line");
        assertThat(json(r.out()).path("summary").path("error").asInt()).isZero();
        Run text = doctor("--log", FAIL, "--ignore", "WW-B990");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("suppressed").contains("ignored (command line): command line");
    }

    @Test
    void anUnknownIgnoreNameIsAUsageError() {
        Run r = doctor("--log", FAIL, "--ignore", "widget-brokn");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("wheelwright: --ignore widget-brokn: unknown rule; did you mean widget-broken?");
    }

    @Test
    void pyprojectSuppressionsNeedAReasonAndHonourPaths() throws Exception {
        Path log = tmp.resolve("logs/build.log");
        Files.createDirectories(log.getParent());
        Files.copy(Path.of(FAIL), log);
        Files.delete(Path.of(FAIL));
        Files.writeString(tmp.resolve("pyproject.toml"), """
                [tool.wheelwright]
                ignore = [{rule = "widget-broken", reason = "CI image has no headers on purpose", paths = ["**/logs/*.log"]}]
                """);
        Run r = doctor(tmp.toString(), "--log", log.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        // the project's own rules may report the tools-only pyproject.toml too: pick the log finding
        JsonNode f = null;
        for (JsonNode each : json(r.out()).path("findings")) {
            if (each.path("name").asText().equals("widget-broken")) {
                f = each;
            }
        }
        assertThat(f).as(r.out()).isNotNull();
        assertThat(f.path("suppression").path("reason").asText()).isEqualTo("CI image has no headers on purpose");
        assertThat(f.path("suppression").path("source").asText()).isEqualTo("pyproject.toml");

        Files.writeString(tmp.resolve("pyproject.toml"), """
                [tool.wheelwright]
                ignore = [{rule = "WW-B990", reason = "only elsewhere", paths = ["other/**"]}]
                """);
        assertThat(doctor(tmp.toString(), "--log", log.toString()).code()).isEqualTo(1);

        Files.writeString(tmp.resolve("pyproject.toml"), """
                [tool.wheelwright]
                ignore = [{rule = "widget-broken"}]
                """);
        Run bad = doctor(tmp.toString(), "--log", log.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("wheelwright: " + tmp.resolve("pyproject.toml") + ": [tool.wheelwright] ignore entry 1")
                .contains("missing 'reason'");
        assertThat(bad.err().lines().count()).isEqualTo(1);
    }

    @Test
    void outputFileIsWrittenWholeAndStdoutStaysEmpty() throws Exception {
        Path out = tmp.resolve("report.sarif");
        Run r = doctor("--log", FAIL, "--format", "sarif", "-o", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(json(Files.readString(out)).path("version").asText()).isEqualTo("2.1.0");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.sarif", "build.log", "test-rules");
        }
        Run missingDir = doctor("--log", FAIL, "-o", tmp.resolve("no/such/dir/r.txt").toString());
        assertThat(missingDir.code()).isEqualTo(2);
        assertThat(missingDir.err()).startsWith("wheelwright: ").contains("r.txt: cannot write: folder").contains("does not exist");
        // checked before any work: the log is never read, even when it would fail too
        Run early = doctor("--log", tmp.resolve("missing.log").toString(), "-o", tmp.resolve("no/such/dir/r.txt").toString());
        assertThat(early.code()).isEqualTo(2);
        assertThat(early.err()).contains("r.txt: cannot write: folder").doesNotContain("missing.log");
        Run audit = MainTest.run("audit", "-o", tmp.toString(), "nope.whl");
        assertThat(audit.err()).isEqualTo("wheelwright: " + tmp + ": cannot write: it is a folder\n");
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
            System.setIn(new ByteArrayInputStream(LOG.getBytes(StandardCharsets.UTF_8)));
            Run r = doctor("--log", "-", "--format", "json");
            assertThat(r.code()).isEqualTo(1);
            JsonNode loc = json(r.out()).path("findings").path(0).path("location");
            assertThat(loc.path("file").asText()).isEqualTo("<stdin>");
            assertThat(loc.path("line").asInt()).isEqualTo(5);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void anArchiveGivenAsALogIsOneLine() throws Exception {
        Path zip = Path.of("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl").toAbsolutePath();
        Run r = doctor("--log", zip.toString(), "--format", "json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("wheelwright: " + zip + ": a zip archive, not a text log (extract the log files from it first)\n");
    }

    /** -q prints less: one line per finding and the counts; nothing when clean. */
    @Test
    void quietPrintsOneLinePerFinding() throws Exception {
        Run r = doctor("--log", FAIL, "-q", "--no-color");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("error WW-B990 widget-broken  " + FAIL + ":5: widget sprocket broke while building gadget\n"
                + "1 error, 0 warnings, 0 info\n");
        Run clean = doctor("--log", clean(), "-q");
        assertThat(clean.code()).isZero();
        assertThat(clean.out()).isEmpty();
        assertThat(json(doctor("--log", FAIL, "-q", "--format", "json").out()).path("findings")).hasSize(1);
    }

    @Test
    void aTargetNothingCanCheckIsNoted() throws Exception {
        Path proj = Files.createDirectories(tmp.resolve("proj"));
        Files.writeString(proj.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools\"]\nbuild-backend = \"setuptools.build_meta\"\n"
                + "[project]\nname = \"x\"\nversion = \"1\"\n");
        Run r = MainTest.run("doctor", proj.toString(), "--target", "win_arm64");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEqualTo("wheelwright: note: " + proj + " has no CI job that builds wheels and no --wheelhouse was given,"
                + " so nothing checks --target win_arm64\n");
    }

    @Test
    void anEmptyLogIsNotedOnStderr() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.log"));
        Run r = doctor("--log", empty.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("No problems found.");
        assertThat(r.err()).isEqualTo("wheelwright: note: " + empty + " is empty; nothing in it to diagnose\n");
        assertThat(doctor("--log", empty.toString(), "-q").err()).isEmpty();
    }

    @Test
    void aLogNamedTwiceIsReadOnce() throws Exception {
        Run r = doctor("--log", FAIL, "--log", tmp.resolve(".").resolve("build.log").toString(), "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(json(r.out()).path("findings")).hasSize(1);
    }

    /** Windows PowerShell 5 writes `>` redirections as UTF-16 with a byte order mark; such a log is read like any other. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-8"})
    void readsLogsWithAByteOrderMark(String charset) throws Exception {
        java.nio.charset.Charset cs = java.nio.charset.Charset.forName(charset);
        byte[] body = LOG.replace("\n", "\r\n").getBytes(cs);
        byte[] bom = "\uFEFF".getBytes(cs);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Path log = Files.write(tmp.resolve("ps.log"), all);
        Run r = doctor("--log", log.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode f = json(r.out()).path("findings").path(0);
        assertThat(f.path("message").asText()).isEqualTo("widget sprocket broke while building gadget");
        assertThat(f.path("location").path("line").asInt()).isEqualTo(5);

        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(all));
            Run piped = doctor("--log", "-", "--format", "json");
            assertThat(json(piped.out()).path("findings").path(0).path("location").path("line").asInt()).isEqualTo(5);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void userRulesFromRulesDirRunAndBrokenOnesAreNamed() throws Exception {
        Path rule = tmp.resolve("mine/WW-B991-custom-thing");
        Files.createDirectories(rule);
        Files.writeString(rule.resolve("rule.yaml"), """
                id: WW-B991
                name: custom-thing
                severity: warning
                title: Our own
                reads: log
                match:
                  - pattern: "(?<what>sprocket) is"
                message: "{what} seen while building {package}"
                """);
        Run r = doctor("--log", FAIL, "--rules", tmp.resolve("mine").toString(), "--format", "json");
        JsonNode findings = json(r.out()).path("findings");
        assertThat(findings.findValuesAsText("rule")).containsExactly("WW-B990", "WW-B991");
        assertThat(r.out()).contains("sprocket seen while building gadget");

        Files.writeString(rule.resolve("rule.yaml"), Files.readString(rule.resolve("rule.yaml")).replace("severity: warning", "severity: loud"));
        Run bad = doctor("--log", FAIL, "--rules", tmp.resolve("mine").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("wheelwright: " + rule.resolve("rule.yaml") + ":3:11: field 'severity': unknown severity 'loud' (expected error, warning or info)");
    }

    @Test
    void githubFormatWritesAnnotationsAndJunitIsXml() {
        Run gh = doctor("--log", FAIL, "--format", "github");
        assertThat(gh.out().strip()).isEqualTo("::error file=" + FAIL.replace(":", "%3A").replace(",", "%2C")
                + ",line=5,title=WW-B990 widget-broken%3A A widget broke::widget sprocket broke while building gadget%0AFix: Repair sprocket");
        Run junit = doctor("--log", FAIL, "--format", "junit");
        assertThat(junit.out()).startsWith("<?xml").contains("<failure type=\"error\"").contains("tests=\"");
    }

    /** Project files are named as the user named the project; suppression globs stay relative to it. */
    @Test
    void projectFindingsNameFilesUnderTheFolderAsGiven() throws Exception {
        Path proj = Files.createDirectories(tmp.resolve("repo/sub/proj"));
        Files.writeString(proj.resolve("setup.py"), "from setuptools import setup\nsetup(name='x', version='1',\n"
                + "      setup_requires=['cffi'], install_requires=['cffi'], cffi_modules=['b.py:ffi'])\n");
        Run r = MainTest.run("doctor", proj.toString(), "--format", "json");
        JsonNode findings = json(r.out()).path("findings");
        assertThat(findings.findValuesAsText("name")).contains("setup-requires-conflict");
        for (JsonNode f : findings) {
            JsonNode loc = f.path("location");
            String file = loc.has("file") ? loc.path("file").asText() : loc.path("path").asText();
            assertThat(file).as(f.toString()).startsWith(proj.toString());
        }
        Files.writeString(proj.resolve("pyproject.toml"), "[tool.wheelwright]\n"
                + "ignore = [{rule = \"setup-requires-conflict\", reason = \"pinned elsewhere\", paths = [\"setup.py\"]}]\n");
        JsonNode again = json(MainTest.run("doctor", proj.toString(), "--format", "json").out()).path("findings");
        boolean seen = false;
        for (JsonNode f : again) {
            if (f.path("name").asText().equals("setup-requires-conflict")) {
                seen = true;
                assertThat(f.path("suppressed").asBoolean()).isTrue();
                assertThat(f.path("location").path("file").asText()).isEqualTo(proj.resolve("setup.py").toString());
            }
        }
        assertThat(seen).isTrue();
    }

    @Test
    void targetsFromTheCommandLineAndThePyprojectAreComparedWithWhatCiBuilds() throws Exception {
        Path proj = Files.createDirectories(tmp.resolve("intel/.github/workflows")).getParent().getParent();
        Files.writeString(proj.resolve(".github/workflows/wheels.yml"), "on: [push]\njobs:\n  mac:\n    runs-on: macos-15-intel\n"
                + "    steps:\n      - uses: pypa/cibuildwheel@v2.23.3\n");
        Files.writeString(proj.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools\"]\n"
                + "build-backend = \"setuptools.build_meta\"\n[tool.wheelwright]\ntargets = [\"macosx_10_13_x86_64\"]\n");
        Run none = MainTest.run("doctor", proj.toString(), "--format", "json");
        assertThat(json(none.out()).path("findings").findValuesAsText("name")).containsExactly("no-arm64-macos-wheels");
        Run r = MainTest.run("doctor", proj.toString(), "--target", "macosx_11_0_arm64", "--target", "win_amd64", "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        List<String> messages = json(r.out()).path("findings").findValuesAsText("message");
        assertThat(messages).contains("No CI job builds a wheel that installs on macosx_11_0_arm64: the wheel builds make macosx_10_9_x86_64",
                "No CI job builds a wheel that installs on win_amd64: the wheel builds make macosx_10_9_x86_64");
        Files.writeString(proj.resolve("pyproject.toml"), "[tool.wheelwright]\ntargets = [\"macosx_11_0_sparc\"]\n");
        Run bad = MainTest.run("doctor", proj.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("wheelwright: " + proj.resolve("pyproject.toml") + ": [tool.wheelwright] targets: Invalid platform 'macosx_11_0_sparc'");
    }
}
