package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheTool() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim()).isEqualTo("wheelwright " + Version.VERSION);
    }

    @Test
    void unknownCommandIsAUsageErrorOnOneLinePlusHint() {
        Run r = run("frobnicate");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("frobnicate").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    /** cli.md "Exit codes": a usage error is one line on stderr, naming what is wrong, exit 2. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "doctor --bogus             | Unknown option: '--bogus'",
        "doctor a b                 | 'b'",
        "audit                      | Missing required parameter: 'WHEEL'",
        "explain                    | Missing required parameter",
        "fix                        | Missing required parameter",
        "rules show                 | Missing required parameter",
        "doctor --log               | '--log'",
        "audit --format             | '--format'",
    })
    void usageErrorsAreOneLine(String args, String names) {
        Run r = run(args.trim().split("\\s+"));
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("wheelwright: ").contains(names).contains("--help");
    }

    /**
     * Each command's help lists the options it acts on: commands that never judge have no
     * --fail-on, those that write text or JSON say so, fix (a diff on stdout) has no --format or -o.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "doctor     | --fail-on,sarif,--output,--rules,--log,--wheelhouse,--target |",
        "audit      | --fail-on,sarif,--output,--rules,--require-archs,--min-macos,--manylinux |",
        "explain    | --output,text or json,--rules | --fail-on,sarif",
        "rules      | --output,text or json,--family,--severity | --fail-on,sarif",
        "inspect    | --output,text or json | --fail-on,sarif,--rules",
        "fix        | --apply,--rules | --fail-on,--format,--output",
    })
    void helpListsWhatTheCommandTakes(String command, String listed, String absent) {
        Run r = run(command, "--help");
        assertThat(r.code()).isZero();
        for (String s : listed.split(",")) {
            assertThat(r.out()).contains(s);
        }
        if (absent != null) {
            for (String s : absent.split(",")) {
                assertThat(r.out()).doesNotContain(s);
                if (s.startsWith("--")) {
                    // cli.md's common options stay accepted: ignored where they do not apply, or one line
                    Run r2 = run(command, s, s.equals("--format") ? "json" : "never", "WW-B001");
                    assertThat(r2.err()).doesNotContain("Unknown option");
                    if (command.equals("fix") && !s.equals("--fail-on")) {
                        assertThat(r2.code()).isEqualTo(ExitCode.USAGE);
                        assertThat(r2.err().strip()).isEqualTo("wheelwright: fix: prints a unified diff; --format and -o do not apply");
                    }
                }
            }
        }
    }

    @picocli.CommandLine.Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    /** A StackOverflowError or OutOfMemoryError is exit 2 on one line, not picocli's exit 1 with a trace. */
    @Test
    void errorsAreOneLineAndExitTwo() {
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(new Boom());
        cl.setErr(new PrintWriter(err, true));
        assertThat(Main.execute(cl, new String[0])).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("wheelwright: internal error: input nested too deeply to process (stack overflow)"
                + " (run with -v for details)" + System.lineSeparator());
    }
}
