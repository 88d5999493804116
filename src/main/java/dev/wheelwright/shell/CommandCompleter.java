package dev.wheelwright.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Completes a shell line from picocli's model of the command tree: command and subcommand
 * names, the options of the command being typed, an option's values (its completion
 * candidates, or enum constants), and file names where an option or parameter takes a path.
 */
public final class CommandCompleter implements Completer {

    /**
     * Values of options the commands declare as plain strings (the shared common options), which
     * picocli therefore cannot enumerate by itself. Kept in step with cli.md "Common options".
     */
    private static final Map<String, List<String>> KNOWN_VALUES = Map.of(
            "--format", List.of("text", "json", "sarif", "junit", "github", "html"),
            "--fail-on", List.of("error", "warning", "info", "never"));

    private final CommandSpec root;
    private final Collection<String> builtins;
    private final Completer files = new Completers.FileNameCompleter();

    public CommandCompleter(CommandSpec root, Collection<String> builtins) {
        this.root = root;
        this.builtins = List.copyOf(builtins);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String current = line.word() == null ? "" : line.word();
        if (index == 0) {
            for (String b : builtins) {
                candidates.add(new Candidate(b, b, "shell", null, null, null, true));
            }
            addSubcommands(root, candidates);
            return;
        }
        // Walk down the subcommands typed so far (e.g. "rules show").
        CommandSpec spec = root;
        String first = words.get(0);
        if (first.equals("help")) {
            if (index == 1) {
                addSubcommands(root, candidates);
            }
            return;
        }
        for (int i = 0; i < index && i < words.size(); i++) {
            CommandSpec sub = spec.subcommands().containsKey(words.get(i))
                    ? spec.subcommands().get(words.get(i)).getCommandSpec() : null;
            if (sub != null) {
                spec = sub;
            }
        }
        if (spec == root && !root.subcommands().containsKey(first)) {
            return; // a builtin or an unknown command: nothing sensible to offer
        }
        String previous = words.get(index - 1);
        OptionSpec previousOption = previous.startsWith("-") ? spec.findOption(previous) : null;
        if (previousOption != null && previousOption.arity().max() > 0 && !current.startsWith("-")) {
            addValues(previousOption, reader, line, candidates);
            return;
        }
        if (current.startsWith("-")) {
            for (OptionSpec o : spec.options()) {
                if (o.hidden()) {
                    continue;
                }
                String desc = o.description().length > 0 ? o.description()[0] : null;
                for (String name : o.names()) {
                    candidates.add(new Candidate(name, name, null, desc, null, null, true));
                }
            }
            return;
        }
        if (!spec.subcommands().isEmpty()) {
            addSubcommands(spec, candidates);
        }
        if (spec.positionalParameters().stream().anyMatch(CommandCompleter::takesPath)) {
            files.complete(reader, line, candidates);
        }
    }

    private static void addSubcommands(CommandSpec spec, List<Candidate> candidates) {
        spec.subcommands().forEach((name, sub) -> {
            CommandSpec s = sub.getCommandSpec();
            if (!s.usageMessage().hidden()) {
                String[] desc = s.usageMessage().description();
                candidates.add(new Candidate(name, name, "commands", desc.length > 0 ? desc[0] : null, null, null, true));
            }
        });
    }

    private void addValues(OptionSpec option, LineReader reader, ParsedLine line, List<Candidate> candidates) {
        Iterable<String> values = option.completionCandidates();
        if (values == null && KNOWN_VALUES.containsKey(option.longestName())) {
            values = KNOWN_VALUES.get(option.longestName());
        }
        if (values != null) {
            for (String v : values) {
                candidates.add(new Candidate(v, v, null, null, null, null, true));
            }
            return;
        }
        if (takesPath(option)) {
            files.complete(reader, line, candidates);
        }
    }

    /** A Path/File parameter, or a string one whose label says it names a file (e.g. {@code DIR|REQUIREMENT}). */
    private static boolean takesPath(ArgSpec arg) {
        if (isPath(arg.type()) || arg.paramLabel().matches(".*\\b(DIR|FILE|PATH|WHEEL|LOG)S?\\b.*")) {
            return true;
        }
        for (Class<?> aux : arg.auxiliaryTypes()) {
            if (isPath(aux)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPath(Class<?> type) {
        return type == Path.class || type == File.class;
    }
}
