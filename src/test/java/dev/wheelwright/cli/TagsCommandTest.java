package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagsCommandTest {

    static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    @Test
    void listsTagsOnePerLineBestFirst() {
        MainTest.Run r = run("tags", "--python", "3.9", "--platform", "macosx_11_0_arm64");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> expected = Tags.forTarget("3.9", "cp", "macosx_11_0_arm64").stream().map(Tag::toString).toList();
        assertThat(r.out().split("\n")).containsExactlyElementsOf(expected);
        assertThat(expected).startsWith("cp39-cp39-macosx_11_0_arm64", "cp39-cp39-macosx_11_0_universal2")
                .endsWith("py31-none-any", "py30-none-any");
    }

    @Test
    void jsonIsTheSameListUnderTags() throws Exception {
        MainTest.Run r = run("tags", "--python", "3.12", "--platform", "musllinux_1_2_aarch64", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode tags = new ObjectMapper().readTree(r.out()).get("tags");
        List<String> got = new ArrayList<>();
        tags.forEach(n -> got.add(n.asText()));
        assertThat(got).containsExactlyElementsOf(
                Tags.forTarget("3.12", "cp", "musllinux_1_2_aarch64").stream().map(Tag::toString).toList());
        assertThat(got.get(0)).isEqualTo("cp312-cp312-musllinux_1_2_aarch64");
    }

    @Test
    void outputOptionWritesTheFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("tags.txt");
        MainTest.Run r = run("tags", "--python", "3.10", "--platform", "win_amd64", "-o", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readAllLines(out)).startsWith("cp310-cp310-win_amd64", "cp310-abi3-win_amd64");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out); // no temporary file left behind
        }
    }

    @Test
    void outputIntoAMissingFolderIsOneLine(@TempDir Path dir) {
        Path out = dir.resolve("nope").resolve("tags.txt");
        MainTest.Run r = run("tags", "--python", "3.10", "--platform", "win_amd64", "-o", out.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("wheelwright: " + out + ": cannot write: folder " + out.getParent()
                + " does not exist\n");
    }

    @Test
    void outputOntoAFolderOrUnderAFileNamesTheTargetNotATemporaryFile(@TempDir Path dir) throws Exception {
        MainTest.Run r = run("tags", "--python", "3.10", "--platform", "win_amd64", "-o", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("wheelwright: " + dir + ": cannot write: it is a folder\n");
        Path file = Files.writeString(dir.resolve("file"), "x");
        MainTest.Run r2 = run("inspect", "testdata/binaries/elf-x86_64-plain.so", "-o", file.resolve("x.txt").toString());
        assertThat(r2.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r2.err()).isEqualTo("wheelwright: " + file.resolve("x.txt") + ": cannot write: folder " + file
                + " is not a folder\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @ParameterizedTest(name = "{0} on {1} {2}")
    @CsvSource(delimiter = '|', value = {
        // wheel | python | platform | exit | expected text (contained)
        "dist/foo-1.0-cp39-cp39-macosx_11_0_arm64.whl|3.9|macosx_11_0_arm64|0|matching tag: cp39-cp39-macosx_11_0_arm64 (rank 1 of ",
        "foo-1.0-py3-none-any.whl|3.9|win_amd64|0|matching tag: py3-none-any (rank ",
        "foo-1.0-cp39-cp39-macosx_11_0_x86_64.whl|3.9|macosx_11_0_arm64|1|cp39-cp39-macosx_11_0_x86_64: built for x86_64, the target is arm64",
        "foo-1.0-cp39-cp39-macosx_11_0_arm64.whl|3.9|macosx_10_15_x86_64|1|built for arm64, the target is x86_64",
        "foo-1.0-cp39-cp39-macosx_12_0_x86_64.whl|3.9|macosx_10_15_x86_64|1|needs macOS 12.0 or newer, the target is 10.15",
        "foo-1.0-cp39-cp39-macosx_11_3_arm64.whl|3.9|macosx_14_0_arm64|1|no Mac accepts macosx_11_3_arm64 (tag it macosx_11_0_arm64)",
        "foo-1.0-cp38-abi3-manylinux_2_17_x86_64.whl|3.7|manylinux_2_17_x86_64|1|abi3 needs CPython 3.8+, the target is 3.7",
        "foo-1.0-cp38-abi3-manylinux_2_17_x86_64.whl|3.11|manylinux_2_17_x86_64|0|matching tag: cp38-abi3-manylinux_2_17_x86_64",
        "foo-1.0-cp39-cp39-manylinux_2_28_x86_64.whl|3.9|manylinux_2_17_x86_64|1|manylinux_2_28 needs glibc 2.28, the target has 2.17",
        "foo-1.0-cp39-cp39-manylinux2014_aarch64.whl|3.9|manylinux_2_28_x86_64|1|built for aarch64, the target is x86_64",
        "foo-1.0-cp39-cp39-musllinux_1_2_x86_64.whl|3.9|manylinux_2_35_x86_64|1|built for Linux with musl libc (musllinux_1_2_x86_64), the target is Linux with glibc (manylinux_2_35_x86_64)",
        "foo-1.0-cp39-cp39-musllinux_1_2_x86_64.whl|3.9|musllinux_1_1_x86_64|1|musllinux_1_2 needs musl 1.2, the target has 1.1",
        "foo-1.0-cp310-cp310-win_amd64.whl|3.9|win_amd64|1|built for CPython 3.10, the target is CPython 3.9",
        "foo-1.0-cp38-cp38-win_amd64.whl|3.9|win_amd64|1|built for the ABI of CPython 3.8 (cp38), the target's is cp39",
        "foo-1.0-cp39-cp39-win32.whl|3.9|win_amd64|1|built for 32-bit x86 Windows (win32), the target is x86_64 Windows (win_amd64)",
        "foo-1.0-cp39-cp39-win_amd64.whl|3.9|macosx_11_0_arm64|1|built for Windows (win_amd64), the target is macOS (macosx_11_0_arm64)",
        "foo-1.0-py2-none-any.whl|3.9|win_amd64|1|needs Python 2, the target is Python 3.9",
        "foo-1.0-pp39-pypy39_pp73-win_amd64.whl|3.9|win_amd64|1|built for PyPy 3.9, the target is CPython 3.9",
        "foo-1.0-cp312-abi3-win_amd64.whl|3.13t|win_amd64|1|abi3 does not load on free-threaded CPython 3.13t (it needs abi3t)",
        "foo-1.0-cp37-cp37m-manylinux1_x86_64.whl|3.7|manylinux_2_17_x86_64|0|matching tag: cp37-cp37m-manylinux1_x86_64",
        "foo-1.0-cp39-none-any.whl|3.12|win_amd64|1|built for CPython 3.9 only (only abi3 wheels carry over to newer versions), the target is CPython 3.12",
        "foo-1.0-cp313-cp313t-win_amd64.whl|3.12|win_amd64|1|built for the ABI of free-threaded CPython 3.13 (cp313t), the target's is cp312",
        "foo-1.0-pp39-pypy39_pp73-win_amd64.whl|3.9|win_amd64|1|built for PyPy's ABI (pypy39_pp73), the target's is cp39",
        "foo-1.0-cp39-cp39-manylinux_2_17_x86_64.whl|3.9|linux_x86_64|1|the target (linux_x86_64) makes no manylinux promise",
    })
    void saysWhetherAWheelInstallsAndWhyNot(String wheel, String python, String platform, int exit, String expected) {
        MainTest.Run r = run("tags", "--wheel", wheel, "--python", python, "--platform", platform);
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).as(r.out()).isEqualTo(exit);
        assertThat(r.out()).contains(expected);
        assertThat(r.out().lines().findFirst().orElseThrow())
                .contains(exit == 0 ? " installs on " : " does not install on ");
    }

    @Test
    void wheelVerdictInJson() throws Exception {
        MainTest.Run r = run("tags", "--wheel", "foo-1.0-cp39-cp39-macosx_11_0_x86_64.macosx_11_0_arm64.whl",
                "--python", "3.9", "--platform", "macosx_11_0_arm64", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("installs").asBoolean()).isTrue();
        assertThat(n.get("tag").asText()).isEqualTo("cp39-cp39-macosx_11_0_arm64");
        assertThat(n.get("rank").asInt()).isEqualTo(1);
        assertThat(n.get("tags").get(0).get("tag").asText()).isEqualTo("cp39-cp39-macosx_11_0_x86_64");
        assertThat(n.get("tags").get(0).get("installs").asBoolean()).isFalse();
        assertThat(n.get("tags").get(0).get("reasons").get(0).asText()).isEqualTo("built for x86_64, the target is arm64");

        MainTest.Run no = run("tags", "--wheel", "foo-1.0-cp310-cp310-win_amd64.whl", "--python", "3.9",
                "--platform", "win_amd64", "--format", "json");
        assertThat(no.code()).isEqualTo(1);
        JsonNode m = new ObjectMapper().readTree(no.out());
        assertThat(m.get("installs").asBoolean()).isFalse();
        assertThat(m.get("tag").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--python 3 --platform win_amd64|Invalid Python version: '3'",
        "--python 3.9 --platform bogus_tag|Invalid platform 'bogus_tag'",
        "--python 3.9 --platform win_amd64 --wheel x.whl|Invalid wheel filename (wrong number of parts): 'x.whl'",
        "--python 3.9 --platform win_amd64 --wheel dist/foo-1.0.tar.gz|Invalid wheel filename (extension must be '.whl'): 'foo-1.0.tar.gz'",
        "--python 3.9 --platform win_amd64 --impl jy|Invalid implementation 'jy'",
        "--python 3.9 --platform win_amd64 --format sarif|--format sarif: the tags command writes text or json",
        "--platform win_amd64|Missing required option: '--python=X.Y'",
    })
    void badInputIsOneLineAndExit2(String args, String message) {
        List<String> argv = new ArrayList<>(List.of("tags"));
        argv.addAll(List.of(args.split(" ")));
        MainTest.Run r = run(argv.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("wheelwright: ").contains(message);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "macosx_10_3_x86_64|cp39-none-any|no platform tag is compatible with macosx_10_3_x86_64",
        "manylinux_2_17_armv6l|cp39-cp39-linux_armv6l|there are no manylinux wheels for armv6l (as in packaging); a glibc armv6l machine takes linux_armv6l wheels",
    })
    void machinesWithFewPlatformsGetTheTagsPackagingGivesAndANote(String platform, String first, String note) {
        MainTest.Run r = run("tags", "--python", "3.9", "--platform", platform);
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst()).contains(first);
        assertThat(r.out()).contains("py3-none-any\n");
        assertThat(r.err()).startsWith("wheelwright: note: ").contains(note);
        MainTest.Run quiet = run("tags", "-q", "--no-color", "--python", "3.9", "--platform", platform);
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).isEqualTo(r.out());
    }
}
