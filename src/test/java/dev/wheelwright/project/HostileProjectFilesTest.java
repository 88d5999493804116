package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project-file inputs of issue #22 that hung or crashed doctor (long lines under a
 * backtracking pattern, deep nesting, long globs), written out here rather than committed as
 * 100 kB files; each runs under the fuzz contract ({@link dev.wheelwright.fuzz.FuzzBounds}).
 */
class HostileProjectFilesTest {
    private static final String SPACES = " ".repeat(100_000);

    static Stream<Arguments> inputs() {
        String deepCalls = "f(".repeat(50_000) + ")".repeat(50_000);
        return Stream.of(
                // a 100k-character line that PyProjectReader's header pattern backtracks over
                Arguments.of("pyproject.toml", "x = [\n[1," + SPACES + "2]]\n"),
                Arguments.of("pyproject.toml", "[build-system]\nrequires = []\n[\"a" + SPACES + "b\"]\n"),
                Arguments.of("pyproject.toml", "[build-system]\nrequires = [\"a\"" + SPACES + "]\n[project]\nname = \"x\"\n"),
                Arguments.of("pyproject.toml", "[" + SPACES + "x\n"),
                Arguments.of("pyproject.toml", "a" + ".a".repeat(20_000) + " = 1\n"),
                Arguments.of("pyproject.toml", "x = " + "[".repeat(20_000) + "]".repeat(20_000) + "\n"),
                Arguments.of("pyproject.toml", "x = " + "{a=".repeat(20_000) + "1" + "}".repeat(20_000) + "\n"),
                // a long glob in the build selector
                Arguments.of("pyproject.toml", "[tool.cibuildwheel]\nbuild = \"" + "*a".repeat(40) + "b\"\n"),
                Arguments.of("pyproject.toml", "[tool.cibuildwheel]\nbuild = \"" + "{a,b}".repeat(40) + "\"\n"),
                Arguments.of(".github/workflows/wheels.yml", workflow("CIBW_BUILD: \"" + "*-".repeat(40) + "x\"")),
                Arguments.of(".github/workflows/wheels.yml", workflow("CIBW_SKIP: \"" + "{cp,pp}".repeat(40) + "\"")),
                Arguments.of(".github/workflows/wheels.yml", workflow("CIBW_BUILD: \"[z-a]* cp3[\"")),
                Arguments.of(".github/workflows/wheels.yml", "on: push\n" + "- ".repeat(50_000) + "x\n"),
                Arguments.of(".github/workflows/wheels.yml", "on: push\nx: " + "[".repeat(20_000) + "\n"),
                Arguments.of(".gitlab-ci.yml", "build:\n  script:\n    - cibuildwheel " + SPACES + "#\n"),
                // deep nesting in setup.py: calls, brackets, a long line of them
                Arguments.of("setup.py", "from setuptools import setup\nsetup(install_requires=" + deepCalls + ")\n"),
                Arguments.of("setup.py", "x = " + "[".repeat(100_000) + "]".repeat(100_000) + "\nsetup(name=x)\n"),
                Arguments.of("setup.py", "setup(name=" + "a.b(".repeat(30_000) + ")".repeat(30_000) + ")\n"),
                Arguments.of("setup.py", "setup(" + "x=[1" + SPACES + "+],".repeat(2_000) + ")\n"),
                Arguments.of("setup.py", "setup(ext_modules=[" + "(".repeat(90) + "a" + SPACES + "b" + ")".repeat(90) + "])\n"),
                // values that grow without bound: doubled, deepened, long chains of "+" and of dotted names
                Arguments.of("setup.py", "x = ['a']\n" + "x += x\n".repeat(64) + "setup(install_requires=x)\n"),
                Arguments.of("setup.py", "x = 'ab'\n" + "x = x + x\n".repeat(64) + "setup(name=x)\n"),
                Arguments.of("setup.py", "x = []\n" + "x = [x, x]\n".repeat(64) + "setup(install_requires=x)\n"),
                Arguments.of("setup.py", "x = []\n" + "x = [x]\n".repeat(50_000) + "setup(install_requires=x)\n"),
                Arguments.of("setup.py", "x = []\n" + "x.append(x)\n".repeat(50_000) + "setup(install_requires=x)\n"),
                Arguments.of("setup.py", "x = [1]\n" + "x += [1]\n".repeat(100_000) + "setup(install_requires=x)\n"),
                Arguments.of("setup.py", "x = 'a'\nsetup(name=x" + " + x".repeat(100_000) + ")\n"),
                Arguments.of("setup.py", "a" + ".a".repeat(100_000) + "\nsetup(name='x')\n"),
                Arguments.of("setup.cfg", "[metadata]\nname" + SPACES + "x\n"),
                Arguments.of("setup.cfg", "[options]\ninstall_requires =\n    " + "(".repeat(50_000) + "\n"));
    }

    private static String workflow(String envLine) {
        return "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      " + envLine
                + "\n    steps:\n      - uses: pypa/cibuildwheel@v2.21.3\n";
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("inputs")
    void doctorReadsItWithinBounds(String file, String text) {
        ProjectFilesFuzzTest.doctor(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A file that cannot be understood is a problem naming it, in one line quoting at most a short excerpt. */
    @Test
    void problemsAreOneShortLine() throws Exception {
        List<String> texts = new ArrayList<>();
        texts.add("[" + SPACES + "x\n");
        texts.add("name = \"" + "x".repeat(100_000) + "\n");
        for (String t : texts) {
            List<ProjectProblem> problems = new ArrayList<>();
            try {
                PyProjectReader.read("pyproject.toml", t, problems);
            } catch (PyProjectReader.InvalidToml e) {
                problems.add(new ProjectProblem(ProjectProblem.Kind.PYPROJECT, "pyproject.toml", e.line, e.getMessage()));
            }
            assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.message()).hasSizeLessThan(300).doesNotContain("\n"));
        }
        SetupPy py = SetupPyParser.parse("setup.py", "setup(name=\"" + "x".repeat(100_000));
        assertThat(py.unparsable()).hasSizeLessThan(300).doesNotContain("\n");
    }
}
