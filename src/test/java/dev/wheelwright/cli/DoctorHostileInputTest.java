package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #22 through the command line: hostile project files are findings (WW-P010 to WW-P016) in
 * short lines, a hostile requirements file is one line and exit 2, a hostile log is read to the end.
 */
class DoctorHostileInputTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static void shortLines(String text) {
        assertThat(text.lines()).allSatisfy(l -> assertThat(l).hasSizeLessThan(400));
    }

    @Test
    @Timeout(60)
    void hostileProjectFilesAreShortFindings() throws IOException {
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system]\nrequires = [\"cffi; " + "(".repeat(5_000)
                + "os_name == 'nt'" + ")".repeat(5_000) + "\"]\n[project]\nname = \"x\"\nx = [\n[1," + " ".repeat(100_000) + "2]]\n");
        Files.writeString(dir.resolve("setup.cfg"), "[metadata]\nname" + " ".repeat(100_000) + "x\n");
        Files.writeString(dir.resolve("setup.py"), "from setuptools import setup\nsetup(install_requires="
                + "f(".repeat(20_000) + ")".repeat(20_000) + ")\n");
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/wheels.yml"), "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    env:\n"
                + "      CIBW_BUILD: \"" + "*-".repeat(40) + "x " + "{cp,pp}".repeat(40) + "\"\n    steps:\n      - uses: pypa/cibuildwheel@v2.21.3\n");
        Run r = run("doctor", dir.toString(), "--no-color");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("WW-P016").contains("nested too deeply").contains("WW-P012");
        shortLines(r.out());
        shortLines(r.err());
    }

    @Test
    @Timeout(60)
    void aNulInAnIncludedRequirementsFileIsOneLine() throws IOException {
        Path req = Files.writeString(dir.resolve("requirements.txt"), "six\n-r a\u0000b.txt\n");
        Run r = run("deps", "-r", req.toString(), "--offline");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("wheelwright: " + req + ":2: -r a\\0b.txt: not a valid path");
    }

    @Test
    @Timeout(60)
    void aLogWithALongBacktrackingLineIsReadToTheEnd() throws IOException {
        Path log = Files.writeString(dir.resolve("build.log"), "mach-o, but wrong architecture " + "/a".repeat(400_000) + "\n"
                + "  src/x.c:1:10: fatal error: Python.h: No such file or directory\n");
        Run r = run("doctor", "--log", log.toString(), "--no-color");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("Python.h");
    }
}
