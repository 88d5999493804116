package dev.wheelwright.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectReader;
import dev.wheelwright.rules.Check;
import dev.wheelwright.rules.checks.BuildSystemMissingCheck;
import dev.wheelwright.rules.checks.LegacySetupPyBuildCheck;
import dev.wheelwright.rules.checks.SetupRequiresConflictCheck;
import dev.wheelwright.rules.checks.WheelInBuildRequiresCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyprojectBuildSystemFixTest {
    static final Path PROJECTS = Path.of("testdata/projects");
    static final List<Check> CHECKS = List.of(new LegacySetupPyBuildCheck(), new SetupRequiresConflictCheck(),
            new BuildSystemMissingCheck(), new WheelInBuildRequiresCheck());
    final PyprojectBuildSystemFix fix = new PyprojectBuildSystemFix();
    final ProjectReader reader = new ProjectReader();

    static List<String> hits(ProjectFacts p) {
        List<String> out = new ArrayList<>();
        Facts facts = Facts.builder().put(ProjectFacts.class, p).build();
        for (Check c : CHECKS) {
            c.run(facts, (loc, values, evidence) -> out.add(c.getClass().getSimpleName() + " " + loc.display()));
        }
        return out;
    }

    static Path copy(Path from, Path to) throws IOException {
        return dev.wheelwright.TestTrees.copy(from, to);
    }

    @Test
    void legacyProjectGetsANewPyprojectAndLosesSetupRequires(@TempDir Path tmp) throws Exception {
        Path dir = copy(PROJECTS.resolve("legacy-cffi"), tmp.resolve("p"));
        ProjectFacts before = reader.read(dir);
        assertThat(hits(before)).containsExactly("LegacySetupPyBuildCheck setup.py:14", "SetupRequiresConflictCheck setup.py:22");
        String setupBefore = Files.readString(dir.resolve("setup.py"));

        FixPlan plan = fix.plan(dir, before);
        assertThat(plan.manual()).isEmpty();
        assertThat(plan.edits()).extracting(FileEdit::path).containsExactly("pyproject.toml", "setup.py");
        assertThat(plan.edits().get(0).after()).isEqualTo("""
                [build-system]
                requires = ["setuptools", "cffi>=1.15.0"]
                build-backend = "setuptools.build_meta"
                """);
        assertThat(UnifiedDiff.of(plan.edits().get(1))).isEqualTo("""
                --- a/setup.py
                +++ b/setup.py
                @@ -19,7 +19,6 @@
                     long_description_content_type="text/markdown",
                     packages=["fastcrc"],
                     package_dir={"": "src"},
                -    setup_requires=[CFFI_REQ, "wheel"],
                     install_requires=[CFFI_REQ],
                     cffi_modules=["src/fastcrc/_build_ffi.py:ffibuilder"],
                     python_requires=">=3.8",
                """);

        List<String> doctorBefore = DoctorAgain.findings(dir);
        FixApplier.Applied applied = FixApplier.apply(dir, plan);
        List<String> expected = new ArrayList<>(doctorBefore);
        expected.removeAll(List.of("legacy-setup-py-build", "setup-requires-conflict"));
        assertThat(DoctorAgain.findings(dir)).containsExactlyElementsOf(expected);
        assertThat(applied.backups()).containsExactly(dir.resolve("setup.py.orig"));
        assertThat(Files.readString(dir.resolve("setup.py.orig"))).isEqualTo(setupBefore);
        ProjectFacts after = reader.read(dir);
        assertThat(hits(after)).isEmpty();
        assertThat(after.setupPy().keyword("setup_requires")).isEmpty();
        // every other line the user wrote is still there
        List<String> removed = new ArrayList<>(setupBefore.lines().toList());
        removed.removeAll(Files.readString(dir.resolve("setup.py")).lines().toList());
        assertThat(removed).containsExactly("    setup_requires=[CFFI_REQ, \"wheel\"],");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void setupCfgProjectKeepsItsToolTablesAndComments(@TempDir Path tmp) throws Exception {
        Path dir = copy(PROJECTS.resolve("setupcfg-cffi"), tmp.resolve("p"));
        ProjectFacts before = reader.read(dir);
        assertThat(hits(before)).containsExactly("SetupRequiresConflictCheck setup.cfg:11", "BuildSystemMissingCheck pyproject.toml:1");
        FixPlan plan = fix.plan(dir, before);
        FileEdit py = plan.edits().get(0);
        assertThat(py.after()).isEqualTo("""
                # Tool settings only; packaging metadata lives in setup.cfg.
                [build-system]
                requires = ["setuptools", "cffi>=1.14", "setuptools_scm>=6"]
                build-backend = "setuptools.build_meta"

                [tool.black]
                line-length = 100

                [tool.pytest.ini_options]
                testpaths = ["tests"]
                """);
        FileEdit cfg = plan.edits().get(1);
        assertThat(cfg.after()).doesNotContain("setup_requires").contains("# cffi must be importable when setup.py runs")
                .contains("install_requires =\n    cffi>=1.14\ncffi_modules");
        DoctorAgain.applyAndCheck(dir, plan, "build-system-missing", "setup-requires-conflict");
        assertThat(hits(reader.read(dir))).isEmpty();
    }

    @Test
    void aProjectNeverRequiresItselfToBuild(@TempDir Path dir) throws Exception {
        // cffi's own layout: a C extension (no cffi_modules) and demo/test files that call FFI()
        Files.writeString(dir.resolve("setup.py"), String.join("\n",
                "from setuptools import setup, Extension",
                "",
                "setup(",
                "    name='CFFI',",
                "    version='1.17.0',",
                "    packages=['cffi'],",
                "    setup_requires=['cffi; platform_python_implementation == \"PyPy\"', 'pycparser'],",
                "    ext_modules=[Extension(name='_cffi_backend', sources=['src/c/_cffi_backend.c'])],",
                "    install_requires=['pycparser'],",
                ")",
                ""));
        for (String demo : List.of("demo/bsdopendirtype_build.py", "testing/cffi1/test_re_python.py")) {
            Files.createDirectories(dir.resolve(demo).getParent());
            Files.writeString(dir.resolve(demo), "from cffi import FFI\nffi = FFI()\nffi.set_source('_x', '')\n");
        }
        ProjectFacts p = reader.read(dir);
        assertThat(p.cffiBuilders()).isEmpty();
        FixPlan plan = fix.plan(dir, p);
        assertThat(plan.edits().get(0).after()).contains("requires = [\"setuptools\", \"pycparser\"]\n");
        assertThat(plan.manual()).containsExactly(
                "left \"cffi; platform_python_implementation == \"PyPy\"\" out of [build-system].requires: it is this project itself");
        DoctorAgain.applyAndCheck(dir, plan, "legacy-setup-py-build", "setup-requires-conflict");
        assertThat(Files.readString(dir.resolve("pyproject.toml"))).doesNotContain("\"cffi");
    }

    @Test
    void anFfiScriptThatSetupPyImportsForExtModulesIsABuilder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("setup.py"), String.join("\n",
                "import sys",
                "from setuptools import setup",
                "sys.path.insert(0, 'src')",
                "from _sodium_build import ffi",
                "",
                "setup(",
                "    name='sodium-lite',",
                "    setup_requires=['cffi>=1.0'],",
                "    install_requires=['cffi>=1.0'],",
                "    ext_modules=[ffi.distutils_extension()],",
                ")",
                ""));
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/_sodium_build.py"), "from cffi import FFI\nffi = FFI()\nffi.set_source('_sodium', '')\n");
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/test_ffi.py"), "from cffi import FFI\nffi = FFI()\nffi.set_source('_t', '')\n");
        ProjectFacts p = reader.read(dir);
        assertThat(p.cffiBuilders()).extracting(l -> l.file() + ":" + l.line()).containsExactly("src/_sodium_build.py:3");
        FixPlan plan = fix.plan(dir, p);
        assertThat(plan.edits().get(0).after()).contains("requires = [\"setuptools\", \"cffi>=1.0\"]\n");
        DoctorAgain.applyAndCheck(dir, plan, "legacy-setup-py-build", "setup-requires-conflict");
    }

    static final Path P002_CASES = Path.of("rules/project/WW-P002-setup-requires-conflict/cases");

    @Test
    void aListGrownWithAppendMovesAndItsArgumentGoes(@TempDir Path tmp) throws Exception {
        Path dir = copy(P002_CASES.resolve("fail-appended-setup-requires"), tmp.resolve("p"));
        FixPlan plan = fix.plan(dir, reader.read(dir));
        assertThat(plan.manual()).isEmpty();
        assertThat(plan.edits()).extracting(FileEdit::path).containsExactly("pyproject.toml", "setup.py");
        assertThat(plan.edits().get(0).after()).contains("requires = [\"setuptools\", \"cffi>=1.4.1\", \"pytest-runner\"]\n");
        assertThat(UnifiedDiff.of(plan.edits().get(1))).contains("\n-    setup_requires=setup_requires,\n");
        DoctorAgain.applyAndCheck(dir, plan, "legacy-setup-py-build", "setup-requires-conflict");
    }

    @Test
    void aKeywordDictWithASpliceMovesItsLiteralsAndSaysWhatIsLeft(@TempDir Path tmp) throws Exception {
        Path dir = copy(P002_CASES.resolve("fail-kwargs-dict-and-splice"), tmp.resolve("p"));
        FixPlan plan = fix.plan(dir, reader.read(dir));
        assertThat(plan.edits()).extracting(FileEdit::path).containsExactly("pyproject.toml");
        assertThat(plan.edits().get(0).after()).contains("requires = [\"setuptools\", \"cffi>=1.12\"]\n");
        assertThat(plan.manual()).containsExactly("setup.py:12: setup_requires is partly computed when setup.py runs "
                + "(**kwargs); its literal items are in [build-system].requires now: add the others there and remove setup_requires");
        DoctorAgain.applyAndCheck(dir, plan, "legacy-setup-py-build", "setup-requires-conflict");
    }

    @Test
    void computedSetupRequiresIsLeftToTheUserWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("setup.py"), "from setuptools import setup\nimport reqs\n\nsetup(\n    name='x',\n"
                + "    setup_requires=reqs.load('build.txt'),\n)\n");
        FixPlan plan = fix.plan(dir, reader.read(dir));
        assertThat(plan.edits()).extracting(FileEdit::path).containsExactly("pyproject.toml");
        assertThat(plan.manual()).singleElement().asString()
                .startsWith("setup.py:6: setup_requires is computed when setup.py runs (reqs.load('build.txt'))");
    }

    @Test
    void refusesForeignBackendsAndBrokenFilesAndTouchesNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("setup.py"), "from setuptools import setup\nsetup(setup_requires=['cffi'])\n");
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
        assertThatThrownBy(() -> fix.plan(dir, reader.read(dir))).isInstanceOf(FixRefusedException.class)
                .hasMessage("pyproject.toml:3: [build-system] uses build-backend 'hatchling.build', not setuptools; move setup_requires there by hand");
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system\n");
        assertThatThrownBy(() -> fix.plan(dir, reader.read(dir))).isInstanceOf(FixRefusedException.class)
                .hasMessageStartingWith("pyproject.toml:1: ").hasMessageEndingWith("; fix the file first");
    }

    @Test
    void applyRefusesWhenAFileChanged(@TempDir Path tmp) throws Exception {
        Path dir = copy(PROJECTS.resolve("legacy-cffi"), tmp.resolve("p"));
        FixPlan plan = fix.plan(dir, reader.read(dir));
        Files.writeString(dir.resolve("setup.py"), Files.readString(dir.resolve("setup.py")) + "# edited\n");
        assertThatThrownBy(() -> FixApplier.apply(dir, plan)).hasMessage("setup.py: changed after the fix was planned; run the fix again");
        assertThat(dir.resolve("pyproject.toml")).doesNotExist();
    }

    @Test
    void requirementsKeepSpecifiersAndDropWheelOnlyForNewSetuptools() {
        assertThat(PyprojectBuildSystemFix.requirements(List.of("cffi>=1.0", "wheel", "setuptools>=64"), false))
                .containsExactly("setuptools>=64", "cffi>=1.0");
        assertThat(PyprojectBuildSystemFix.requirements(List.of("setuptools<60", "wheel"), true))
                .containsExactly("setuptools<60", "wheel", "cffi");
        assertThat(PyprojectBuildSystemFix.requirements(List.of("Cython>=3; python_version>='3.8'", "cython"), false))
                .containsExactly("setuptools", "Cython>=3; python_version>='3.8'");
    }

    @Test
    void insertsTheTableAfterRootKeysSafely() {
        assertThat(PyprojectBuildSystemFix.insertTable("title = 'x'\n[tool.a]\nb = 1", "[build-system]\n"))
                .isEqualTo("title = 'x'\n[tool.a]\nb = 1\n\n[build-system]\n");
        assertThat(PyprojectBuildSystemFix.insertTable("", "[build-system]\n")).isEqualTo("[build-system]\n");
    }
}
