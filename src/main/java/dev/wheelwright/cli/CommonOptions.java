package dev.wheelwright.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that report (cli.md "Common options"). Mixed into a command
 * with {@code @Mixin CommonOptions common;}.
 */
public final class CommonOptions {

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: text, json, sarif, junit, github or html (default: ${DEFAULT-VALUE}).",
            defaultValue = "text")
    public String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    public Path output;

    @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule folders to load (repeatable).")
    public List<Path> rules = new ArrayList<>();

    @Option(names = "--no-color", description = "No colour (also when NO_COLOR is set).")
    public boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "Print less.")
    public boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print more, and stack traces of errors.")
    public boolean verbose;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit 1 when a finding at or above LEVEL exists: error, warning, info or never (default: ${DEFAULT-VALUE}).",
            defaultValue = "error")
    public String failOn = "error";

    /** Whether colour may be used on the given stream: not disabled, and a terminal. */
    public boolean color(boolean isTerminal) {
        return Terminals.colorAllowed(noColor) && isTerminal && output == null;
    }
}
