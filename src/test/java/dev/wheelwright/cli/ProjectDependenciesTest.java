package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectDependenciesTest {
    @TempDir
    Path dir;

    private static final Path PROJECTS = Path.of("testdata/projects");

    private static ProjectFacts read(Path p) {
        return new ProjectReader().read(p);
    }

    private static List<String> labels(ProjectDependencies.CiTargets t) {
        return t.targets().stream().map(p -> p.impl() + p.python().replace(".", "") + "-" + p.platform()).toList();
    }

    @Test
    void setupPyRequirementsAreReadThroughTheProjectPackage() {
        // setup_requires=[CFFI_REQ, "wheel"] with CFFI_REQ a module constant: read without running setup.py.
        ProjectDependencies.Requirements r = ProjectDependencies.requirements(read(PROJECTS.resolve("legacy-cffi")),
                PROJECTS.resolve("legacy-cffi"), List.of());
        // no pyproject.toml: pip's default build requirement comes last
        assertThat(r.build()).containsExactly("cffi>=1.15.0", "wheel", "setuptools>=40.8.0");
        assertThat(r.runtime()).containsExactly("cffi>=1.15.0");
        assertThat(r.files()).containsExactly("setup.py");
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void setuptoolsDynamicDependenciesAreReadFromTheirFiles() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), """
                [build-system]
                requires = ["setuptools>=61"]
                build-backend = "setuptools.build_meta"
                [project]
                name = "x"
                dynamic = ["dependencies", "optional-dependencies", "version"]
                [tool.setuptools.dynamic]
                dependencies = {file = ["requirements.in", "more.in"]}
                optional-dependencies.Test = {file = "test.in"}
                """);
        Files.writeString(dir.resolve("requirements.in"), "# runtime\ncffi>=1.15  # comment\n\n");
        Files.writeString(dir.resolve("more.in"), "attrs ; python_version < '3.11'\n");
        Files.writeString(dir.resolve("test.in"), "pytest\n");
        ProjectDependencies.Requirements r = ProjectDependencies.requirements(read(dir), dir, List.of("test"));
        assertThat(r.runtime()).containsExactly("cffi>=1.15", "attrs ; python_version < '3.11'", "pytest");
        assertThat(r.files()).containsExactly("pyproject.toml", "requirements.in", "test.in");

        Files.delete(dir.resolve("more.in"));
        assertThatThrownBy(() -> ProjectDependencies.requirements(read(dir), dir, List.of()))
                .hasMessage(dir.resolve("more.in") + ": no such file");
    }

    @Test
    void buildRequiresThenSetupRequiresAndExtrasFromEveryFileKind() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), """
                [build-system]
                requires = ["setuptools>=61", "cffi>=1.15"]
                [project]
                name = "x"
                dependencies = ["cffi>=1.15"]
                [project.optional-dependencies]
                Speed = ["ujson"]
                """);
        Files.writeString(dir.resolve("setup.cfg"), """
                [options]
                setup_requires =
                    cython<3
                [options.extras_require]
                test = pytest
                """);
        Files.writeString(dir.resolve("setup.py"), """
                from setuptools import setup
                setup(extras_require={"docs": ["sphinx>=7", "furo"]})
                """);
        ProjectDependencies.Requirements r = ProjectDependencies.requirements(read(dir), dir, List.of("speed", "test", "DOCS"));
        assertThat(r.build()).containsExactly("setuptools>=61", "cffi>=1.15", "cython<3");
        assertThat(r.runtime()).containsExactly("cffi>=1.15", "ujson", "pytest", "sphinx>=7", "furo");
        assertThat(r.files()).containsExactly("pyproject.toml", "setup.cfg", "setup.py");
        assertThatThrownBy(() -> ProjectDependencies.requirements(read(dir), dir, List.of("nope")))
                .hasMessage(dir + ": no extra named 'nope' in the project");
    }

    @Test
    void computedSetupRequiresIsANoteNotASilentGap() throws Exception {
        Files.writeString(dir.resolve("setup.py"), """
                from setuptools import setup
                reqs = open("build-reqs.txt").read().split()
                setup(name="x",
                      setup_requires=reqs,
                      install_requires=["attrs"])
                """);
        ProjectDependencies.Requirements r = ProjectDependencies.requirements(read(dir), dir, List.of());
        assertThat(r.build()).containsExactly("setuptools>=40.8.0");
        assertThat(r.runtime()).containsExactly("attrs");
        assertThat(r.notes()).containsExactly(dir.resolve("setup.py") + ":4: setup_requires is computed when setup.py runs; not read");
    }

    @Test
    void badProjectFilesAreOneLineNamingTheFile() throws Exception {
        assertThatThrownBy(() -> ProjectDependencies.requirements(read(dir), dir, List.of()))
                .isInstanceOf(WheelwrightException.class)
                .hasMessage(dir + ": no pyproject.toml, setup.cfg or setup.py (not a Python project folder)");
        Files.writeString(dir.resolve("requirements.txt"), "attrs\n");
        assertThatThrownBy(() -> ProjectDependencies.requirements(read(dir), dir, List.of()))
                .hasMessage(dir + ": no pyproject.toml, setup.cfg or setup.py (not a Python project folder); "
                        + "for its requirements file use -r " + dir.resolve("requirements.txt"));
        Files.delete(dir.resolve("requirements.txt"));
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools\"\n");
        assertThatThrownBy(() -> ProjectDependencies.requirements(read(dir), dir, List.of()))
                .isInstanceOf(WheelwrightException.class)
                .hasMessageStartingWith(dir.resolve("pyproject.toml") + ":")
                .hasMessageContaining("malformed TOML")
                .hasMessageNotContaining("\n");
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\n");
        Files.writeString(dir.resolve("setup.cfg"), "[options]\ninstall_requires =\n    attrs\nthis is not ini\n");
        assertThatThrownBy(() -> ProjectDependencies.requirements(read(dir), dir, List.of()))
                .hasMessageStartingWith(dir.resolve("setup.cfg") + ":4: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void ciTargetsFollowCibuildwheelArchsAndBuildSelector() {
        // ubuntu-22.04 (x86_64) and macos-13 building x86_64, universal2 and arm64; CIBW_BUILD cp39..cp312,
        // which takes the musllinux builds cibuildwheel makes beside the manylinux ones; cibuildwheel 2.16.2's
        // Linux "auto" on x86_64 includes i686 (dropped in 3.0).
        ProjectDependencies.CiTargets t = ProjectDependencies.fromCi(read(PROJECTS.resolve("legacy-cffi")), "3.12").orElseThrow();
        List<String> expected = new java.util.ArrayList<>();
        for (String py : List.of("cp39", "cp310", "cp311", "cp312")) {
            for (String pl : List.of("manylinux_2_17_x86_64", "musllinux_1_2_x86_64", "manylinux_2_17_i686", "musllinux_1_2_i686",
                    "macosx_10_9_x86_64", "macosx_11_0_arm64")) {
                expected.add(py + "-" + pl);
            }
        }
        assertThat(labels(t)).containsExactlyElementsOf(expected);
        assertThat(t.describe()).isEqualTo("targets from .github/workflows/wheels.yml; Python from CIBW_BUILD in .github/workflows/wheels.yml");
    }

    @Test
    void universal2WithADeploymentTargetAndAPyprojectSelector() {
        // [tool.cibuildwheel.macos] archs = ["universal2"], MACOSX_DEPLOYMENT_TARGET 10.13; build = "cp39-* ... cp312-*".
        ProjectDependencies.CiTargets t = ProjectDependencies.fromCi(read(PROJECTS.resolve("universal2-cffi")), "3.12").orElseThrow();
        assertThat(labels(t)).startsWith("cp39-macosx_10_13_x86_64", "cp39-macosx_11_0_arm64", "cp310-macosx_10_13_x86_64").hasSize(8);
        assertThat(t.describe()).isEqualTo("targets from .github/workflows/build.yml, pyproject.toml; "
                + "Python from [tool.cibuildwheel].build in pyproject.toml");
    }

    @Test
    void withoutSelectorRequiresPythonGivesOldestAndNewestElseTheDefault() throws Exception {
        Path wf = Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(wf.resolve("wheels.yml"), """
                on: push
                jobs:
                  build:
                    runs-on: ${{ matrix.os }}
                    strategy:
                      matrix:
                        os: [windows-latest, ubuntu-24.04-arm]
                    steps:
                      - uses: pypa/cibuildwheel@v2.21.3
                        env:
                          CIBW_MANYLINUX_AARCH64_IMAGE: manylinux_2_28
                          CIBW_MUSLLINUX_AARCH64_IMAGE: quay.io/pypa/musllinux_1_1_aarch64
                """);
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\nrequires-python = \">=3.10,<3.13\"\n");
        ProjectDependencies.CiTargets t = ProjectDependencies.fromCi(read(dir), "3.12").orElseThrow();
        // cibuildwheel's "auto" archs on an AMD64 Windows runner add x86 (Architecture.auto_archs)
        assertThat(labels(t)).containsExactly("cp310-win_amd64", "cp310-win32", "cp310-manylinux_2_28_aarch64", "cp310-musllinux_1_1_aarch64",
                "cp312-win_amd64", "cp312-win32", "cp312-manylinux_2_28_aarch64", "cp312-musllinux_1_1_aarch64");
        assertThat(t.pythonFrom()).isEqualTo("requires-python '>=3.10,<3.13' (oldest and newest admitted)");

        // a skip selector applies without a build selector: the oldest and newest left after it
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\nrequires-python = \">=3.10,<3.13\"\n"
                + "[tool.cibuildwheel]\nskip = [\"*-musllinux_*\", \"cp310-win*\"]\n");
        assertThat(labels(ProjectDependencies.fromCi(read(dir), "3.12").orElseThrow())).containsExactly(
                "cp310-manylinux_2_28_aarch64", "cp311-win_amd64", "cp311-win32", "cp312-win_amd64", "cp312-win32", "cp312-manylinux_2_28_aarch64");

        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\n");
        assertThat(labels(ProjectDependencies.fromCi(read(dir), "3.11").orElseThrow()))
                .containsExactly("cp311-win_amd64", "cp311-win32", "cp311-manylinux_2_28_aarch64", "cp311-musllinux_1_1_aarch64");

        Files.writeString(wf.resolve("wheels.yml"), Files.readString(wf.resolve("wheels.yml"))
                + "          CIBW_BUILD: 'cp3*-*'\n          CIBW_SKIP: 'cp38-* cp314-*'\n          CIBW_PROJECT_REQUIRES_PYTHON: '>=3.11'\n");
        ProjectDependencies.CiTargets sel = ProjectDependencies.fromCi(read(dir), "3.12").orElseThrow();
        assertThat(labels(sel)).containsExactly("cp311-win_amd64", "cp311-win32", "cp311-manylinux_2_28_aarch64", "cp311-musllinux_1_1_aarch64",
                "cp312-win_amd64", "cp312-win32", "cp312-manylinux_2_28_aarch64", "cp312-musllinux_1_1_aarch64",
                "cp313-win_amd64", "cp313-win32", "cp313-manylinux_2_28_aarch64", "cp313-musllinux_1_1_aarch64");

        // A selector that builds only on Linux leaves Windows out.
        Files.writeString(wf.resolve("wheels.yml"), Files.readString(wf.resolve("wheels.yml")).replace("'cp3*-*'", "'cp312-manylinux_*'"));
        assertThat(labels(ProjectDependencies.fromCi(read(dir), "3.12").orElseThrow())).containsExactly("cp312-manylinux_2_28_aarch64");
    }

    @Test
    void noCibuildwheelInCiMeansNoCiTargets() throws Exception {
        Path wf = Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(wf.resolve("test.yml"), "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n");
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\n");
        assertThat(ProjectDependencies.fromCi(read(dir), "3.12")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "-,     10.9, 10_9",
            "10.13, 10.9, 10_13",
            "10.6,  10.9, 10_9",
            "10.9,  11.0, 11_0",
            "12.3,  11.0, 12_0",
            "11,    10.9, 11_0",
            "junk,  10.9, 10_9"})
    void macosDeploymentTargetToTagPart(String dt, String floor, String expected) {
        assertThat(dev.wheelwright.project.CiPlatforms.macos(dt, floor)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "'cp39-*',                    cp39-macosx_arm64,      true",
            "'cp39-*',                    cp310-macosx_arm64,     false",
            "'cp3{9,10}-*',               cp310-win_amd64,        true",
            "'cp3{9,10}-*',               cp311-win_amd64,        false",
            "'*-manylinux_x86_64 cp312-*', cp39-manylinux_x86_64, true",
            "'cp31[0-2]-*',               cp311-win32,            true",
            "'cp31[!0-2]-*',              cp311-win32,            false",
            "'CP39-*',                    cp39-win32,             true"})
    void buildSelectorsMatchLikeCibuildwheel(String patterns, String identifier, boolean expected) {
        assertThat(dev.wheelwright.project.CiBuildSelector.matchesAny(patterns, identifier)).isEqualTo(expected);
    }
}
