package dev.wheelwright.shell;

import dev.wheelwright.report.FindingDetail;
import dev.wheelwright.rules.Finding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine;

/**
 * The wheelwright REPL: every line is one command of the same picocli command tree the command
 * line uses, run with a fresh {@link CommandLine} (so no option value leaks from one line into
 * the next), plus a few shell-only commands that read the {@link ShellSession}.
 *
 * <p>Two modes: {@link #interactive} reads with JLine (prompt, completion, history, Ctrl-C
 * cancels the line, Ctrl-D ends); {@link #script} reads plain lines from a pipe or file without
 * any prompt, so a shell session can be scripted and its exit code tested.
 */
public final class Shell {

    /** Shell-only commands, offered by completion next to the command tree's commands. */
    public static final List<String> BUILTINS = List.of("help", "exit", "quit", "findings", "explain", "open-log");

    /** Returned by {@link #execute} for {@code exit}/{@code quit}: the shell should end. */
    private static final int EXIT_REQUESTED = Integer.MIN_VALUE;

    private final BiFunction<PrintWriter, PrintWriter, CommandLine> commands;
    private final ShellSession session;
    private final Parser parser = newParser();
    private PrintWriter out;
    private PrintWriter err;
    private int exitCode;
    private boolean onTerminal;

    /**
     * @param commands makes a fresh command tree writing to the given out and err streams
     *                 (the command line's own factory)
     */
    public Shell(BiFunction<PrintWriter, PrintWriter, CommandLine> commands, ShellSession session) {
        this.commands = commands;
        this.session = session;
    }

    public ShellSession session() {
        return session;
    }

    private static DefaultParser newParser() {
        DefaultParser p = new DefaultParser();
        p.setEofOnUnclosedQuote(true);
        p.setEscapeChars(new char[] {'\\'});
        return p;
    }

    /**
     * Runs lines read from a pipe or a file, without prompt. Blank lines and lines starting with
     * {@code #} are skipped.
     *
     * @return the exit code of the last command that failed, 0 when none failed, or the code
     *         given to {@code exit N}
     */
    public int script(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
        this.out = out;
        this.err = err;
        this.onTerminal = false;
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            List<String> words;
            try {
                words = words(line);
            } catch (IllegalArgumentException e) {
                err.println("wheelwright: line " + lineNo + ": " + e.getMessage());
                exitCode = 2;
                continue;
            }
            if (runWords(words)) {
                break;
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * Runs the interactive loop on a terminal until {@code exit}, {@code quit} or Ctrl-D.
     *
     * @param historyFile where the history persists between sessions (null: none)
     * @param color       whether the prompt may use colour
     * @return the exit code of the last command that failed, or 0
     */
    public int interactive(Terminal terminal, Path historyFile, boolean color) {
        this.out = terminal.writer();
        this.err = terminal.writer();
        this.onTerminal = !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        CommandLine tree = commands.apply(out, err);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("wheelwright")
                .parser(parser)
                .completer(new CommandCompleter(tree.getCommandSpec(), BUILTINS))
                .variable(LineReader.HISTORY_SIZE, 2000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        String prompt = prompt(color);

        // Ctrl-C while a command runs interrupts it (a build stops its children) instead of
        // ending the shell; while reading a line JLine turns it into UserInterruptException.
        Thread shellThread = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, sig -> shellThread.interrupt());
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C: drop the line, new prompt
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                }
                Thread.interrupted(); // a Ctrl-C that arrived between commands must not cancel the next one
                List<String> words;
                try {
                    words = words(line);
                } catch (IllegalArgumentException e) {
                    err.println("wheelwright: " + e.getMessage());
                    exitCode = 2;
                    continue;
                }
                if (runWords(words)) {
                    break;
                }
                out.flush();
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                err.println("wheelwright: " + historyFile + ": cannot save history: " + e.getMessage());
            }
            out.flush();
        }
        return exitCode;
    }

    /** The prompt: bold cyan when colour is allowed, plain text otherwise. */
    static String prompt(boolean color) {
        return color
                ? new AttributedString("wheelwright> ", AttributedStyle.BOLD.foreground(AttributedStyle.CYAN)).toAnsi()
                : "wheelwright> ";
    }

    /**
     * A line's words: split as a POSIX shell splits them (quotes, backslash escapes), unquoted
     * file-name patterns expanded ({@code inspect wheelhouse/*.whl}).
     */
    static List<String> words(String line) {
        return ShellWords.expand(ShellWords.split(line), Path.of(""));
    }

    /** Runs one line's words; true when the shell should end. */
    private boolean runWords(List<String> rawWords) {
        List<String> words = new ArrayList<>();
        for (String w : rawWords) {
            if (!w.isEmpty() || !words.isEmpty()) {
                words.add(w);
            }
        }
        while (!words.isEmpty() && words.get(words.size() - 1).isEmpty()) {
            words.remove(words.size() - 1);
        }
        if (words.isEmpty() || words.get(0).startsWith("#")) {
            return false;
        }
        int code;
        try {
            code = execute(words);
        } catch (RuntimeException e) {
            // The shell survives anything a command throws: one line, then the next prompt.
            err.println("wheelwright: internal error: " + e);
            code = 2;
        }
        out.flush();
        err.flush();
        if (code == EXIT_REQUESTED) {
            return true;
        }
        if (code != 0) {
            exitCode = code;
        }
        return false;
    }

    /** Runs one command (builtin or from the command tree) and returns its exit code. */
    int execute(List<String> words) {
        String first = words.get(0);
        List<String> rest = words.subList(1, words.size());
        switch (first) {
            case "exit", "quit" -> {
                if (!rest.isEmpty()) {
                    try {
                        exitCode = Integer.parseInt(rest.get(0));
                    } catch (NumberFormatException e) {
                        err.println("wheelwright: " + first + ": not an exit code: '" + rest.get(0) + "'");
                        return 2;
                    }
                }
                return EXIT_REQUESTED;
            }
            case "help" -> {
                if (rest.isEmpty()) {
                    help();
                    return 0;
                }
                List<String> args = new ArrayList<>(rest);
                args.add("--help");
                return runCommand(args);
            }
            case "findings" -> {
                return findings();
            }
            case "open-log" -> {
                return openLog(rest);
            }
            case "shell" -> {
                err.println("wheelwright: already in the shell");
                return 2;
            }
            case "fix" -> {
                if (!rest.isEmpty() && rest.get(0).matches("\\d+")) {
                    return fixFinding(Integer.parseInt(rest.get(0)), rest.subList(1, rest.size()));
                }
                return runCommand(words);
            }
            case "explain" -> {
                if (rest.size() == 1 && rest.get(0).matches("\\d+")) {
                    return explainFinding(Integer.parseInt(rest.get(0)));
                }
                return runCommand(words);
            }
            default -> {
                return runCommand(words);
            }
        }
    }

    private int runCommand(List<String> args) {
        CommandLine cl = commands.apply(out, err);
        attachSession(cl);
        return cl.execute(args.toArray(new String[0]));
    }

    private void attachSession(CommandLine cl) {
        if (cl.getCommand() instanceof ShellSession.Aware aware) {
            aware.attach(session);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            attachSession(sub);
        }
    }

    private void help() {
        CommandLine cl = commands.apply(out, err);
        out.println("Shell commands:");
        out.println("  help [COMMAND]     this help, or a command's help");
        out.println("  findings           the findings of the last command that reported some, numbered");
        out.println("  explain N          finding N of the last run in full (explain RULE-ID: a rule)");
        out.println("  fix N [--apply]    the machine fix of finding N, for the project of the last build or doctor");
        out.println("  open-log TARGET    the log of TARGET from the last build");
        out.println("  inspect, audit     with no file: the wheels of the last build");
        out.println("  exit [N], quit     leave the shell (also Ctrl-D)");
        out.println();
        out.println("Commands (run as on the command line, without the 'wheelwright' prefix):");
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("shell") && !sub.getCommandSpec().usageMessage().hidden()
                    && sub.getCommandSpec().name().equals(name)) {
                String[] desc = sub.getCommandSpec().usageMessage().description();
                out.printf("  %-18s %s%n", name, desc.length > 0 ? desc[0] : "");
            }
        });
        out.println();
        out.println("Tab completes commands, options and file names; history is kept between sessions.");
    }

    private int findings() {
        List<Finding> all = session.findings();
        if (all.isEmpty()) {
            out.println(session.findingsSource().isEmpty()
                    ? "No findings yet: run build (or another command that reports findings) first."
                    : "The last " + session.findingsSource() + " reported no findings.");
            return 0;
        }
        out.println("Findings of the last " + session.findingsSource() + ":");
        int n = 1;
        boolean anyFix = false;
        for (Finding f : all) {
            boolean fixable = f.fix() != null && f.fix().action() != null && session.findingsProject().isPresent();
            anyFix |= fixable;
            out.printf("%3d. %-7s %s %s  %s%s%n      %s%n", n, f.severity().id(), f.rule(), f.name(),
                    f.location().display(), f.suppressed() ? "  (suppressed)" : fixable ? "  (fix " + n + ")" : "", f.message());
            n++;
        }
        out.println("Use 'explain N' for one in full" + (anyFix ? ", 'fix N' to see a machine fix (then 'fix N --apply')." : "."));
        return 0;
    }

    private int explainFinding(int n) {
        Finding f = finding("explain", n);
        if (f == null) {
            return 2;
        }
        FindingDetail.print(f, out, session.findingsProject().isPresent() ? "fix " + n : null);
        out.println();
        out.println("Why and how to fix, in full: explain " + f.rule());
        return 0;
    }

    /** Finding n of the session, or null after saying on stderr that there is none. */
    private Finding finding(String command, int n) {
        var found = session.finding(n);
        if (found.isEmpty()) {
            err.println("wheelwright: " + command + ": no finding " + n + " (the last run reported "
                    + session.findings().size() + "; see 'findings')");
            return null;
        }
        return found.get();
    }

    /** {@code fix N}: runs {@code fix RULE DIR} for finding N and the project it was found in. */
    private int fixFinding(int n, List<String> options) {
        Finding f = finding("fix", n);
        if (f == null) {
            return 2;
        }
        if (f.fix() == null || f.fix().action() == null) {
            err.println("wheelwright: fix: finding " + n + " (" + f.rule() + " " + f.name() + ") has no machine-applicable fix"
                    + (f.fix() != null && f.fix().summary() != null ? "; by hand: " + f.fix().summary() : ""));
            return 2;
        }
        var project = session.findingsProject();
        if (project.isEmpty()) {
            err.println("wheelwright: fix: finding " + n + " came from " + session.findingsSource()
                    + ", which did not look at a project; run: fix " + f.rule() + " DIR");
            return 2;
        }
        List<String> args = new ArrayList<>(List.of("fix", f.rule(), project.get().toString()));
        args.addAll(options);
        return runCommand(args);
    }

    private int openLog(List<String> args) {
        List<ShellSession.BuiltTarget> built = session.lastBuild();
        if (built.isEmpty()) {
            err.println("wheelwright: open-log: no build yet in this shell");
            return 2;
        }
        if (args.size() != 1) {
            err.println("wheelwright: open-log: give one target of the last build: "
                    + String.join(", ", built.stream().map(ShellSession.BuiltTarget::target).toList()));
            return 2;
        }
        var target = session.builtTarget(args.get(0));
        if (target.isEmpty()) {
            err.println("wheelwright: open-log: '" + args.get(0) + "' was not built last time; targets: "
                    + String.join(", ", built.stream().map(ShellSession.BuiltTarget::target).toList()));
            return 2;
        }
        Path log = target.get().log();
        if (!Files.isRegularFile(log)) {
            err.println("wheelwright: " + log + ": no such file (the log was removed?)");
            return 2;
        }
        if (onTerminal && pager(log)) {
            return 0;
        }
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            out.println("==> " + log + " <==");
            String l;
            while ((l = r.readLine()) != null) {
                out.println(l);
            }
        } catch (IOException e) {
            err.println("wheelwright: " + log + ": " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /** Shows a file in the user's pager ($PAGER, else less) on the terminal; false when none runs. */
    private boolean pager(Path file) {
        String pager = System.getenv("PAGER");
        List<String> cmd = new ArrayList<>();
        if (pager != null && !pager.isBlank()) {
            cmd.addAll(List.of(pager.trim().split("\\s+")));
        } else {
            cmd.addAll(List.of("less", "-R"));
        }
        cmd.add(file.toString());
        out.flush();
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            p.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
