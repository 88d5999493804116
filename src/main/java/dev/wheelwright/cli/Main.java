package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Entry point: runs one command and exits with its code (cli.md "Exit codes"). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        if (args.length == 0) {
            CommandLine root = newCommandLine(out, err);
            if (Terminals.interactive() && root.getSubcommands().containsKey("shell")) {
                args = new String[] {"shell"};
            } else {
                root.usage(err);
                err.flush();
                System.exit(ExitCode.USAGE);
            }
        }
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given streams and returns its exit code; never exits. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Class<?> only = args.length > 0 ? subcommandClass(args[0]) : null;
        CommandLine cl;
        if (only != null) {
            cl = configure(singleCommandTree(args[0], only), out, err);
        } else if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            cl = configure(singleCommandTree(null, null), out, err);
        } else {
            cl = newCommandLine(out, err);
        }
        return execute(cl, args);
    }

    /** Runs a configured command line; an Error that picocli hands on is one line and exit 2 too. */
    static int execute(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // picocli hands on Errors; exit 1 would read as "findings", so this is exit 2 on one line like any failure
            boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
            cl.getErr().println("wheelwright: internal error: " + (e instanceof OutOfMemoryError
                    ? "out of memory (" + e.getMessage() + "); give the JVM more with WHEELWRIGHT_JAVA_OPTS=-Xmx4g"
                    : "input nested too deeply to process (stack overflow)") + (verbose ? "" : " (run with -v for details)"));
            if (verbose) {
                e.printStackTrace(cl.getErr());
            }
            cl.getErr().flush();
            return ExitCode.USAGE;
        }
    }

    /** A fresh command tree whose commands write to the given streams. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return configure(new CommandLine(new WheelwrightCommand()), out, err);
    }

    /**
     * The command class registered under a name (or alias) on the root, or null. Reads only the
     * {@code @Command} annotations, without picocli's full inspection of every command.
     */
    static Class<?> subcommandClass(String name) {
        if (name.startsWith("-")) {
            return null;
        }
        for (Class<?> c : WheelwrightCommand.class.getAnnotation(Command.class).subcommands()) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd != null && (cmd.name().equals(name) || Arrays.asList(cmd.aliases()).contains(name))) {
                return c;
            }
        }
        return null;
    }

    /**
     * A root that holds only the command being run (none for {@code --version}). Start-up time of a one-shot command is
     * mostly picocli inspecting command classes by reflection; building the one command the
     * user named, instead of all of them, saves most of it. The root keeps its name, so usage
     * lines and error messages read as with the full tree ({@code wheelwright tags ...}).
     */
    static CommandLine singleCommandTree(String name, Class<?> command) {
        Command rootAnnotation = WheelwrightCommand.class.getAnnotation(Command.class);
        CommandSpec root = CommandSpec.wrapWithoutInspection(new WheelwrightCommand());
        root.name(rootAnnotation.name());
        root.mixinStandardHelpOptions(true);
        root.versionProvider(new Version());
        root.usageMessage().description(rootAnnotation.description());
        if (command != null) {
            root.addSubcommand(name, new CommandLine(command));
        }
        return new CommandLine(root);
    }

    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::onParameterError);
        cl.setExecutionExceptionHandler(Main::onExecutionError);
        return cl;
    }

    private static int onParameterError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        // cli.md "Exit codes": one line naming what is wrong; the pointer to --help rides on it.
        String message = String.valueOf(ex.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ");
        err.println("wheelwright: " + message + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCode.USAGE;
    }

    private static int onExecutionError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = Arrays.stream(parsed.originalArgs().toArray(new String[0]))
                .anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        if (ex instanceof WheelwrightException) {
            err.println("wheelwright: " + ex.getMessage());
        } else if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
            Throwable io = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
            err.println("wheelwright: " + describeIo(io));
        } else {
            err.println("wheelwright: internal error: " + ex + (verbose ? "" : " (run with -v for details)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.USAGE;
    }

    /** One line for an I/O error that names the file: the JDK's messages often give only the path. */
    static String describeIo(Throwable io) {
        if (io instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        if (io instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (io instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        return String.valueOf(io.getMessage());
    }
}
