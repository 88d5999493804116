package dev.wheelwright.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.cli.Main;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.Severity;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ShellTest {

    @TempDir
    Path tmp;

    /** A command that fails the way a bug would, to prove the shell survives it. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("kaboom");
        }
    }

    /** Records the session it was given, as build does. */
    @Command(name = "remember")
    static final class Remember implements Callable<Integer>, ShellSession.Aware {
        ShellSession session;

        @Override
        public void attach(ShellSession s) {
            this.session = s;
        }

        @Override
        public Integer call() {
            if (session == null) {
                return 9;
            }
            session.recordFindings("remember", List.of(finding()));
            return 1;
        }
    }

    static Finding finding() {
        return new Finding("WW-B018", "library-headers-missing", Severity.ERROR, "A header is missing",
                "ffi.h was not found while compiling demo", new Location.FileLine("logs/native.log", 12),
                List.of("fatal error: ffi.h: No such file or directory"),
                new Finding.FindingFix("Install the development package of libffi.", null), null);
    }

    static CommandLine tree(PrintWriter out, PrintWriter err) {
        CommandLine cl = Main.newCommandLine(out, err);
        cl.addSubcommand("boom", new CommandLine(new Boom()));
        cl.addSubcommand("remember", new CommandLine(new Remember()));
        // Settings given before addSubcommand do not reach the added commands: apply them again.
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
        cl.setParameterExceptionHandler(cl.getParameterExceptionHandler());
        return cl;
    }

    record Run(int code, String out, String err) {}

    static Run script(Shell shell, String input) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = shell.script(new BufferedReader(new StringReader(input)), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Run script(String input) throws Exception {
        return script(new Shell(ShellTest::tree, new ShellSession()), input);
    }

    @Test
    void scriptRunsEveryLineWithoutPromptAndReturnsTheLastFailure() throws Exception {
        Run r = script("--version\nfrobnicate\n\n# a comment\n--version\n");
        assertThat(r.out()).isEqualTo("wheelwright 0.1.0\nwheelwright 0.1.0\n");
        assertThat(r.err()).contains("frobnicate").doesNotContain("wheelwright>");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void scriptOfSuccessfulCommandsExitsZero() throws Exception {
        assertThat(script("--version\n").code()).isZero();
        assertThat(script("").code()).isZero();
    }

    @Test
    void anExceptionPrintsOneLineAndTheShellGoesOn() throws Exception {
        Run r = script("boom\n--version\n");
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("kaboom").doesNotContain("at dev.wheelwright");
        assertThat(r.out()).contains("wheelwright 0.1.0");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void exitStopsTheScriptWithItsCode() throws Exception {
        Run r = script("exit 5\n--version\n");
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.out()).isEmpty();
        assertThat(script("quit\nfrobnicate\n").code()).isZero();
    }

    @Test
    void unclosedQuoteIsReportedWithItsLine() throws Exception {
        Run r = script("--version\nhelp \"shell\n");
        assertThat(r.err()).startsWith("wheelwright: line 2:");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void helpListsShellAndTreeCommands() throws Exception {
        Run r = script("help\nhelp shell\n");
        assertThat(r.out()).contains("findings", "open-log", "boom")
                .contains("Usage: wheelwright shell");
        assertThat(r.code()).isZero();
    }

    @Test
    void sessionIsHandedToCommandsAndReadByFindingsAndExplain() throws Exception {
        Shell shell = new Shell(ShellTest::tree, new ShellSession());
        Run r = script(shell, "findings\nremember\nfindings\nexplain 1\nexplain 2\n");
        assertThat(r.out()).contains("No findings yet")
                .contains("  1. error   WW-B018 library-headers-missing  logs/native.log:12")
                .contains("Evidence:\n  fatal error: ffi.h: No such file or directory")
                .contains("Fix:      Install the development package of libffi.");
        assertThat(r.err()).contains("explain: no finding 2 (the last run reported 1");
        assertThat(shell.session().findings()).hasSize(1);
    }

    @Test
    void openLogPrintsTheLogOfABuiltTarget() throws Exception {
        Path log = Files.writeString(tmp.resolve("native.log"), "line one\nline two\n");
        ShellSession session = new ShellSession();
        session.recordBuild(List.of(new ShellSession.BuiltTarget("native", "succeeded", log)));
        Run r = script(new Shell(ShellTest::tree, session), "open-log native\nopen-log arm64\n");
        assertThat(r.out()).contains("line one\nline two\n");
        assertThat(r.err()).contains("'arm64' was not built last time; targets: native");
        assertThat(script("open-log native\n").err()).contains("no build yet");
    }

    @Test
    void shellInsideTheShellIsRefused() throws Exception {
        Run r = script("shell\n");
        assertThat(r.err()).contains("already in the shell");
        assertThat(r.code()).isEqualTo(2);
    }

    /** A dumb terminal reading the given keystrokes synchronously (no input pump thread). */
    static Terminal dumb(String input, ByteArrayOutputStream output) throws java.io.IOException {
        return new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output, StandardCharsets.UTF_8);
    }

    /** The interactive loop on a dumb terminal: prompt, commands, history written to the file. */
    @Test
    void interactiveLoopOnADumbTerminalKeepsHistory() throws Exception {
        Path history = tmp.resolve("history");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String input = "--version\nboom\nexit\n";
        try (Terminal terminal = dumb(input, bytes)) {
            Shell shell = new Shell(ShellTest::tree, new ShellSession());
            int code = shell.interactive(terminal, history, false);
            assertThat(code).as(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        }
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("wheelwright> ").contains("wheelwright 0.1.0").contains("kaboom");
        assertThat(shown).doesNotContain("\u001b[");
        assertThat(Files.readString(history)).contains("--version").contains("boom");

        // A second session sees the first one's history.
        try (Terminal terminal = dumb("", new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .variable(LineReader.HISTORY_FILE, history).build();
            reader.getHistory().attach(reader);
            assertThat(reader.getHistory().size()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void promptIsColouredOnlyWhenAllowed() {
        assertThat(Shell.prompt(true)).startsWith("\u001b[").contains("wheelwright> ");
        assertThat(Shell.prompt(false)).isEqualTo("wheelwright> ");
    }

    @Test
    void endOfInputEndsTheInteractiveLoop() throws Exception {
        try (Terminal terminal = dumb("--version\n", new ByteArrayOutputStream())) {
            assertThat(new Shell(ShellTest::tree, new ShellSession()).interactive(terminal, null, false)).isZero();
        }
    }

    static List<String> complete(String line) throws Exception {
        try (Terminal terminal = dumb("", new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            CommandLine cl = tree(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            CommandCompleter completer = new CommandCompleter(cl.getCommandSpec(), Shell.BUILTINS);
            List<Candidate> out = new java.util.ArrayList<>();
            completer.complete(reader, new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE), out);
            return out.stream().map(Candidate::value).toList();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                        | shell,help,findings,open-log,exit,boom",
            "'sh'                      | shell",
            "'help '                   | shell,boom",
            "'shell --'                | --no-color,--history,--help,--version",
    })
    void completesCommandsAndOptions(String line, String expected) throws Exception {
        assertThat(complete(line)).contains(expected.split(","));
    }

    @Test
    void completesFileNamesForPathOptions() throws Exception {
        Files.createFile(tmp.resolve("history-file"));
        Files.createDirectory(tmp.resolve("hist-dir"));
        List<String> got = complete("shell --history " + tmp + "/hist");
        assertThat(got).anyMatch(v -> v.endsWith("history-file"));
        assertThat(got).anyMatch(v -> v.contains("hist-dir"));
        assertThat(complete("shell --no-color ")).isEmpty();
    }

    /** A copy of a test project, so that fix --apply writes into the copy. */
    private Path projectCopy(String name) throws Exception {
        return dev.wheelwright.TestTrees.copy(Path.of("testdata/projects", name), tmp.resolve(name));
    }

    @Test
    void doctorFindingsCanBeFixedByNumber() throws Exception {
        Path project = projectCopy("legacy-cffi");
        Shell shell = new Shell(ShellTest::tree, new ShellSession());
        Run r = script(shell, "doctor -q '" + project + "'\nfindings\n");
        assertThat(shell.session().findingsSource()).isEqualTo("doctor");
        assertThat(shell.session().findingsProject()).contains(project);
        List<Finding> found = shell.session().findings();
        int n = 0;
        for (int i = 0; i < found.size(); i++) {
            if ("legacy-setup-py-build".equals(found.get(i).name())) {
                n = i + 1;
            }
        }
        assertThat(n).as("doctor reports legacy-setup-py-build on " + project + ": " + r.out()).isPositive();
        assertThat(r.out()).contains("(fix " + n + ")").contains("'fix N'");
        String before = Files.exists(project.resolve("pyproject.toml")) ? Files.readString(project.resolve("pyproject.toml")) : "";

        // (the shell's exit code stays 1 from doctor: it is the last failure of the session)
        Run diff = script(shell, "fix " + n + "\n");
        assertThat(diff.err()).contains("run again with --apply");
        assertThat(diff.out()).contains("+++ ").contains("[build-system]");
        assertThat(Files.exists(project.resolve("pyproject.toml")) ? Files.readString(project.resolve("pyproject.toml")) : "")
                .as("without --apply nothing is written").isEqualTo(before);

        Run applied = script(shell, "fix " + n + " --apply\n");
        assertThat(applied.err()).contains(": wrote ");
        assertThat(Files.readString(project.resolve("pyproject.toml"))).contains("[build-system]");
    }

    @Test
    void fixByNumberExplainsWhatItCannotDo() throws Exception {
        Shell shell = new Shell(ShellTest::tree, new ShellSession());
        Run none = script(shell, "fix 1\n");
        assertThat(none.err()).contains("fix: no finding 1 (the last run reported 0");
        assertThat(none.code()).isEqualTo(2);
        Run manual = script(shell, "remember\nfix 1\n");
        assertThat(manual.err()).contains("fix: finding 1 (WW-B018 library-headers-missing) has no machine-applicable fix; by hand: "
                + "Install the development package of libffi.");
        shell.session().recordFindings("audit", List.of(new Finding("WW-P001", "legacy-setup-py-build", Severity.ERROR, "t", "m",
                new Location.PathLocation("setup.py"), List.of(), new Finding.FindingFix("s", "pyproject-build-system"), null)));
        Run noProject = script(shell, "fix 1\n");
        assertThat(noProject.err()).contains("finding 1 came from audit, which did not look at a project; run: fix WW-P001 DIR");
    }

    @Test
    void inspectAndAuditWithoutFilesTakeTheLastBuildsWheels() throws Exception {
        Path wheel = tmp.resolve("hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        Files.copy(Path.of("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl"), wheel);
        Shell shell = new Shell(ShellTest::tree, new ShellSession());
        Run before = script(shell, "inspect\n");
        assertThat(before.code()).isEqualTo(2);
        assertThat(before.err()).contains("Missing required parameter: 'PATH' (no wheels from a build in this shell yet)");

        shell.session().recordBuild(List.of(new ShellSession.BuiltTarget("native", "succeeded", tmp.resolve("native.log"), List.of(wheel))));
        Run inspect = script(shell, "inspect --format json\n");
        assertThat(inspect.err()).isEmpty();
        assertThat(inspect.out()).contains("\"filename\": \"" + wheel.getFileName() + "\"");
        Run audit = script(shell, "audit -q --format json\nfindings\n");
        assertThat(audit.out()).contains("\"findings\"");
        assertThat(shell.session().findingsSource()).isEqualTo("audit");
        assertThat(shell.session().findingsProject()).isEmpty();
    }

    @Test
    void globsInTheShellExpandToFiles() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("wh"));
        Files.copy(Path.of("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl"),
                dir.resolve("hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl"));
        Run r = script("inspect '" + dir + "'/*.whl\n");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
    }
}
