package dev.wheelwright.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectReader;
import dev.wheelwright.rules.Check;
import dev.wheelwright.rules.checks.CffiCrossCompileConfigCheck;
import dev.wheelwright.rules.checks.Universal2WithCffiCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeRunnersFixTest {
    final ProjectReader reader = new ProjectReader();
    final NativeRunnersFix fix = new NativeRunnersFix();

    static List<String> crossHits(ProjectFacts p) {
        List<String> out = new ArrayList<>();
        Facts facts = Facts.builder().put(ProjectFacts.class, p).build();
        for (Check c : List.of(new CffiCrossCompileConfigCheck(), new Universal2WithCffiCheck())) {
            c.run(facts, (loc, values, evidence) -> out.add(c.getClass().getSimpleName() + " " + loc.display()));
        }
        return out;
    }

    @Test
    void matrixGainsAnArmRunnerAndArchsBecomeNative(@TempDir Path tmp) throws Exception {
        Path dir = PyprojectBuildSystemFixTest.copy(PyprojectBuildSystemFixTest.PROJECTS.resolve("legacy-cffi"), tmp.resolve("p"));
        assertThat(crossHits(reader.read(dir))).hasSize(2);
        FixPlan plan = fix.plan(dir, reader.read(dir));
        assertThat(plan.manual()).isEmpty();
        assertThat(plan.edits()).singleElement().satisfies(e -> assertThat(UnifiedDiff.of(e)).isEqualTo("""
                --- a/.github/workflows/wheels.yml
                +++ b/.github/workflows/wheels.yml
                @@ -12,7 +12,7 @@
                     strategy:
                       fail-fast: false
                       matrix:
                -        os: [ubuntu-22.04, macos-13]
                +        os: [ubuntu-22.04, macos-13, macos-15]
                \s
                     steps:
                       - uses: actions/checkout@v4
                @@ -21,7 +21,7 @@
                         uses: pypa/cibuildwheel@v2.16.2
                         env:
                           CIBW_BUILD: "cp39-* cp310-* cp311-* cp312-*"
                -          CIBW_ARCHS_MACOS: "x86_64 universal2 arm64"
                +          CIBW_ARCHS_MACOS: native
                           CIBW_TEST_COMMAND: "python -c 'import fastcrc; assert fastcrc.crc32c(b\\"123456789\\") == 0xE3069283'"
                \s
                       - uses: actions/upload-artifact@v4
                """));
        DoctorAgain.applyAndCheck(dir, plan, "cffi-cross-compile-config", "universal2-with-cffi");
        ProjectFacts after = reader.read(dir);
        assertThat(crossHits(after)).isEmpty();
        assertThat(after.targets()).filteredOn(t -> t.os().equals("macos"))
                .extracting(t -> t.run().runner().value() + ":" + t.arch()).containsExactly("macos-13:x86_64", "macos-15:arm64");
    }

    @Test
    void literalRunnerBecomesAMatrixAndPyprojectArchsNative(@TempDir Path tmp) throws Exception {
        Path dir = PyprojectBuildSystemFixTest.copy(PyprojectBuildSystemFixTest.PROJECTS.resolve("universal2-cffi"), tmp.resolve("p"));
        FixPlan plan = fix.plan(dir, reader.read(dir));
        assertThat(plan.edits()).extracting(FileEdit::path).containsExactly("pyproject.toml", ".github/workflows/build.yml");
        assertThat(plan.edits().get(0).after()).contains("\narchs = [\"native\"]\n");
        assertThat(plan.edits().get(1).after()).contains("""
                    runs-on: ${{ matrix.os }}
                    strategy:
                      matrix:
                        os: [macos-14, macos-15-intel]
                    steps:
                """);
        // the 10.13 target that covered universal2's x86_64 half now reaches the thin arm64 build (said as a manual step)
        assertThat(plan.manual()).singleElement().asString().contains("MACOSX_DEPLOYMENT_TARGET=10.13 will apply to the arm64 build too");
        List<String> before = DoctorAgain.findings(dir);
        FixApplier.apply(dir, plan);
        assertThat(crossHits(reader.read(dir))).isEmpty();
        List<String> expected = new ArrayList<>(before);
        expected.removeAll(List.of("cffi-cross-compile-config", "universal2-with-cffi"));
        expected.add(0, "deployment-target-too-low-for-arm64");
        assertThat(DoctorAgain.findings(dir)).containsExactlyElementsOf(expected);
    }

    @Test
    void blockListItemAndUnsupportedLayouts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("setup.py"), "from setuptools import setup\nsetup(cffi_modules=['b.py:ffi'])\n");
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/w.yml"), String.join("\n",
                "jobs:",
                "  mac:",
                "    runs-on: ${{ matrix.os }}",
                "    strategy:",
                "      matrix:",
                "        os:",
                "          - macos-14  # Apple silicon",
                "    steps:",
                "      - uses: pypa/cibuildwheel@v2.22.0",
                "        env:",
                "          CIBW_ARCHS_MACOS: x86_64 arm64",
                ""));
        FixPlan plan = fix.plan(dir, reader.read(dir));
        assertThat(plan.edits()).singleElement().extracting(FileEdit::after).asString()
                .contains("          - macos-14  # Apple silicon\n          - macos-15-intel\n")
                .contains("CIBW_ARCHS_MACOS: native\n");
        DoctorAgain.applyAndCheck(dir, plan, "cffi-cross-compile-config");
        assertThat(crossHits(reader.read(dir))).isEmpty();
    }

    @Test
    void aRunnerWhoseNameExtendsTheNativeLabelIsNotTakenForIt(@TempDir Path dir) throws Exception {
        // after replace-retired-runner: macos-15-intel is there, macos-15 (arm64) is not
        Files.writeString(dir.resolve("setup.py"), "from setuptools import setup\nsetup(cffi_modules=['b.py:ffi'])\n");
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools\", \"cffi\"]\n"
                + "build-backend = \"setuptools.build_meta\"\n");
        Files.createDirectories(dir.resolve(".github/workflows"));
        String flow = String.join("\n",
                "jobs:",
                "  wheels:",
                "    runs-on: ${{ matrix.os }}",
                "    strategy:",
                "      matrix:",
                "        os: [ubuntu-24.04, \"macos-15-intel\"]",
                "    steps:",
                "      - uses: pypa/cibuildwheel@v2.22.0",
                "        env:",
                "          CIBW_ARCHS_MACOS: x86_64 arm64",
                "");
        Files.writeString(dir.resolve(".github/workflows/w.yml"), flow);
        FixPlan plan = fix.plan(dir, reader.read(dir));
        assertThat(plan.manual()).isEmpty();
        assertThat(plan.edits()).singleElement().extracting(FileEdit::after).asString()
                .contains("os: [ubuntu-24.04, \"macos-15-intel\", \"macos-15\"]");
        DoctorAgain.applyAndCheck(dir, plan, "cffi-cross-compile-config");
        assertThat(reader.read(dir).targets()).filteredOn(t -> t.os().equals("macos"))
                .extracting(t -> t.run().runner().value() + ":" + t.arch()).containsExactly("macos-15-intel:x86_64", "macos-15:arm64");

        // a block list that already has the label as an item gets no second one
        String block = flow.replace("        os: [ubuntu-24.04, \"macos-15-intel\"]", "        os:\n          - macos-15-intel\n          - macos-15");
        assertThat(NativeRunnersFix.flowItems(" a, 'b' ,\"c\" ")).containsExactly("a", "b", "c");
        Files.writeString(dir.resolve(".github/workflows/w.yml"), block);
        FixPlan again = fix.plan(dir, reader.read(dir));
        assertThat(again.edits()).singleElement().extracting(FileEdit::after).asString()
                .contains("          - macos-15-intel\n          - macos-15\n    steps:");
    }
}
