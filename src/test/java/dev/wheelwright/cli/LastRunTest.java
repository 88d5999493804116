package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.TestTrees;
import dev.wheelwright.cli.MainTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain N / fix N on the command line take the findings of the last audit, doctor or build. */
class LastRunTest {

    @TempDir
    Path tmp;

    private String before;

    @BeforeEach
    void privateState() {
        before = System.getProperty("wheelwright.stateDir");
        System.setProperty("wheelwright.stateDir", tmp.resolve("state").toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("wheelwright.stateDir");
        } else {
            System.setProperty("wheelwright.stateDir", before);
        }
    }

    @Test
    void explainAndFixByNumberUseTheLastDoctorRun() throws Exception {
        Run none = MainTest.run("explain", "1");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("wheelwright: explain 1: no saved run to take finding 1 from (run audit, doctor, build or deps first)\n");

        Path project = TestTrees.copy(Path.of("testdata/projects/legacy-cffi"), tmp.resolve("legacy"));
        Run doctor = MainTest.run("doctor", project.toString(), "--format", "json");
        assertThat(doctor.code()).isEqualTo(1);
        List<String> names = new com.fasterxml.jackson.databind.ObjectMapper().readTree(doctor.out()).path("findings").findValuesAsText("name");
        int n = names.indexOf("setup-requires-conflict") + 1;
        assertThat(n).isPositive();

        Run explain = MainTest.run("explain", String.valueOf(n));
        assertThat(explain.code()).isZero();
        assertThat(explain.out()).startsWith("WW-P002 setup-requires-conflict (error)\n")
                .contains("Where:    " + project.resolve("setup.py") + ":22")
                .contains("(wheelwright fix " + n + " applies it)")
                .contains("Why and how to fix, in full: wheelwright explain WW-P002");
        Run rule = MainTest.run("explain", "setup-requires-conflict");
        assertThat(rule.out()).contains("In the last doctor (wheelwright explain N for one in full):\n  " + n + ". "
                + project.resolve("setup.py") + ":22  cffi is in both setup_requires and install_requires");
        Run asJson = MainTest.run("explain", String.valueOf(n), "--format", "json");
        var finding = new com.fasterxml.jackson.databind.ObjectMapper().readTree(asJson.out());
        assertThat(finding.path("number").asInt()).isEqualTo(n);
        assertThat(finding.path("finding").path("name").asText()).isEqualTo("setup-requires-conflict");
        assertThat(finding.path("finding").path("location").path("line").asInt()).isEqualTo(22);
        var ruleJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                MainTest.run("explain", "setup-requires-conflict", "--format", "json").out());
        assertThat(ruleJson.path("lastRun").path(0).path("number").asInt()).isEqualTo(n);
        Run tooFar = MainTest.run("explain", "99");
        assertThat(tooFar.err()).isEqualTo("wheelwright: explain 99: the last doctor reported " + names.size() + " findings\n");
        for (String cmd : new String[] {"explain", "fix"}) {
            Run huge = MainTest.run(cmd, "99999999999");
            assertThat(huge.code()).isEqualTo(2);
            assertThat(huge.err()).isEqualTo("wheelwright: " + cmd + " 99999999999: the last doctor reported " + names.size() + " findings\n");
        }

        // fix N refuses in another folder than the one that run looked at (here: the current folder)
        int legacy = names.indexOf("legacy-setup-py-build") + 1;
        Run elsewhere = MainTest.run("fix", String.valueOf(legacy), "--apply");
        assertThat(elsewhere.code()).isEqualTo(2);
        assertThat(elsewhere.err()).isEqualTo("wheelwright: fix " + legacy + ": finding " + legacy + " of the last doctor is about "
                + project.toAbsolutePath().normalize() + ", not the current folder (" + Path.of(".").toAbsolutePath().normalize()
                + "); run it there, or: wheelwright fix WW-P001 " + project.toAbsolutePath().normalize() + "\n");
        Path other = TestTrees.copy(Path.of("testdata/projects/legacy-cffi"), tmp.resolve("other"));
        Run otherDir = MainTest.run("fix", String.valueOf(legacy), other.toString(), "--apply");
        assertThat(otherDir.code()).isEqualTo(2);
        assertThat(otherDir.err()).contains("is about " + project.toAbsolutePath().normalize() + ", not " + other + ";");
        assertThat(other.resolve("pyproject.toml")).doesNotExist();
        assertThat(project.resolve("pyproject.toml")).doesNotExist();
        // ... and applies in that project, naming it
        Run fix = MainTest.run("fix", String.valueOf(legacy), project.toString(), "--apply");
        assertThat(fix.code()).as(fix.err()).isZero();
        assertThat(fix.err()).contains("wheelwright: " + project + ": wrote pyproject.toml (new file)");
        assertThat(Files.readString(project.resolve("pyproject.toml"))).contains("[build-system]");
    }

    @Test
    void fixByNumberAfterAnAuditNeedsAProjectFolder() {
        Run audit = MainTest.run("audit", "testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl", "--target", "win_amd64", "--local");
        assertThat(audit.code()).isEqualTo(1);
        Run fix = MainTest.run("fix", "1");
        assertThat(fix.code()).isEqualTo(2);
        assertThat(fix.err()).startsWith("wheelwright: fix 1: finding 1 came from audit, which did not look at a project; run: wheelwright fix WW-W018 DIR");
        assertThat(MainTest.run("explain", "1").out()).contains("No wheel installs on win_amd64");
    }

    @Test
    void aCorruptSavedRunIsOneLine() throws Exception {
        Files.createDirectories(tmp.resolve("state"));
        Files.writeString(tmp.resolve("state/last-run.json"), "{not json");
        Run r = MainTest.run("explain", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("wheelwright: " + tmp.resolve("state/last-run.json") + ": the saved last run cannot be read")
                .hasLineCount(1);
        // a rule still explains itself
        assertThat(MainTest.run("explain", "WW-P002").code()).isZero();
    }

    @Test
    void theTextReportNumbersFindingsAsExplainTakesThem() throws Exception {
        Path project = TestTrees.copy(Path.of("testdata/projects/setupcfg-cffi"), tmp.resolve("cfg"));
        Run doctor = MainTest.run("doctor", project.toString(), "--no-color");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("more: wheelwright explain (\\d+) \\(this finding\\), explain (\\S+) \\(the rule\\)")
                .matcher(doctor.out());
        int expected = 1;
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).as("numbers run in report order").isEqualTo(expected++);
            assertThat(MainTest.run("explain", m.group(1)).out()).contains(" " + m.group(2) + " (");
        }
        assertThat(expected).isGreaterThan(3);
    }
}
