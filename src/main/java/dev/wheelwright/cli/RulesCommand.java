package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rules [--family B] [--severity error] [TEXT]} lists the catalogue; {@code rules show ID} prints one rule. */
@Command(modelTransformer = CommonOptions.TextOrJson.class, name = "rules",
        description = "List the rules (filter by family, severity or text); 'rules show ID' prints one.",
        mixinStandardHelpOptions = true,
        subcommands = {RulesCommand.Show.class})
public final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--family", paramLabel = "LETTER", description = "Only this family: B, P, W, M, E, X, J or D (or WW-B).")
    String family;

    @Option(names = "--severity", paramLabel = "LEVEL", description = "Only rules of this severity: error, warning or info.")
    String severity;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Only rules whose id, name or title contains TEXT.")
    List<String> text = new ArrayList<>();

    @Override
    public Integer call() {
        DocumentOutput.validate(common, "rules");
        RuleCatalog catalog = RuleCatalog.load(common.rules);
        String fam = family == null ? null : family.strip().toUpperCase(Locale.ROOT).replaceFirst("^WW-", "");
        java.util.Set<String> families = new java.util.TreeSet<>(List.of("B", "P", "W", "M", "E", "X", "J", "D"));
        catalog.rules().forEach(r -> families.add(r.family()));
        if (fam != null && !families.contains(fam)) {
            throw new WheelwrightException("--family " + family + ": unknown family (expected one of " + String.join(", ", families) + ")");
        }
        Severity sev = null;
        if (severity != null) {
            try {
                sev = Severity.parse(severity.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new WheelwrightException("--severity " + severity + ": " + e.getMessage());
            }
        }
        String needle = String.join(" ", text).toLowerCase(Locale.ROOT);
        List<RuleDefinition> shown = new ArrayList<>();
        for (RuleDefinition r : catalog.rules()) {
            if (fam != null && !r.family().equals(fam)) {
                continue;
            }
            if (sev != null && r.severity() != sev) {
                continue;
            }
            if (!needle.isEmpty() && !(r.id() + " " + r.name() + " " + r.title()).toLowerCase(Locale.ROOT).contains(needle)) {
                continue;
            }
            shown.add(r);
        }
        if (DocumentOutput.json(common)) {
            // schema 2: an object with the list under "rules" (schema 1 was the bare list)
            var body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            var arr = body.putArray("rules");
            shown.forEach(r -> arr.add(json(r, false)));
            DocumentOutput.write(spec, common, DocumentOutput.document(LIST_SCHEMA_VERSION, body).toPrettyString() + "\n");
        } else {
            StringBuilder sb = new StringBuilder();
            int nameWidth = shown.stream().mapToInt(r -> r.name().length()).max().orElse(10);
            for (RuleDefinition r : shown) {
                sb.append(String.format("%-8s %-" + nameWidth + "s  %-7s  %s%n", r.id(), r.name(), r.severity().id(), r.title()));
            }
            if (!common.quiet) {
                sb.append(shown.size() + " of " + catalog.size() + " rules; 'wheelwright explain NAME' says more about one\n");
            }
            DocumentOutput.write(spec, common, sb.toString());
        }
        return ExitCode.OK;
    }

    /** {@code rules --format json}: 2 since the list moved under "rules" in an object. */
    static final int LIST_SCHEMA_VERSION = 2;
    /** {@code rules show} and {@code explain RULE} as JSON: one rule object. */
    static final int RULE_SCHEMA_VERSION = 1;

    /** {@code rules show NAME|ID}: the rule, its README and an example. */
    @Command(modelTransformer = CommonOptions.TextOrJson.class, name = "show", description = "Print one rule: its data, README and an example.", mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "RULE", description = "A rule name or id.")
        String rule;

        @Override
        public Integer call() {
            DocumentOutput.validate(common, "rules show");
            RuleCatalog catalog = RuleCatalog.load(common.rules);
            RuleDefinition r = catalog.require(rule);
            DocumentOutput.write(spec, common, DocumentOutput.json(common)
                    ? DocumentOutput.document(RULE_SCHEMA_VERSION, json(r, true)).toPrettyString() + "\n" : describe(r));
            return ExitCode.OK;
        }
    }

    /**
     * A rule as JSON: what {@code rules --format json} lists; with {@code full}, also what {@code
     * rules show} and {@code explain} print (message template, explanation, README, references, example).
     */
    static com.fasterxml.jackson.databind.node.ObjectNode json(RuleDefinition r, boolean full) {
        var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("id", r.id());
        o.put("name", r.name());
        o.put("severity", r.severity().id());
        o.put("reads", r.reads().id());
        o.put("title", r.title());
        o.put("fix", r.fix() == null ? null : r.fix().summary());
        var pats = o.putArray("patterns");
        r.patterns().forEach(p -> pats.add(p.regex()));
        if (r.when() != dev.wheelwright.rules.expr.Condition.TRUE) {
            o.put("when", r.when().source());
        }
        if (r.check() != null) {
            o.put("check", r.check());
        }
        if (full) {
            o.put("message", r.message());
            o.put("explain", r.explain());
            o.put("readme", r.readme().orElse(null));
            o.put("fixAction", r.fix() == null ? null : r.fix().action());
            var refs = o.putArray("references");
            r.references().forEach(refs::add);
            o.put("example", example(r).orElse(null));
        }
        return o;
    }

    /** The long text of a rule: heading, data, README (or its explanation), fix, an example, references. */
    static String describe(RuleDefinition r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.id()).append(' ').append(r.name()).append(" (").append(r.severity().id()).append(", reads ")
                .append(r.reads().id()).append(")\n");
        sb.append(r.title()).append("\n\n");
        String readme = r.readme().orElse(null);
        if (readme != null) {
            // the README's first heading repeats the id and name printed above
            sb.append(readme.strip().replaceFirst("^# [^\n]*\n+", "")).append("\n\n");
        } else if (!r.explain().isBlank()) {
            sb.append(r.explain().strip()).append("\n\n");
        }
        if (r.fix() != null) {
            // no finding fills the placeholders here: show them as the usual <name> of a value to supply
            sb.append("Fix: ").append(r.fix().summary().replaceAll("\\{([A-Za-z_][A-Za-z0-9_]*)(?:\\|[^}]*)?\\}", "<$1>"));
            if (r.fix().action() != null) {
                sb.append(" (machine-applicable: wheelwright fix ").append(r.id()).append(')');
            }
            sb.append("\n\n");
        }
        example(r).ifPresent(e -> sb.append(e).append('\n'));
        if (!r.references().isEmpty()) {
            sb.append("References:\n");
            r.references().forEach(ref -> sb.append("  ").append(ref).append('\n'));
        }
        return sb.toString();
    }

    /**
     * An excerpt of the rule's first fail case: for a log, the lines around the expected finding;
     * for a wheel, its description; for a project (a folder), the finding it gives.
     */
    static java.util.Optional<String> example(RuleDefinition r) {
        List<String> examples = r.source().examples();
        java.util.Optional<String> input = examples.stream().filter(e -> !e.endsWith(".expected.yaml")).findFirst();
        if (input.isEmpty()) {
            return examples.stream().findFirst().flatMap(e -> r.source().read(e).map(y -> finding(e, y)));
        }
        String first = input.get();
        String text = r.source().read(first).orElse(null);
        if (text == null) {
            return java.util.Optional.empty();
        }
        String name = first.substring(first.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        String slug = dot < 0 ? name : name.substring(0, dot);
        String base = first.substring(0, first.lastIndexOf('/') + 1);
        String expected = r.source().read(base + slug + ".expected.yaml").orElse(null);
        if (name.endsWith(".wheel.yaml")) {
            StringBuilder sb = new StringBuilder("Example (" + name + ", a wheel described as):\n");
            text.lines().limit(24).forEach(l -> sb.append("  ").append(l).append('\n'));
            if (expected != null) {
                sb.append(finding(base + slug + ".expected.yaml", expected).lines().skip(1)
                        .map(l -> l + "\n").collect(java.util.stream.Collectors.joining()));
            }
            return java.util.Optional.of(sb.toString());
        }
        int focus = focusLine(expected);
        List<String> lines = text.lines().toList();
        if (focus < 0) {
            focus = Math.min(3, lines.size());
        }
        int from = Math.max(0, focus - 4);
        int to = Math.min(lines.size(), focus + 4);
        StringBuilder sb = new StringBuilder("Example (" + name + "):\n");
        if (from > 0) {
            sb.append("  ...\n");
        }
        for (int i = from; i < to; i++) {
            sb.append(String.format("  %4d %s %s%n", i + 1, i == focus ? ">" : "|", lines.get(i)));
        }
        if (to < lines.size()) {
            sb.append("  ...\n");
        }
        return java.util.Optional.of(sb.toString());
    }

    /** The first finding a fail case expects, as {@code Example (case): / finds: message / at: where}. */
    private static String finding(String expectedPath, String expectedYaml) {
        String name = expectedPath.substring(expectedPath.lastIndexOf('/') + 1).replace(".expected.yaml", "");
        StringBuilder sb = new StringBuilder("Example (" + name + "):\n");
        try {
            var first = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(expectedYaml).path("findings").path(0);
            sb.append("  finds: ").append(first.path("message").asText()).append('\n');
            var loc = first.path("location");
            if (loc.has("file")) {
                sb.append("  at:    ").append(loc.path("file").asText()).append(loc.has("line") ? ":" + loc.path("line").asInt() : "").append('\n');
            } else if (loc.has("member")) {
                sb.append("  at:    ").append(loc.path("member").asText()).append('\n');
            }
        } catch (java.io.IOException e) {
            sb.append("  (expectation unreadable)\n");
        }
        return sb.toString();
    }

    /** The 0-based line of the first expected finding, or -1. */
    private static int focusLine(String expectedYaml) {
        if (expectedYaml == null) {
            return -1;
        }
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(expectedYaml);
            return node.path("findings").path(0).path("location").path("line").asInt(0) - 1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }
}
