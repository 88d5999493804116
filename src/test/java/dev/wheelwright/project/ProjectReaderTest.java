package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectReaderTest {
    static final Path PROJECTS = Path.of("testdata/projects");
    final ProjectReader reader = new ProjectReader();

    @Test
    void legacyCffiProject() {
        ProjectFacts p = reader.read(PROJECTS.resolve("legacy-cffi"));
        assertThat(p.pyproject()).isNull();
        assertThat(p.setupPy().setupLine()).isEqualTo(14);
        assertThat(p.setupRequires().orElseThrow()).isEqualTo(new Located<>(List.of("cffi>=1.15.0", "wheel"), "setup.py", 22));
        assertThat(p.setupPy().keyword("setup_requires").orElseThrow().literal()).isTrue();
        assertThat(p.installRequires()).containsExactly("cffi>=1.15.0");
        assertThat(p.cffiBuilders()).extracting(Located::value).containsExactly("src/fastcrc/_build_ffi.py:ffibuilder");
        assertThat(p.ci()).extracting(r -> r.runner().value()).containsExactly("ubuntu-22.04", "macos-13");
        CiRun mac = p.ci().get(1);
        assertThat(mac.runner().line()).isEqualTo(15);
        assertThat(mac.cibuildwheel()).isEqualTo(new Located<>("2.16.2", ".github/workflows/wheels.yml", 21));
        assertThat(mac.envVar("CIBW_ARCHS_MACOS").orElseThrow().line()).isEqualTo(24);
        assertThat(p.targets()).filteredOn(t -> t.os().equals("macos"))
                .extracting(BuildTarget::arch, BuildTarget::runnerArch, BuildTarget::crossCompiled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x86_64", "x86_64", false),
                        org.assertj.core.groups.Tuple.tuple("universal2", "x86_64", true),
                        org.assertj.core.groups.Tuple.tuple("arm64", "x86_64", true));
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void setupCfgProject() {
        ProjectFacts p = reader.read(PROJECTS.resolve("setupcfg-cffi"));
        assertThat(p.pyproject().hasBuildSystem()).isFalse();
        assertThat(p.setupRequires().orElseThrow()).isEqualTo(new Located<>(List.of("cffi>=1.14", "setuptools_scm>=6"), "setup.cfg", 11));
        assertThat(p.cffiBuilders()).extracting(Located::value).contains("yarnhash/_ffi_build.py:ffi");
        BuildTarget arm = p.targets().stream().filter(t -> t.os().equals("macos")).findFirst().orElseThrow();
        assertThat(arm.arch()).isEqualTo("arm64");
        assertThat(arm.deploymentTarget()).isEqualTo(new Located<>("10.9", ".github/workflows/release.yml", 4));
        assertThat(arm.run().cibuildwheel().value()).isEqualTo("1.8.0");
        assertThat(p.ci().get(1).cibuildwheel()).isEqualTo(new Located<>("1.8.0", ".github/workflows/release.yml", 19));
    }

    @Test
    void modernProjectUsesPyprojectConfiguration() {
        ProjectFacts p = reader.read(PROJECTS.resolve("modern-clean"));
        PyProject py = p.pyproject();
        assertThat(py.buildRequires()).containsExactly("setuptools>=70.1");
        assertThat(py.buildBackend()).isEqualTo("setuptools.build_meta");
        assertThat(py.buildSystemLine()).isEqualTo(1);
        assertThat(py.requiresLine()).isEqualTo(2);
        assertThat(p.usesCffi()).isFalse();
        assertThat(p.targets()).filteredOn(t -> t.os().equals("macos"))
                .extracting(BuildTarget::arch).containsExactly("x86_64", "arm64");
        assertThat(p.targets()).noneMatch(BuildTarget::crossCompiled);
        assertThat(p.setupPy().extensions()).hasSize(1);
    }

    @Test
    void universal2FromPyprojectWithDeploymentTarget() {
        ProjectFacts p = reader.read(PROJECTS.resolve("universal2-cffi"));
        BuildTarget t = p.targets().get(0);
        assertThat(t.arch()).isEqualTo("universal2");
        assertThat(t.declared()).isEqualTo(new Located<>("universal2", "pyproject.toml", 19));
        assertThat(t.deploymentTarget()).isEqualTo(new Located<>("10.13", "pyproject.toml", 20));
        assertThat(t.run().cibuildwheel().value()).isEqualTo("2.19.1");
        assertThat(p.pyproject().requiresLine()).isEqualTo(2);
    }

    @Test
    void brokenTomlIsAProblemWithItsLine() {
        ProjectFacts p = reader.read(PROJECTS.resolve("broken-toml"));
        assertThat(p.pyproject()).isNull();
        assertThat(p.hasPyprojectFile()).isTrue();
        assertThat(p.problems()).singleElement().satisfies(pr -> {
            assertThat(pr.kind()).isEqualTo(ProjectProblem.Kind.PYPROJECT);
            assertThat(pr.line()).isEqualTo(3);
        });
    }

    /** TOML 1.0: "Defining a key multiple times is invalid"; the finding points at the second definition and names it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "'[project]\\nname = \"x\"\\nname = \"y\"\\n'             | 3 | Duplicate key 'name'",
            "'[project]\\nname = \"x\"\\nname = \"y\"'                 | 3 | Duplicate key 'name'",
            "'[project]\\nname = \"x\"\\n\\nname = \"y\"\\n\\n# c\\n' | 4 | Duplicate key 'name'",
            "'[build-system]\\nrequires = [\"setuptools\"\\nbuild-backend = \"x\"\\n' | 3 | More data after value has already ended. Invalid value preceding this position?",
    })
    void tomlErrorsPointAtTheirLine(String toml, int line, String message, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), toml.replace("\\n", "\n"));
        assertThat(reader.read(dir).problems()).singleElement().satisfies(pr -> {
            assertThat(pr.line()).isEqualTo(line);
            assertThat(pr.message()).isEqualTo(message);
        });
    }

    /** Valid TOML whose PEP 517/518/621 fields front ends refuse: each is a problem with its line. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "'build-system = 5\\n'                                                   | 1: build-system must be a table, not a number (5)",
            "'[build-system]\\nrequires = []\\nbuild-backend = 3\\n'                  | 3: [build-system] build-backend must be a string (PEP 517), not a number (3)",
            "'[build-system]\\nrequires = [1]\\n'                                    | 2: [build-system] requires must be a list of strings; it holds a number (1)",
            "'[build-system]\\nrequires = []\\nbackend-path = \".\"\\n'               | 3: [build-system] backend-path must be a list of strings, not a string (\".\")",
            "'[project]\\nname = \"x\"\\noptional-dependencies = [\"a\"]\\n'          | 3: [project] optional-dependencies must be a table of lists, not an array",
            "'[project]\\nname = 3\\n'                                                 | 2: [project] name must be a string, not a number (3)",
            "'[project]\\nname = \"x\"\\n[project.optional-dependencies]\\ntest = \"pytest\"\\n' | 4: [project.optional-dependencies] test must be a list of strings, not a string (\"pytest\")",
    })
    void pyprojectFieldsOfTheWrongForm(String toml, String expected, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), toml.replace("\\n", "\n"));
        ProjectFacts p = reader.read(dir);
        assertThat(p.pyproject()).isNotNull();
        assertThat(p.problems()).extracting(pr -> pr.kind() + " " + pr.line() + ": " + pr.message())
                .containsExactly("PYPROJECT_FIELD " + expected);
    }

    @Test
    void absurdlyNestedYamlIsAProblemInTheUsersTerms(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/deep.yml"), "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        assertThat(reader.read(dir).problems()).singleElement().satisfies(pr -> {
            assertThat(pr.kind()).isEqualTo(ProjectProblem.Kind.CI_CONFIG);
            assertThat(pr.message()).isEqualTo("Document nesting depth (1001) exceeds the maximum allowed (1000)");
        });
    }

    @Test
    void binaryAndBrokenFilesAreProblemsNotExceptions(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("setup.py"), new byte[] {'i', 'm', 'p', '\n', 0, 1, 2, (byte) 0xff});
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/ci.yml"), "jobs:\n  a: [unclosed\n");
        Files.writeString(dir.resolve("setup.cfg"), "[options]\n!!!\n");
        ProjectFacts p = reader.read(dir);
        assertThat(p.problems()).extracting(ProjectProblem::kind, ProjectProblem::line)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ProjectProblem.Kind.SETUP_PY, 2),
                        org.assertj.core.groups.Tuple.tuple(ProjectProblem.Kind.SETUP_CFG, 2),
                        org.assertj.core.groups.Tuple.tuple(ProjectProblem.Kind.CI_CONFIG, 2));
    }

    @Test
    void missingFolderIsOneClearError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> reader.read(dir.resolve("nope"))).isInstanceOf(ProjectException.class)
                .hasMessageEndingWith("nope: no such directory");
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("not a directory");
    }

    @Test
    void matrixIncludeAndExcludeFollowGitHubSemantics(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/w.yml"), String.join("\n",
                "jobs:",
                "  build:",
                "    runs-on: ${{ matrix.os }}",
                "    strategy:",
                "      matrix:",
                "        os: [macos-13, macos-14, windows-2022]",
                "        py: [cp311]",
                "        exclude:",
                "          - os: windows-2022",
                "        include:",
                "          - os: macos-13",
                "            archs: x86_64 arm64",
                "          - os: macos-14",
                "            archs: arm64",
                "    steps:",
                "      - uses: pypa/cibuildwheel@0123456789abcdef0123456789abcdef01234567 # v2.22.0",
                "        env:",
                "          CIBW_ARCHS_MACOS: ${{ matrix.archs }}",
                ""));
        ProjectFacts p = reader.read(dir);
        assertThat(p.ci()).extracting(r -> r.runner().value(), r -> r.runner().line(), r -> r.cibuildwheel().value())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("macos-13", 6, "2.22.0"),
                        org.assertj.core.groups.Tuple.tuple("macos-14", 6, "2.22.0"));
        assertThat(p.targets()).extracting(t -> t.run().runner().value() + ":" + t.arch() + ":" + t.crossCompiled())
                .containsExactly("macos-13:x86_64:false", "macos-13:arm64:true", "macos-14:arm64:false");
        assertThat(p.targets().get(1).declared().line()).isEqualTo(12);
    }

    @Test
    void expressionsGuardsReusableWorkflowsAndBuildersAreEvaluated(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.createDirectories(dir.resolve(".github/actions/wheel"));
        Files.writeString(dir.resolve(".github/workflows/wheels.yml"), String.join("\n",
                "on: [push]",
                "jobs:",
                "  build:",
                "    strategy:",
                "      matrix:",
                "        buildplat:",
                "          - [ubuntu-22.04, manylinux_x86_64, '']",
                "          - [macos-14, macosx_arm64, arm64]",
                "          - [windows-2022, win_amd64, '']",
                "        platform: [auto]",
                "        include:",
                "          - buildplat: [macos-14, ios, '']",
                "            platform: ios",
                "    runs-on: ${{ matrix.buildplat[0] }}",
                "    steps:",
                "      - if: matrix.buildplat[1] == 'win_riscv'",
                "        run: echo",
                "        env:",
                "          CIBW_ARCHS: riscv64",
                "      - uses: pypa/cibuildwheel@v3.1.0",
                "        env:",
                "          CIBW_ARCHS: ${{ matrix.buildplat[2] || 'auto' }}",
                "          CIBW_PLATFORM: ${{ matrix.platform }}",
                "          CIBW_BUILD: ${{ github.event.inputs.build }}",
                "  dynamic:",
                "    runs-on: ${{ needs.plan.outputs.os }}",
                "    steps:",
                "      - uses: pypa/cibuildwheel@v3.1.0",
                "  call:",
                "    uses: ./.github/workflows/mac.yml",
                "    with:",
                "      os: macos-15-intel",
                ""));
        Files.writeString(dir.resolve(".github/workflows/mac.yml"), String.join("\n",
                "on:",
                "  workflow_call:",
                "    inputs:",
                "      os: {type: string, default: macos-14}",
                "jobs:",
                "  mac:",
                "    runs-on: ${{ inputs.os }}",
                "    steps:",
                "      - uses: ./.github/actions/wheel",
                "        with:",
                "          flags: -arch arm64 -arch x86_64",
                ""));
        Files.writeString(dir.resolve(".github/actions/wheel/action.yml"), String.join("\n",
                "inputs:",
                "  flags: {default: ''}",
                "runs:",
                "  using: composite",
                "  steps:",
                "    - run: python -m pip wheel . -w dist",
                "      shell: bash",
                "      env:",
                "        ARCHFLAGS: ${{ inputs.flags }}",
                "        MACOSX_DEPLOYMENT_TARGET: '10.13'",
                ""));
        ProjectFacts p = reader.read(dir);
        assertThat(p.targets()).extracting(t -> t.run().job() + ":" + t.os() + ":" + t.arch() + ":" + t.crossCompiled())
                .containsExactly("build:linux:x86_64:false", "build:macos:arm64:false", "build:windows:AMD64:false",
                        "build:windows:x86:false", "call → mac:macos:universal2:true");
        BuildTarget universal = p.targets().get(4);
        assertThat(universal.deploymentTarget().value()).isEqualTo("10.13");
        assertThat(universal.declared().file()).isEqualTo(".github/actions/wheel/action.yml");
        assertThat(p.ci()).filteredOn(r -> r.job().equals("build")).allSatisfy(r -> {
            assertThat(r.env()).doesNotContainKey("CIBW_BUILD");
            assertThat(r.env().get("CIBW_ARCHS").value()).doesNotContain("$").doesNotContain("riscv64");
        });
        assertThat(p.problems()).extracting(pr -> pr.kind() + " " + pr.file() + ":" + pr.line())
                .containsExactly("CI_UNRESOLVED .github/workflows/wheels.yml:24", "CI_UNRESOLVED .github/workflows/wheels.yml:26");
        assertThat(p.problems().get(1).message()).contains("runs-on", "needs.plan.outputs.os");
    }

    @Test
    void otherCiFilesGiveTheirCibwVariablesAndPins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), String.join("\n",
                "build-wheels:",
                "  image: python:3.12",
                "  variables:",
                "    CIBW_BUILD: \"cp311-* cp312-*\"",
                "    CIBW_ARCHS_LINUX: 'x86_64 aarch64'  # emulated",
                "  script:",
                "    - pip install cibuildwheel==2.11.4",
                "    - cibuildwheel --platform linux",
                ""));
        ProjectFacts p = reader.read(dir);
        CiRun run = p.ci().get(0);
        assertThat(run.file()).isEqualTo(".gitlab-ci.yml");
        assertThat(run.envVar("CIBW_BUILD").orElseThrow()).isEqualTo(new Located<>("cp311-* cp312-*", ".gitlab-ci.yml", 4));
        assertThat(run.envVar("CIBW_ARCHS_LINUX").orElseThrow().value()).isEqualTo("x86_64 aarch64");
        assertThat(run.cibuildwheel()).isEqualTo(new Located<>("2.11.4", ".gitlab-ci.yml", 7));
        assertThat(run.runner()).isNull();
        assertThat(p.noBuildIsolation()).isEmpty();
        Files.writeString(dir.resolve(".gitlab-ci.yml"), "build:\n  script:\n    - pip wheel --no-build-isolation .\n");
        assertThat(reader.read(dir).noBuildIsolation()).containsExactly(new Located<>("--no-build-isolation", ".gitlab-ci.yml", 3));
    }

    /**
     * Encodings: TOML and setup.cfg are UTF-8; a Python file is UTF-8 unless a PEP 263 coding
     * declaration on line 1 or 2 says otherwise. A file in another encoding is a problem naming
     * the line and byte, never an exception.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            // file         | content (\\xE9 = the byte 0xE9)                                   | expected problem, or empty
            "pyproject.toml | '[project]\\nname = \"caf\\xE9\"\\n'                        | 2: not UTF-8 text (byte 0xE9 at offset 21)",
            "setup.cfg      | '[metadata]\\nname = caf\\xE9\\n'                            | 2: not UTF-8 text (byte 0xE9 at offset 21)",
            "setup.py       | 'from setuptools import setup\\n# caf\\xE9\\nsetup(name=\"x\")\\n' | 2: not UTF-8 text (byte 0xE9 at offset 34)",
            "setup.py       | '# -*- coding: latin-1 -*-\\n# caf\\xE9\\nfrom setuptools import setup\\nsetup(name=\"caf\\xE9\")\\n' | ''",
            "setup.py       | '#!/usr/bin/env python\\n# vim: set fileencoding=iso-8859-15 :\\nsetup(name=\"caf\\xE9\")\\n' | ''",
            "setup.py       | 'import os\\n# coding: latin-1\\nsetup(name=\"caf\\xE9\")\\n' | 3: not UTF-8 text (byte 0xE9 at offset 43)",
            "setup.py       | '# coding: klingon\\nsetup(name=\"x\")\\n'                           | 1: unknown encoding 'klingon' in its coding declaration",
    })
    void fileEncodings(String file, String content, String expected, @TempDir Path tmp) throws Exception {
        byte[] bytes = content.replace("\\n", "\n").replace("\\xE9", "\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(tmp.resolve(file), bytes);
        ProjectFacts p = reader.read(tmp);
        if (expected == null || expected.isEmpty()) {
            assertThat(p.problems()).isEmpty();
            assertThat(((PyValue.Str) p.setupPy().keyword("name").orElseThrow().value()).value()).isEqualTo("caf\u00e9");
        } else {
            assertThat(p.problems()).extracting(pr -> pr.file() + " " + pr.line() + ": " + pr.message())
                    .containsExactly(file + " " + expected);
        }
    }

    /** A pyproject.toml that is not UTF-8 is a finding of doctor (WW-P010), not a stop of the run. */
    @Test
    void doctorReportsANonUtf8PyprojectAsAFinding(@TempDir Path tmp) throws Exception {
        Files.write(tmp.resolve("pyproject.toml"), "[project]\nname = \"caf\u00e9\"\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.wheelwright.cli.Main.run(new String[] {"doctor", tmp.toString(), "--format", "json"},
                new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        // stderr carries only the run's summary beside the JSON report: no error line stopped the run
        assertThat(err.toString()).doesNotContain("pyproject.toml:").contains("exit 1: 1 finding at or above --fail-on error (WW-P010)");
        assertThat(code).isEqualTo(1);
        var f = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString()).path("findings").path(0);
        assertThat(f.path("name").asText()).isEqualTo("pyproject-invalid");
        assertThat(f.path("location").path("line").asInt()).isEqualTo(2);
    }
}
