package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
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
        return newCommandLine(out, err).execute(args);
    }

    /** A fresh command tree whose commands write to the given streams. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new WheelwrightCommand());
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
        err.println("wheelwright: " + ex.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
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
