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
        "universal2-cffi, universal2-with-cffi, 'cffi-cross-compile-config,universal2-with-cffi', deployment-target-too-low-for-arm64",
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
        assertThat(applied.err()).contains("wheelwright: wrote ");
        List<String> after = doctorRules(dir);
        assertThat(after).doesNotContain(cleared.split(","));
        List<String> others = new ArrayList<>(before);
        others.removeAll(List.of(cleared.split(",")));
        if (appears != null && !appears.isEmpty()) {
            others.add(0, appears);
            assertThat(applied.err()).contains("wheelwright: by hand: pyproject.toml:20: MACOSX_DEPLOYMENT_TARGET=10.13 will apply");
        }
        assertThat(after).containsExactlyElementsOf(others);

        Run again = run("fix", rule, dir.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("finds nothing to fix");
    }

    @Test
    void refusalsAreOneLineExitTwoAndWriteNothing(@TempDir Path tmp) throws IOException {
        Path dir = copy("legacy-cffi", tmp.resolve("p"));
        Files.writeString(dir.resolve("setup.py.orig"), "an older backup");
        Run r = run("fix", "legacy-setup-py-build", dir.toString(), "--apply");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().filter(l -> l.startsWith("wheelwright: ")).toList()).containsExactly(
                "wheelwright: setup.py.orig: already exists; move it away so the backup does not overwrite it");
        assertThat(dir.resolve("pyproject.toml")).doesNotExist();
        assertThat(Files.readString(dir.resolve("setup.py.orig"))).isEqualTo("an older backup");
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
