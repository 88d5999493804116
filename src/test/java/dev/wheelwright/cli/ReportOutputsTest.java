package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.wheelwright.report.CodeScanningRequirements;
import dev.wheelwright.wheel.WheelWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Several reports from one run, as a CI job uses them: the console (annotations under GitHub
 * Actions), the step summary, SARIF for code scanning, JUnit, JSON and HTML; the console's summary
 * and exit reason; files checked before the run; colour; the policy a project's pyproject.toml sets.
 */
class ReportOutputsTest {
    static final Path PROJECT = Path.of("testdata/projects/legacy-cffi");
    static final Path LOG = Path.of("testdata/logs/recorded/pip23-sys-compiler-missing.log");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AfterEach
    void environmentBack() {
        Env.reset();
    }

    static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    static Path sarifSchema() {
        for (String p : new String[] {"../shared/schemas/sarif-schema-2.1.0.json", "../../shared/schemas/sarif-schema-2.1.0.json"}) {
            if (Files.isRegularFile(Path.of(p))) {
                return Path.of(p);
            }
        }
        String env = System.getenv("SARIF_SCHEMA");
        return env != null && Files.isRegularFile(Path.of(env)) ? Path.of(env) : null;
    }

    static List<String> fingerprints(JsonNode sarif) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : sarif.path("runs").path(0).path("results")) {
            out.add(r.path("ruleId").asText() + " " + r.path("partialFingerprints").path("wheelwright/v1").asText() + " "
                    + r.path("partialFingerprints").path("primaryLocationLineHash").asText());
        }
        return out;
    }

    @Test
    void aDoctorRunInAGithubJobWritesAnnotationsTheSummarySarifAndJunitAtOnce() throws Exception {
        Path summary = tmp.resolve("step-summary.md");
        Env.override(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString()));
        Path sarif = tmp.resolve("doctor.sarif");
        Path junit = tmp.resolve("doctor.xml");
        MainTest.Run r = run("doctor", PROJECT.toString(), "--log", LOG.toString(), "--sarif", sarif.toString(), "--junit", junit.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.FINDINGS);

        // the console: workflow commands (no --format given, GITHUB_ACTIONS=true), then summary and exit reason on stderr
        List<String> out = r.out().lines().toList();
        assertThat(out).isNotEmpty().allMatch(l -> l.startsWith("::error ") || l.startsWith("::warning ") || l.startsWith("::notice "));
        assertThat(out).anyMatch(l -> l.startsWith("::error file=testdata/projects/legacy-cffi/"));
        assertThat(r.err()).containsPattern("wheelwright: 3 errors, \\d+ warnings, 0 info\n")
                .containsPattern("checked 2 project files, 33 log lines, 0 targets in \\d+\\.\\d s; exit 1: 3 findings at or above --fail-on error \\(WW-");
        assertThat(Files.readString(summary)).startsWith("## wheelwright")
                .containsPattern("`doctor testdata/projects/legacy-cffi .*`: checked 2 project files, 33 log lines, 0 targets in \\d+\\.\\d s; exit 1");

        JsonNode doc = JSON.readTree(sarif.toFile());
        assertThat(CodeScanningRequirements.problems(doc)).isEmpty();
        Path schemaFile = sarifSchema();
        if (schemaFile != null) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(new ByteArrayInputStream(Files.readAllBytes(schemaFile)));
            assertThat(schema.validate(doc)).isEmpty();
        }
        JsonNode runNode = doc.path("runs").path(0);
        assertThat(runNode.path("automationDetails").path("id").asText()).isEqualTo("wheelwright/doctor/testdata/projects/legacy-cffi/");
        JsonNode invocation = runNode.path("invocations").path(0);
        assertThat(invocation.path("exitCode").asInt()).isEqualTo(1);
        assertThat(invocation.path("executionSuccessful").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(invocation.path("endTimeUtc").asText()))
                .isAfterOrEqualTo(java.time.Instant.parse(invocation.path("startTimeUtc").asText()));
        assertThat(invocation.path("properties").path("checked").path("log lines").asInt()).isEqualTo(33);
        // project files: relative to %SRCROOT%, the git root this test runs in
        String root = runNode.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText();
        assertThat(root).startsWith("file:").endsWith("/");
        assertThat(Path.of(java.net.URI.create(root))).isEqualTo(dev.wheelwright.fix.GitCheckout.rootOf(Path.of("")).orElseThrow());
        JsonNode project = null;
        JsonNode log = null;
        for (JsonNode res : runNode.path("results")) {
            JsonNode al = res.path("locations").path(0).path("physicalLocation").path("artifactLocation");
            if (al.path("uri").asText().equals("testdata/projects/legacy-cffi/setup.py")) {
                project = al;
            }
            if (al.path("uri").asText().equals("testdata/logs/recorded/pip23-sys-compiler-missing.log")) {
                log = al;
            }
        }
        assertThat(project).as("a project file result").isNotNull();
        assertThat(project.path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(log).as("a log result").isNotNull();
        JsonNode artifact = runNode.path("artifacts").path(log.path("index").asInt());
        assertThat(artifact.path("location").path("uri").asText()).isEqualTo(log.path("uri").asText());
        assertThat(artifact.path("description").path("text").asText()).contains("log");
        for (JsonNode rule : runNode.path("tool").path("driver").path("rules")) {
            String id = rule.path("id").asText();
            assertThat(rule.path("helpUri").asText()).as(id).startsWith("https://github.com/wheelwright-dev/wheelwright/blob/main/rules/")
                    .contains("/" + id + "-").endsWith("/README.md");
            assertThat(rule.path("properties").path("tags").toString()).as(id).contains("\"WW-" + id.substring(3, 4));
        }

        Document junitDoc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(junit)));
        assertThat(Integer.parseInt(((org.w3c.dom.Element) junitDoc.getElementsByTagName("testsuite").item(0)).getAttribute("failures")))
                .isEqualTo(runNode.path("results").size());
        org.w3c.dom.Element suite = (org.w3c.dom.Element) junitDoc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("time")).matches("\\d+\\.\\d");
        assertThat(Files.readString(junit)).contains("<property name=\"checked.log lines\" value=\"33\"/>")
                .contains("<property name=\"exitCode\" value=\"1\"/>");

        // the same input again: the same fingerprints, though times differ
        Path again = tmp.resolve("again.sarif");
        MainTest.Run r2 = run("doctor", PROJECT.toString(), "--log", LOG.toString(), "--sarif", again.toString());
        assertThat(r2.code()).isEqualTo(1);
        assertThat(fingerprints(JSON.readTree(again.toFile()))).isEqualTo(fingerprints(doc)).doesNotHaveDuplicates();
    }

    @Test
    void fingerprintsIgnoreLineMovesAndTemporaryFoldersButNotTheEvidence() throws Exception {
        String log = Files.readString(LOG).replace("/tmp/pip-install-", "/tmp/pip-other-");
        Path moved = Files.writeString(tmp.resolve("build.log"), "a line before\nand another\n" + log);
        Path same = Files.writeString(tmp.resolve("build2.log"), log);
        Path a = tmp.resolve("a.sarif");
        Path b = tmp.resolve("b.sarif");
        run("doctor", "--log", moved.toString(), "--sarif", a.toString(), "--fail-on", "never");
        run("doctor", "--log", same.toString(), "--sarif", b.toString(), "--fail-on", "never");
        JsonNode ra = JSON.readTree(a.toFile()).path("runs").path(0).path("results").path(0);
        JsonNode rb = JSON.readTree(b.toFile()).path("runs").path(0).path("results").path(0);
        assertThat(ra.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt())
                .isEqualTo(rb.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt() + 2);
        // another file name is another location, so another fingerprint; the same name with lines moved is the same
        Path c = tmp.resolve("c.sarif");
        Files.createDirectories(tmp.resolve("x"));
        Path movedSameName = Files.writeString(tmp.resolve("x").resolve("build2.log"), "one more line\n" + log);
        Files.move(movedSameName, tmp.resolve("build2.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        run("doctor", "--log", tmp.resolve("build2.log").toString(), "--sarif", c.toString(), "--fail-on", "never");
        JsonNode rc = JSON.readTree(c.toFile()).path("runs").path(0).path("results").path(0);
        assertThat(rc.path("partialFingerprints")).isEqualTo(rb.path("partialFingerprints"));
        assertThat(ra.path("partialFingerprints")).isNotEqualTo(rb.path("partialFingerprints"));
    }

    @Test
    void withAnOutputFileTheConsoleStillSaysTheSummaryAndWhyItExits() throws Exception {
        Path json = tmp.resolve("r.json");
        MainTest.Run r = run("doctor", PROJECT.toString(), "-o", json.toString(), "--format", "json", "--html", tmp.resolve("r.html").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(2);
        assertThat(r.err().lines().toList().get(0)).matches("wheelwright: 2 errors, \\d+ warnings, 0 info \\(json report in "
                + java.util.regex.Pattern.quote(json.toString()) + "\\)");
        assertThat(r.err().lines().toList().get(1)).matches("wheelwright: checked 2 project files, 0 targets in \\d+\\.\\d s; "
                + "exit 1: 2 findings at or above --fail-on error \\(WW-P002, WW-P006\\)");
        JsonNode doc = JSON.readTree(json.toFile());
        assertThat(doc.path("run").path("command").asText()).isEqualTo("doctor");
        assertThat(doc.path("run").path("checked").path("project files").asInt()).isEqualTo(2);
        assertThat(doc.path("run").path("exitCode").asInt()).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("r.html"))).startsWith("<!DOCTYPE html>").contains("legacy-cffi");

        // a text report on the console ends with the same line; exit 0 says why too
        MainTest.Run clean = run("doctor", "testdata/projects/modern-clean", "--fail-on", "error");
        assertThat(clean.out()).containsPattern("No problems found.\\nchecked \\d+ project files?, 0 targets in \\d+\\.\\d s; "
                + "exit 0: nothing at or above --fail-on error\\n$");
    }

    @Test
    void reportFilesAreCheckedBeforeTheRunAndNothingIsHalfWritten() throws Exception {
        Path junit = tmp.resolve("ok.xml");
        MainTest.Run r = run("doctor", PROJECT.toString(), "--junit", junit.toString(), "--sarif", tmp.resolve("no/such/dir/x.sarif").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("wheelwright: --sarif ").contains("does not exist");
        assertThat(junit).doesNotExist();

        MainTest.Run twice = run("doctor", PROJECT.toString(), "--json", tmp.resolve("a").toString(), "--sarif", tmp.resolve("a").toString());
        assertThat(twice.code()).isEqualTo(ExitCode.USAGE);
        assertThat(twice.err()).contains("--sarif").contains("the same file as --json");
        assertThat(tmp.resolve("a")).doesNotExist();

        MainTest.Run audit = run("audit", "testdata/wheels", "--html", tmp.resolve("missing/r.html").toString());
        assertThat(audit.code()).isEqualTo(ExitCode.USAGE);
        assertThat(audit.err()).startsWith("wheelwright: --html ");
    }

    @Test
    void colourIsForcedOrRefusedByColorAndNoColorStillWins() {
        MainTest.Run always = run("doctor", PROJECT.toString(), "--color", "always");
        assertThat(always.out()).contains("\u001B[31m");
        Env.override(Map.of("NO_COLOR", "1"));
        assertThat(run("doctor", PROJECT.toString(), "--color", "always").out()).as("always beats NO_COLOR").contains("\u001B[");
        assertThat(run("doctor", PROJECT.toString()).out()).as("auto under NO_COLOR").doesNotContain("\u001B[");
        assertThat(run("doctor", PROJECT.toString(), "--color", "always", "--no-color").out()).doesNotContain("\u001B[");
        assertThat(run("doctor", PROJECT.toString(), "--color", "never").out()).doesNotContain("\u001B[");
        MainTest.Run bad = run("doctor", PROJECT.toString(), "--color", "sometimes");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err().strip()).isEqualTo("wheelwright: --color sometimes: expected always, never or auto");
    }

    // ------------------------------------------------------------------ policy in pyproject.toml

    Path wheel(String dir, String tag, String member, Path binary) throws Exception {
        String di = "demo-1.0.dist-info";
        Path house = Files.createDirectories(tmp.resolve(dir));
        Path p = house.resolve("demo-1.0-cp312-cp312-" + tag + ".whl");
        WheelWriter.write(p, List.of(new WheelWriter.Entry(member, Files.readAllBytes(binary), 0755),
                WheelWriter.Entry.text(di + "/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"),
                WheelWriter.Entry.text(di + "/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: cp312-cp312-" + tag + "\n\n")),
                di);
        return house;
    }

    Path project(String pyproject) throws Exception {
        Path p = Files.createDirectories(tmp.resolve("proj"));
        Files.writeString(p.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools\"]\nbuild-backend = \"setuptools.build_meta\"\n\n"
                + "[project]\nname = \"demo\"\nversion = \"1.0\"\n\n" + pyproject);
        return p;
    }

    static JsonNode json(MainTest.Run r) throws Exception {
        return JSON.readTree(r.out());
    }

    static List<String> rules(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("findings").forEach(f -> out.add(f.path("rule").asText() + ":" + f.path("severity").asText()));
        return out;
    }

    static String policy(JsonNode doc, String name) {
        for (JsonNode p : doc.path("run").path("policies")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("value").asText() + " from " + p.path("source").asText();
            }
        }
        return null;
    }

    @Test
    void everyPolicyFlagIsSettableInPyprojectAndFlagsWin() throws Exception {
        Path linux = wheel("linux", "manylinux_2_34_x86_64", "demo/_ext.so", Path.of("testdata/wheels/elf/ext-x86_64-glibc234.so"));
        // a binary that needs macOS 13
        Path mac = wheel("mac", "macosx_13_0_arm64", "demo/_ext.so", Path.of("testdata/wheels/macho/ext-arm64-macos13.so"));
        Path proj = project("[tool.wheelwright]\nmanylinux = \"2_17\"\nmin-macos = \"12.0\"\nrequire-archs = [\"arm64\", \"x86_64\"]\n"
                + "java = 11\ntargets = [\"win_amd64\"]\nfail-on = \"never\"\n");
        String py = proj.resolve("pyproject.toml").toString();

        MainTest.Run r = run("audit", "--project", proj.toString(), linux.toString(), mac.toString(), "--format", "json");
        JsonNode doc = json(r);
        assertThat(r.code()).as("fail-on = never").isZero();
        assertThat(rules(doc)).contains("WW-E006:error", "WW-M009:error", "WW-M008:error", "WW-W018:error");
        assertThat(policy(doc, "manylinux")).isEqualTo("2_17 from " + py + " [tool.wheelwright] manylinux");
        assertThat(policy(doc, "min-macos")).isEqualTo("12.0 from " + py + " [tool.wheelwright] min-macos");
        assertThat(policy(doc, "require-archs")).isEqualTo("arm64,x86_64 from " + py + " [tool.wheelwright] require-archs");
        assertThat(policy(doc, "java")).isEqualTo("11 from " + py + " [tool.wheelwright] java");
        assertThat(policy(doc, "targets")).isEqualTo("win_amd64 from " + py + " [tool.wheelwright] targets");
        assertThat(r.err()).contains("exit 0: --fail-on never (from pyproject.toml)")
                .contains("wheelwright: policy: require-archs arm64,x86_64 (from " + py + " [tool.wheelwright] require-archs); min-macos 12.0");

        // command-line flags win, each one
        MainTest.Run flags = run("audit", "--project", proj.toString(), linux.toString(), mac.toString(), "--format", "json",
                "--manylinux", "2_34", "--min-macos", "13.0", "--require-archs", "arm64", "--target", "macosx_13_0_arm64", "--fail-on", "error");
        JsonNode fd = json(flags);
        assertThat(rules(fd)).doesNotContain("WW-E006:error", "WW-M009:error", "WW-M008:error", "WW-W018:error");
        assertThat(policy(fd, "manylinux")).isEqualTo("2_34 from --manylinux");
        assertThat(policy(fd, "min-macos")).isEqualTo("13.0 from --min-macos");
        assertThat(policy(fd, "require-archs")).isEqualTo("arm64 from --require-archs");
        assertThat(policy(fd, "targets")).isEqualTo("macosx_13_0_arm64 from --target");
        MainTest.Run failOn = run("audit", "--project", proj.toString(), linux.toString(), "--fail-on", "error");
        assertThat(failOn.code()).as("--fail-on error beats fail-on = never").isEqualTo(1);
        assertThat(failOn.out()).contains("exit 1: ").contains("--fail-on error (WW-E006").doesNotContain("from pyproject.toml");

        // doctor --wheelhouse takes the same policy from the project it diagnoses
        MainTest.Run doctor = run("doctor", proj.toString(), "--wheelhouse", linux.toString(), "--format", "json");
        assertThat(rules(json(doctor))).contains("WW-E006:error");
        assertThat(policy(json(doctor), "manylinux")).isEqualTo("2_17 from " + py + " [tool.wheelwright] manylinux");
        assertThat(doctor.code()).isZero();
    }

    @Test
    void aPlainLinuxTagIsAnErrorForAnIndexAndInfoForLocalUse() throws Exception {
        Path house = wheel("plain", "linux_x86_64", "demo/_ext.so", Path.of("testdata/wheels/elf/ext-x86_64.so"));
        MainTest.Run index = run("audit", house.toString(), "--format", "json");
        assertThat(index.code()).isEqualTo(1);
        assertThat(rules(json(index))).contains("WW-E008:error");
        MainTest.Run local = run("audit", house.toString(), "--format", "json", "--local");
        assertThat(local.code()).isZero();
        assertThat(rules(json(local))).contains("WW-E008:info");
        assertThat(policy(json(local), "local")).isEqualTo("true from --local");
        Path proj = project("[tool.wheelwright]\nlocal = true\n");
        MainTest.Run fromProject = run("audit", "--project", proj.toString(), house.toString(), "--format", "json");
        assertThat(rules(json(fromProject))).contains("WW-E008:info");
        assertThat(fromProject.code()).isZero();
    }

    @Test
    void cibuildwheelSettingsGiveTheDefaults() throws Exception {
        Path mac = wheel("mac", "macosx_13_0_arm64", "demo/_ext.so", Path.of("testdata/wheels/macho/ext-arm64-macos13.so"));
        Path proj = project("[tool.cibuildwheel]\nmanylinux-x86_64-image = \"manylinux2014\"\n"
                + "manylinux-aarch64-image = \"quay.io/pypa/manylinux_2_28_aarch64\"\n"
                + "[tool.cibuildwheel.macos]\narchs = [\"universal2\"]\nenvironment = { MACOSX_DEPLOYMENT_TARGET = \"12.0\" }\n");
        String py = proj.resolve("pyproject.toml").toString();
        MainTest.Run r = run("audit", "--project", proj.toString(), mac.toString(), "--format", "json");
        JsonNode doc = json(r);
        assertThat(policy(doc, "manylinux")).isEqualTo("manylinux_2_28 from " + py + " [tool.cibuildwheel] manylinux-aarch64-image");
        assertThat(policy(doc, "min-macos")).isEqualTo("12.0 from " + py + " [tool.cibuildwheel] macos.environment MACOSX_DEPLOYMENT_TARGET");
        assertThat(policy(doc, "require-archs")).isEqualTo("arm64,x86_64 from " + py + " [tool.cibuildwheel] macos.archs universal2");
        assertThat(rules(doc)).contains("WW-M009:error", "WW-M008:error");
        // [tool.wheelwright] wins over [tool.cibuildwheel]
        Path both = project("[tool.wheelwright]\nmin-macos = \"11.0\"\n[tool.cibuildwheel.macos]\nenvironment = \"MACOSX_DEPLOYMENT_TARGET=10.9 FOO=1\"\n");
        JsonNode d2 = json(run("audit", "--project", both.toString(), mac.toString(), "--format", "json"));
        assertThat(policy(d2, "min-macos")).isEqualTo("11.0 from " + both.resolve("pyproject.toml") + " [tool.wheelwright] min-macos");
    }

    @Test
    void aBadKeyOrValueInToolWheelwrightIsOneLineNamingTheFileAndKey() throws Exception {
        Path house = wheel("plain", "linux_x86_64", "demo/_ext.so", Path.of("testdata/wheels/elf/ext-x86_64.so"));
        String[][] cases = {
                {"fail_on = \"warning\"", "[tool.wheelwright] fail_on: unknown key (did you mean 'fail-on'?)"},
                {"java = \"11\"", "[tool.wheelwright] java: expected an integer"},
                {"fail-on = \"sometimes\"", "[tool.wheelwright] fail-on: 'sometimes' is not a level"},
                {"require-archs = [\"arm64\", 7]", "[tool.wheelwright] require-archs: expected a list of strings"},
                {"require-archs = [\"armv9\"]", "[tool.wheelwright] require-archs: 'armv9': unknown arch 'armv9'"},
                {"manylinux = \"2_3\"", "[tool.wheelwright] manylinux: "},
                {"min-macos = \"eleven\"", "[tool.wheelwright] min-macos: 'eleven': not a macOS version"},
                {"targets = \"win_amd64\"", "[tool.wheelwright] targets: expected a list of platform tags"},
                {"local = \"yes\"", "[tool.wheelwright] local: expected true or false"},
                {"ignore = \"pyc-in-wheel\"", "[tool.wheelwright] ignore: expected a list"},
        };
        for (String[] c : cases) {
            Path proj = project("[tool.wheelwright]\n" + c[0] + "\n");
            Path html = tmp.resolve("r.html");
            for (String[] cmd : new String[][] {
                    {"audit", "--project", proj.toString(), house.toString(), "--html", html.toString()},
                    {"doctor", proj.toString(), "--wheelhouse", house.toString(), "--html", html.toString()}}) {
                MainTest.Run r = run(cmd);
                assertThat(r.code()).as(c[0] + " " + cmd[0] + ": " + r.err()).isEqualTo(ExitCode.USAGE);
                assertThat(r.err().lines().toList()).as(c[0]).hasSize(1);
                assertThat(r.err()).as(c[0]).startsWith("wheelwright: " + proj.resolve("pyproject.toml") + ": " + c[1]);
                assertThat(r.out()).isEmpty();
                assertThat(html).as("nothing written").doesNotExist();
            }
        }
    }

    @Test
    void buildReportsCountTheirTargets() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("testdata/projects/cffi-ok")), "no cffi-ok project");
        // --dry-run plans and stops; a bad report file fails before any plan is made
        MainTest.Run bad = run("build", "testdata/projects/cffi-ok", "--dry-run", "--sarif", tmp.resolve("none/x.sarif").toString());
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).startsWith("wheelwright: --sarif ");
    }
}
