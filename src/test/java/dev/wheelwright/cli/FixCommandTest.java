package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixCommandTest {
    static final Path PROJECTS = Path.of("testdata/projects");

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Path copy(String project, Path to) throws IOException {
        return dev.wheelwright.TestTrees.copy(PROJECTS.resolve(project), to);
    }

    static List<String> doctorRules(Path dir) throws IOException {
        Run r = run("doctor", dir.toString(), "--format", "json");
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> names = new ArrayList<>();
        root.get("findings").forEach(f -> names.add(f.get("name").asText()));
        return names;
    }

    @ParameterizedTest
    @CsvSource({
        "legacy-cffi, legacy-setup-py-build, 'legacy-setup-py-build,setup-requires-conflict', ''",
        "legacy-cffi, WW-P002, 'legacy-setup-py-build,setup-requires-conflict', ''",
        "setupcfg-cffi, build-system-missing, 'build-system-missing,setup-requires-conflict', ''",
        "legacy-cffi, cffi-cross-compile-config, 'cffi-cross-compile-config,universal2-with-cffi', ''",
        // the universal2 build's 10.13 target now reaches a thin arm64 build: the fix says so, doctor reports it
        // (a universal2 build of a cffi extension is WW-P004's finding alone, not WW-P003's as well)
        "universal2-cffi, universal2-with-cffi, 'universal2-with-cffi', deployment-target-too-low-for-arm64",
        "universal2-cffi, wheel-in-build-requires, 'wheel-in-build-requires', ''",
        "setupcfg-cffi, runner-image-retired, 'runner-image-retired', ''",
        "legacy-cffi, WW-P006, 'runner-image-retired', ''",
        "setupcfg-cffi, cibuildwheel-too-old, 'cibuildwheel-too-old', ''",
    })
    void applyingTheFixClearsTheFindings(String project, String rule, String cleared, String appears, @TempDir Path tmp)
            throws IOException {
        Path dir = copy(project, tmp.resolve(project));
        List<String> before = doctorRules(dir);
        assertThat(before).contains(cleared.split(","));
        Run preview = run("fix", rule, dir.toString());
        assertThat(preview.code()).isZero();
        assertThat(preview.out()).startsWith("--- ").contains("\n+++ b/").contains("\n@@ ");
        assertThat(preview.err()).contains("run again with --apply");
        assertThat(doctorRules(dir)).isEqualTo(before); // a preview writes nothing

        Run applied = run("fix", rule, dir.toString(), "--apply");
        assertThat(applied.code()).isZero();
        assertThat(applied.out()).isEqualTo(preview.out());
        assertThat(applied.err()).contains("wheelwright: " + dir + ": wrote ");
        List<String> after = doctorRules(dir);
        assertThat(after).doesNotContain(cleared.split(","));
        List<String> others = new ArrayList<>(before);
        others.removeAll(List.of(cleared.split(",")));
        if (appears != null && !appears.isEmpty()) {
            others.add(0, appears);
            assertThat(applied.err()).contains("wheelwright: " + dir + ": by hand: pyproject.toml:20: MACOSX_DEPLOYMENT_TARGET=10.13 will apply");
        }
        assertThat(after).containsExactlyElementsOf(others);

        Run again = run("fix", rule, dir.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("finds nothing to fix");
    }

    @Test
    void anOlderBackupIsKeptAndTheNewOneTakesTheNextName(@TempDir Path tmp) throws IOException {
        Path dir = copy("legacy-cffi", tmp.resolve("p"));
        Files.writeString(dir.resolve("setup.py.orig"), "an older backup");
        String setupPy = Files.readString(dir.resolve("setup.py"));
        Run r = run("fix", "legacy-setup-py-build", dir.toString(), "--apply");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("wheelwright: " + dir + ": wrote setup.py (backup: setup.py.orig.1)");
        assertThat(Files.readString(dir.resolve("setup.py.orig"))).isEqualTo("an older backup");
        assertThat(Files.readString(dir.resolve("setup.py.orig.1"))).isEqualTo(setupPy);
    }

    @Test
    void aRefusalIsOneLineNamingTheProjectAndWritesNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("setup.py"), "from setuptools import setup\nsetup(setup_requires=['cffi'], install_requires=['cffi'])\n");
        Files.writeString(dir.resolve("setup.py.orig"), "x");
        Files.writeString(dir.resolve("setup.cfg"), "[metadata\nname = x\n");
        Run r = run("fix", "pyproject-build-system", dir.toString(), "--apply");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("wheelwright: " + dir + ": setup.cfg:1: option outside any [section]: [metadata; fix the file first\n");
        assertThat(r.out()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly("setup.cfg", "setup.py", "setup.py.orig");
        }
    }

    @Test
    void aFixNameIsAcceptedLikeTheRulesThatNameIt(@TempDir Path tmp) throws IOException {
        Path dir = copy("legacy-cffi", tmp.resolve("p"));
        Run byRule = run("fix", "legacy-setup-py-build", dir.toString());
        Run byFix = run("fix", "pyproject-build-system", dir.toString());
        assertThat(byFix.code()).as(byFix.err()).isZero();
        assertThat(byFix.out()).isEqualTo(byRule.out()).contains("+++ b/pyproject.toml");
        Run applied = run("fix", "pyproject-build-system", dir.toString(), "--apply");
        assertThat(applied.code()).isZero();
        assertThat(doctorRules(dir)).doesNotContain("legacy-setup-py-build", "setup-requires-conflict");
        Run again = run("fix", "pyproject-build-system", dir.toString());
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).isEqualTo("wheelwright: pyproject-build-system finds nothing to fix in " + dir + "\n");
        Run unknown = run("fix", "pyproject-build-sytem", dir.toString());
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).startsWith("wheelwright: unknown rule 'pyproject-build-sytem'");
    }

    @Test
    void secondFixOnTheSameFileAppliesAfterTheFirst(@TempDir Path tmp) throws IOException {
        // replace-retired-runner then cibw-native-runners both edit wheels.yml
        Path dir = copy("legacy-cffi", tmp.resolve("p"));
        Path wf = dir.resolve(".github/workflows/wheels.yml");
        String original = Files.readString(wf);
        List<String> before = doctorRules(dir);
        Run first = run("fix", "runner-image-retired", dir.toString(), "--apply");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(Files.readString(wf)).contains("os: [ubuntu-22.04, macos-15-intel]");
        Run second = run("fix", "cffi-cross-compile-config", dir.toString(), "--apply");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).contains("wheelwright: " + dir + ": wrote .github/workflows/wheels.yml (backup: wheels.yml.orig.1)");
        // macos-15 is not "in" [.., macos-15-intel]: the arm64 runner is added as its own item
        assertThat(Files.readString(wf)).contains("os: [ubuntu-22.04, macos-15-intel, macos-15]");
        assertThat(Files.readString(dir.resolve(".github/workflows/wheels.yml.orig"))).isEqualTo(original);
        List<String> after = doctorRules(dir);
        List<String> expected = new java.util.ArrayList<>(before);
        expected.removeAll(List.of("runner-image-retired", "cffi-cross-compile-config", "universal2-with-cffi"));
        assertThat(expected).contains("setup-requires-conflict", "legacy-setup-py-build");
        // the three fixed problems are gone and nothing new appeared
        assertThat(after).containsExactlyElementsOf(expected);
    }

    /** Runs every machine fix doctor offers, one after another, until none is left; no step may add a finding. */
    @ParameterizedTest
    @CsvSource({"legacy-cffi", "setupcfg-cffi", "universal2-cffi"})
    void theChainOfAllApplicableFixesLeavesNoNewFinding(String project, @TempDir Path tmp) throws IOException {
        Path dir = copy(project, tmp.resolve(project));
        List<String> start = doctorRules(dir);
        List<String> before = start;
        List<String> applied = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            String next = fixable(dir).stream().filter(r -> !applied.contains(r)).findFirst().orElse(null);
            if (next == null) {
                break;
            }
            Run r = run("fix", next, dir.toString(), "--apply");
            assertThat(r.code()).as(next + ": " + r.err()).isZero();
            applied.add(next);
            List<String> after = doctorRules(dir);
            assertThat(after).as("after " + next).doesNotContain(next);
            List<String> added = new ArrayList<>(after);
            before.forEach(added::remove);
            // the one known consequence, announced by the fix as a step by hand: a 10.13 target
            // that covered universal2's x86_64 half now applies to a thin arm64 build
            added.remove("deployment-target-too-low-for-arm64");
            assertThat(added).as("new findings after " + applied).isEmpty();
            before = after;
        }
        assertThat(applied).as("fixes run on " + project).isNotEmpty();
        assertThat(fixable(dir)).as("fixable findings left").isEmpty();
        List<String> end = doctorRules(dir);
        assertThat(start).containsAll(end.stream().filter(n -> !n.equals("deployment-target-too-low-for-arm64")).toList());
    }

    /** The rule names of doctor's findings that carry a machine fix, in report order. */
    static List<String> fixable(Path dir) throws IOException {
        Run r = run("doctor", dir.toString(), "--format", "json");
        List<String> out = new ArrayList<>();
        new ObjectMapper().readTree(r.out()).get("findings").forEach(f -> {
            if (f.path("fix").hasNonNull("action") && !out.contains(f.get("name").asText())) {
                out.add(f.get("name").asText());
            }
        });
        return out;
    }

    @Test
    void inAGitCheckoutDiffPathsStartAtTheRootAndCommittedFilesGetNoBackup(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(gitWorks(tmp), "git is not installed");
        Path repo = tmp.resolve("repo");
        Path dir = copy("legacy-cffi", repo.resolve("python"));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "start");
        Run preview = run("fix", "cffi-cross-compile-config", dir.toString());
        assertThat(preview.out()).startsWith("--- a/python/.github/workflows/wheels.yml\n+++ b/python/.github/workflows/wheels.yml\n");
        Path patch = tmp.resolve("fix.patch");
        Files.writeString(patch, preview.out());
        assertThat(git(repo, "apply", "--check", patch.toString())).isZero();

        Run applied = run("fix", "cffi-cross-compile-config", dir.toString(), "--apply");
        assertThat(applied.err()).contains("wheelwright: " + dir + ": wrote .github/workflows/wheels.yml (no backup: git holds the original)");
        assertThat(dir.resolve(".github/workflows/wheels.yml.orig")).doesNotExist();
        // a file git does not hold unchanged (setup.py edited, pyproject.toml new) is backed up; --backup backs up all
        Files.writeString(dir.resolve("setup.py"), Files.readString(dir.resolve("setup.py")) + "# local edit\n");
        Run second = run("fix", "legacy-setup-py-build", dir.toString(), "--apply");
        assertThat(second.err()).contains("wrote setup.py (backup: setup.py.orig)").contains("wrote pyproject.toml (new file)");
        Run third = run("fix", "runner-image-retired", dir.toString(), "--apply", "--backup");
        assertThat(third.code()).as(third.err()).isZero();
        assertThat(dir.resolve(".github/workflows/wheels.yml.orig")).exists();
    }

    static boolean gitWorks(Path tmp) {
        try {
            return git(tmp, "--version") == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static int git(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "deployment-target-too-low-for-arm64|wheelwright: WW-P005 deployment-target-too-low-for-arm64: has no machine-applicable fix; by hand:",
        "no-such-rule|wheelwright: unknown rule 'no-such-rule'",
    })
    void rulesWithoutAFixAreUsageErrors(String rule, String message) {
        Run r = run("fix", rule, PROJECTS.resolve("legacy-cffi").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith(message).doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingProjectFolderIsOneLine(@TempDir Path tmp) {
        Run r = run("fix", "legacy-setup-py-build", tmp.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().trim()).isEqualTo("wheelwright: " + tmp.resolve("nope") + ": no such directory");
    }
}
