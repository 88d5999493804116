package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code doctor DIR} on the sample projects of testdata/projects against their golden output
 * ({@code testdata/projects/<name>.golden.txt}: the exit code line, then stdout, then stderr).
 * Regenerate after an intended change with {@code -Dgolden.update=true}.
 */
class DoctorProjectGoldenTest {
    static final Path PROJECTS = Path.of("testdata/projects");

    static List<String> projects() throws IOException {
        try (Stream<Path> s = Files.list(PROJECTS)) {
            // real-world/ holds CASES.md, the description of the real-project development set, not a project
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.equals("real-world")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("projects")
    void doctorOutputMatchesGolden(String name) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"doctor", PROJECTS.resolve(name).toString(), "--no-color"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String actual = "exit: " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        Path golden = PROJECTS.resolve(name + ".golden.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file for %s (create with -Dgolden.update=true)", name).exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.Test
    void projectAndLogFindingsComeTogether(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path log = Files.writeString(tmp.resolve("build.log"), String.join("\n",
                "Building wheel for fastcrc (setup.py) ... error",
                "  src/fastcrc/_crc.c:1:10: fatal error: Python.h: No such file or directory",
                "      1 | #include <Python.h>",
                ""));
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"doctor", PROJECTS.resolve("legacy-cffi").toString(), "--log", log.toString(),
                "--format", "json"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isEqualTo(ExitCode.FINDINGS);
        assertThat(out.toString()).contains("\"WW-P002\"").contains("\"WW-B017\"");
    }

    @org.junit.jupiter.api.Test
    void notAFolderIsOneLine(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("setup.py"), "x");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"doctor", file.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().trim()).isEqualTo("wheelwright: " + file + ": not a directory");
    }

    /** An empty folder, with no log or wheelhouse either, is nothing to diagnose: one line, exit 2, not "No problems found". */
    @org.junit.jupiter.api.Test
    void aFolderWithoutProjectFilesAndNothingElseIsRefused(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty dir"));
        Files.writeString(empty.resolve("notes.txt"), "not a project");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"doctor", empty.toString(), "--format", "json"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("wheelwright: " + empty + ": no pyproject.toml, setup.py, setup.cfg or CI configuration here, so nothing to diagnose");
        // with a log to read, the folder is only the (empty) project beside it
        Path log = Files.writeString(tmp.resolve("ok.log"), "Successfully installed six-1.16.0\n");
        assertThat(Main.run(new String[] {"doctor", empty.toString(), "--log", log.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true))).isZero();
        // a folder with only CI configuration is a project to diagnose
        Files.createDirectories(empty.resolve(".github/workflows"));
        Files.writeString(empty.resolve(".github/workflows/ci.yml"), "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n");
        assertThat(Main.run(new String[] {"doctor", empty.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true))).isZero();
    }

    @org.junit.jupiter.api.Test
    void conditionsCanReadProjectFacts(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path rule = Files.createDirectories(tmp.resolve("rules/WW-P990-hatch-project"));
        Files.writeString(rule.resolve("rule.yaml"), String.join("\n",
                "id: WW-P990",
                "name: hatch-project",
                "severity: info",
                "title: Built with hatchling",
                "reads: project",
                "when: \"project.pyproject.buildBackend == 'hatchling.build' && any(project.pyproject.buildRequires, r -> r startsWith 'hatch')\"",
                "message: \"the project is built with hatchling\"",
                "explain: x",
                "fix:",
                "  summary: nothing to do",
                "references: []",
                ""));
        Files.writeString(rule.resolve("README.md"), "# WW-P990\n## Why it matters\nx\n## Common causes\nx\n## How to fix\nx\n");
        Path project = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(project.resolve("pyproject.toml"), "[build-system]\nrequires = [\"hatchling>=1.20\"]\nbuild-backend = \"hatchling.build\"\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"doctor", project.toString(), "--rules", tmp.resolve("rules").toString(), "--format", "json"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"the project is built with hatchling\"");
        Files.writeString(project.resolve("pyproject.toml"), "[build-system]\nrequires = [\"flit_core\"]\nbuild-backend = \"flit_core.buildapi\"\n");
        out = new StringWriter();
        Main.run(new String[] {"doctor", project.toString(), "--rules", tmp.resolve("rules").toString(), "--format", "json"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(out.toString()).doesNotContain("built with hatchling");
    }
}
