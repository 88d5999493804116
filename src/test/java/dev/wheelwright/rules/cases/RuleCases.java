package dev.wheelwright.rules.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.Reads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finds rule folders and their cases on disk (the repository's {@code rules/}), for tests. */
public final class RuleCases {
    private RuleCases() {}

    public static final Path RULES = Path.of("rules");

    /** One case: its input, whether it must fail, and the expectation file of a fail case. */
    public record Case(Path input, boolean fail, String slug, Path expected) {
        public String name() {
            return input.getFileName().toString();
        }
    }

    /** An expected finding of a fail case. */
    /** One expected finding; {@code severity} (error, warning, info) is checked when given. */
    public record Expected(String message, JsonNode location, String evidenceContains, String severity) {
        public Expected(String message, JsonNode location, String evidenceContains) {
            this(message, location, evidenceContains, null);
        }
    }

    /** Every folder under rules/ holding a rule.yaml, sorted. */
    public static List<Path> ruleDirs() throws IOException {
        if (!Files.isDirectory(RULES)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(RULES)) {
            return s.filter(p -> p.getFileName().toString().equals("rule.yaml"))
                    .filter(p -> !p.toString().contains("/cases/"))
                    .map(Path::getParent).sorted().toList();
        }
    }

    /** The cases of a rule: inputs named fail-* or pass-* in cases/ (expectation files excluded). */
    public static List<Case> cases(Path ruleDir) throws IOException {
        Path dir = ruleDir.resolve("cases");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Case> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".expected.yaml") || n.startsWith(".")) {
                    continue;
                }
                boolean fail = n.startsWith("fail-");
                if (!fail && !n.startsWith("pass-")) {
                    continue;
                }
                String slug = Files.isDirectory(p) ? n : slugOf(n);
                Path expected = dir.resolve(slug + ".expected.yaml");
                out.add(new Case(p, fail, slug, expected));
            }
        }
        return out;
    }

    /** {@code fail-x.log} → {@code fail-x}; {@code fail-x.wheel.yaml} → {@code fail-x}. */
    static String slugOf(String fileName) {
        int dot = fileName.indexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    public static List<Expected> expected(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        List<Expected> out = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("findings");
        if (list == null || !list.isArray()) {
            throw new IOException(file + ": expected a 'findings:' list");
        }
        for (JsonNode f : list) {
            out.add(new Expected(f.path("message").asText(null), f.get("location"),
                    f.hasNonNull("evidence-contains") ? f.get("evidence-contains").asText() : null,
                    f.hasNonNull("severity") ? f.get("severity").asText() : null));
        }
        return out;
    }

    /** The loader class for a rule's reads (binary rules use the wheel loader). */
    public static String loaderClass(Reads reads) {
        String kind = reads == Reads.BINARY ? "Wheel" : reads.id().substring(0, 1).toUpperCase(Locale.ROOT) + reads.id().substring(1);
        return "dev.wheelwright.rules.cases." + kind + "CaseLoader";
    }

    /** Whether a finding's location agrees with every key the expectation gives. */
    public static String locationMismatch(JsonNode expected, Location actual) {
        if (expected == null) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        expected.fields().forEachRemaining(e -> {
            String want = e.getValue().asText();
            String got = switch (e.getKey()) {
                case "file" -> actual instanceof Location.FileLine f ? f.file() : null;
                case "line" -> actual instanceof Location.FileLine f ? String.valueOf(f.line()) : null;
                case "wheel" -> actual instanceof Location.WheelMember w ? w.wheel() : null;
                case "member" -> actual instanceof Location.WheelMember w ? w.member() : null;
                case "arch" -> actual instanceof Location.WheelMember w ? w.arch() : null;
                case "path" -> actual instanceof Location.PathLocation p ? p.path() : null;
                default -> "<unknown key " + e.getKey() + ">";
            };
            if (!want.equals(got)) {
                problems.add(e.getKey() + ": expected " + want + ", got " + got);
            }
        });
        return problems.isEmpty() ? null : String.join("; ", problems) + " (location " + actual.display() + ")";
    }
}
