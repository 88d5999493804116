package dev.wheelwright.rules;

import dev.wheelwright.WheelwrightException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * All rules of a run: the built-in ones shipped in the jar under {@code rules/} plus the
 * folders given with {@code --rules}. Immutable once loaded.
 *
 * <p>The built-in rules are listed in {@code rules/index.txt}, which the build writes (one rule
 * folder per line), so loading never scans the classpath; and nothing is loaded until a command
 * asks for the catalogue, so commands that do not judge (tags, inspect) do not pay for it.
 */
public final class RuleCatalog {
    /** The classpath index of built-in rule folders, relative to {@code rules/}. */
    public static final String INDEX = "rules/index.txt";

    private final List<RuleDefinition> rules;
    private final Map<String, RuleDefinition> byKey;

    private RuleCatalog(List<RuleDefinition> rules) {
        this.rules = List.copyOf(rules);
        Map<String, RuleDefinition> m = new LinkedHashMap<>();
        for (RuleDefinition r : rules) {
            m.put(r.id().toLowerCase(Locale.ROOT), r);
            m.put(r.name(), r);
        }
        this.byKey = m;
    }

    /** Built-in rules plus the rule folders under each extra dir (the {@code --rules} option). */
    public static RuleCatalog load(List<Path> extraDirs) {
        List<RuleDefinition> all = new ArrayList<>(builtIn());
        for (Path dir : extraDirs) {
            all.addAll(fromDirectory(dir));
        }
        return of(all);
    }

    /** A catalogue of exactly these rules (ids and names must be unique). */
    public static RuleCatalog of(List<RuleDefinition> rules) {
        Map<String, RuleDefinition> seen = new LinkedHashMap<>();
        for (RuleDefinition r : rules) {
            for (String key : List.of(r.id(), r.name())) {
                RuleDefinition other = seen.putIfAbsent(key, r);
                if (other != null) {
                    throw new RuleLoadException(r.source().display() + ": rule " + (key.equals(r.id()) ? "id " : "name ")
                            + key + " is already used by " + other.source().display());
                }
            }
        }
        List<RuleDefinition> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(RuleDefinition::id));
        return new RuleCatalog(sorted);
    }

    /** The rules shipped inside the jar (or target/classes), as listed by {@link #INDEX}. */
    public static List<RuleDefinition> builtIn() {
        ClassLoader cl = RuleCatalog.class.getClassLoader();
        String index;
        try (InputStream in = cl.getResourceAsStream(INDEX)) {
            if (in == null) {
                return List.of();
            }
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WheelwrightException(INDEX + ": cannot read the built-in rule index: " + e.getMessage(), e);
        }
        List<RuleDefinition> out = new ArrayList<>();
        for (String line : index.split("\n")) {
            String folder = line.strip();
            if (folder.isEmpty() || folder.startsWith("#")) {
                continue;
            }
            String base = "rules/" + folder;
            String file = base + "/rule.yaml";
            try (InputStream in = cl.getResourceAsStream(file)) {
                if (in == null) {
                    throw new WheelwrightException(INDEX + ": lists " + folder + " but " + file + " is not in the jar");
                }
                out.add(RuleParser.parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8), new RuleSource.Classpath(base)));
            } catch (IOException e) {
                throw new WheelwrightException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * The rules under a folder: the folder itself when it holds a rule.yaml, else every folder
     * below it that does (a user's rule collection, or a copy of {@code rules/}).
     */
    public static List<RuleDefinition> fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new WheelwrightException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory")
                    + " (--rules expects a folder of rule folders)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().equals("rule.yaml") && Files.isRegularFile(p))
                    .filter(p -> !p.toString().contains("/cases/") && !p.toString().contains("\\cases\\"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new WheelwrightException(dir + ": cannot list rule folders: " + e.getMessage(), e);
        }
        List<RuleDefinition> out = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new WheelwrightException(f + ": cannot read: " + e.getMessage(), e);
            }
            out.add(RuleParser.parse(f.toString().replace('\\', '/'), text, new RuleSource.Directory(f.getParent())));
        }
        return out;
    }

    public List<RuleDefinition> rules() {
        return rules;
    }

    /** The rules whose {@code reads} is one of the given kinds. */
    public List<RuleDefinition> reading(java.util.Set<Reads> kinds) {
        return rules.stream().filter(r -> kinds.contains(r.reads())).toList();
    }

    /** A rule by id (any case) or name. */
    public Optional<RuleDefinition> find(String idOrName) {
        return Optional.ofNullable(byKey.get(idOrName.strip().toLowerCase(Locale.ROOT)))
                .or(() -> Optional.ofNullable(byKey.get(idOrName.strip())));
    }

    /** Like {@link #find} but an unknown key is a user error that suggests close names. */
    public RuleDefinition require(String idOrName) {
        return find(idOrName).orElseThrow(() -> {
            List<String> close = suggestions(idOrName);
            return new WheelwrightException("unknown rule '" + idOrName + "'"
                    + (close.isEmpty() ? " (see 'wheelwright rules')" : "; did you mean " + String.join(", ", close) + "?"));
        });
    }

    /** Up to three ids or names close to what was typed (edit distance, or containment). */
    public List<String> suggestions(String typed) {
        String t = typed.strip().toLowerCase(Locale.ROOT);
        List<Map.Entry<String, Integer>> scored = new ArrayList<>();
        for (RuleDefinition r : rules) {
            int dId = distance(t, r.id().toLowerCase(Locale.ROOT));
            int dName = distance(t, r.name());
            boolean contains = t.length() >= 3 && r.name().contains(t);
            int best = contains ? 0 : Math.min(dId, dName);
            int limit = Math.max(2, t.length() / 3);
            if (best <= limit) {
                scored.add(Map.entry((dId < dName ? r.id() : r.name()), best));
            }
        }
        scored.sort(Map.Entry.comparingByValue());
        return scored.stream().map(Map.Entry::getKey).distinct().limit(3).toList();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public int size() {
        return rules.size();
    }

    @Override
    public String toString() {
        return "RuleCatalog" + Collections.unmodifiableList(rules.stream().map(RuleDefinition::id).toList());
    }
}
