package dev.wheelwright.cli;

import dev.wheelwright.shell.Shell;
import dev.wheelwright.shell.ShellSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wheelwright shell}: the interactive REPL over the same command tree (cli.md). On a
 * terminal it prompts, completes and keeps history; with stdin from a pipe or file it runs the
 * lines silently and exits with the code of the last failing command.
 */
@Command(name = "shell",
        description = "Interactive shell: every command, with completion, history and session state.",
        mixinStandardHelpOptions = true)
public final class ShellCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--no-color", description = "No colour in the prompt (also when NO_COLOR is set).")
    boolean noColor;

    @Option(names = "--history", paramLabel = "FILE",
            description = "History file (default: $WHEELWRIGHT_HISTORY, else ~/.wheelwright_history).")
    Path history;

    @Override
    public Integer call() throws IOException {
        Shell shell = new Shell(Main::newCommandLine, new ShellSession());
        if (!Terminals.interactive()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return shell.script(in, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).ffm(false).name("wheelwright").build()) {
            boolean color = Terminals.colorAllowed(noColor)
                    && !Terminal.TYPE_DUMB.equals(terminal.getType());
            return shell.interactive(terminal, historyFile(history, System.getenv()), color);
        }
    }

    /** The history file: the option, else {@code WHEELWRIGHT_HISTORY}, else {@code ~/.wheelwright_history}. */
    static Path historyFile(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get("WHEELWRIGHT_HISTORY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".wheelwright_history");
    }
}
