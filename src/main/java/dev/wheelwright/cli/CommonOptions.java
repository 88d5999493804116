package dev.wheelwright.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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

    @Option(names = "--color", paramLabel = "WHEN",
            description = "Colour: always, never or auto (default: auto: on a terminal, unless NO_COLOR is set).")
    public String colorWhen;

    @Option(names = {"-q", "--quiet"}, description = "Print less.")
    public boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print more, and stack traces of errors.")
    public boolean verbose;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit 1 when a finding at or above LEVEL exists: error, warning, info or never (default: ${DEFAULT-VALUE}).",
            defaultValue = "error")
    public String failOn = "error";

    /**
     * Whether colour may be used on the given stream: {@code --color always} forces it (CI logs
     * show ANSI colours though they are no terminal), {@code --color never} and {@code --no-color}
     * turn it off, and by default it is on for a terminal unless NO_COLOR is set.
     */
    public boolean color(boolean isTerminal) {
        String when = colorWhen();
        if (noColor || when.equals("never")) {
            return false;
        }
        if (when.equals("always")) {
            return output == null;
        }
        return Terminals.colorAllowed(false) && isTerminal && output == null;
    }

    /** The --color value, checked: a bad one is a usage error naming it. */
    public String colorWhen() {
        if (colorWhen == null) {
            return "auto";
        }
        String w = colorWhen.strip().toLowerCase(java.util.Locale.ROOT);
        if (!w.equals("always") && !w.equals("never") && !w.equals("auto")) {
            throw new dev.wheelwright.WheelwrightException("--color " + colorWhen + ": expected always, never or auto");
        }
        return w;
    }

    /**
     * Fits the shared options to a command that writes a document (a rule, a listing, facts), not
     * findings: no {@code --fail-on} (it never exits 1 for a finding) and {@code --format text|json},
     * so that its help lists what it accepts and nothing else. Named in {@code @Command(modelTransformer = ...)}.
     */
    public static final class TextOrJson implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            remove(spec, "--fail-on");
            OptionSpec format = spec.findOption("--format");
            if (format != null) {
                spec.remove(format);
                spec.addOption(format.toBuilder()
                        .description("Output format: text or json (default: ${DEFAULT-VALUE}).").build());
            }
            return spec;
        }
    }

    /** {@link TextOrJson} for {@code inspect}, which reads facts only and loads no rules. */
    public static final class Facts implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            new TextOrJson().transform(spec);
            remove(spec, "--rules");
            return spec;
        }
    }

    /** For {@code fix}: it prints a unified diff on stdout, so no format, no output file and no --fail-on. */
    public static final class Diff implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            remove(spec, "--fail-on");
            remove(spec, "--format");
            remove(spec, "--output");
            return spec;
        }
    }

    /**
     * Hides a shared option from the command's help. It stays accepted: cli.md names these as
     * common options of every command, so scripts that pass them everywhere keep working; the
     * command ignores what does not apply to it ({@code --fail-on} where nothing is judged) or
     * refuses it with one line ({@code fix --format json}).
     */
    private static void remove(CommandSpec spec, String name) {
        OptionSpec o = spec.findOption(name);
        if (o != null) {
            spec.remove(o);
            spec.addOption(o.toBuilder().hidden(true).build());
        }
    }
}
