package dev.wheelwright.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.wheelwright.WheelwrightException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules the user chose to ignore, each with the reason they gave: the {@code ignore} list of
 * {@code [tool.wheelwright]} in the project's pyproject.toml, and {@code --ignore NAME} on the
 * command line (reason "command line"). A suppressed finding is still reported, marked with its
 * suppression, and does not count for {@code --fail-on}.
 *
 * <pre>
 * [tool.wheelwright]
 * ignore = [
 *   {rule = "pyc-in-wheel", reason = "the tests ship compiled fixtures", paths = ["tests/**"]},
 * ]
 * </pre>
 */
public final class Suppressions {
    /**
     * One ignore entry.
     *
     * @param rule   a rule name or id
     * @param reason why (mandatory)
     * @param paths  globs over the finding's file, wheel member or path; empty = everywhere
     * @param source where it was declared, e.g. {@code pyproject.toml} or {@code command line}
     */
    public record Ignore(String rule, String reason, List<String> paths, String source) {
        public Ignore {
            paths = List.copyOf(paths);
        }

        boolean matches(Finding f) {
            if (!rule.equalsIgnoreCase(f.rule()) && !rule.equals(f.name())) {
                return false;
            }
            if (paths.isEmpty()) {
                return true;
            }
            for (String candidate : locationPaths(f.location())) {
                for (String glob : paths) {
                    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                    try {
                        if (m.matches(Path.of(candidate)) || candidate.equals(glob)) {
                            return true;
                        }
                    } catch (java.nio.file.InvalidPathException e) {
                        // a member name that is not a valid local path cannot match a glob
                    }
                }
            }
            return false;
        }
    }

    private final List<Ignore> ignores;

    private Suppressions(List<Ignore> ignores) {
        this.ignores = List.copyOf(ignores);
    }

    public static Suppressions none() {
        return new Suppressions(List.of());
    }

    public List<Ignore> ignores() {
        return ignores;
    }

    /** These plus {@code --ignore} names from the command line. */
    public Suppressions withCommandLine(List<String> names, RuleCatalog catalog) {
        List<Ignore> all = new ArrayList<>(ignores);
        for (String n : names) {
            for (String one : n.split(",")) {
                String name = one.strip();
                if (name.isEmpty()) {
                    continue;
                }
                RuleDefinition r = catalog.find(name).orElseThrow(() -> new WheelwrightException("--ignore " + name
                        + ": unknown rule" + hint(catalog, name)));
                all.add(new Ignore(r.name(), "command line", List.of(), "command line"));
            }
        }
        return new Suppressions(all);
    }

    /**
     * The {@code [tool.wheelwright] ignore} entries of a pyproject.toml; none when the file or the
     * table is absent. A malformed entry (no reason, unknown rule) is an error naming the file.
     */
    public static Suppressions fromPyproject(Path pyproject, RuleCatalog catalog) {
        if (!Files.isRegularFile(pyproject)) {
            return none();
        }
        String file = pyproject.toString();
        JsonNode root;
        try {
            root = new TomlMapper().readTree(pyproject.toFile());
        } catch (JacksonException | java.io.CharConversionException e) {
            // No suppression can be read from a file that does not parse; the project rules
            // report the file itself (WW-P010 pyproject-invalid) with its line, as a finding.
            return none();
        } catch (IOException e) {
            throw new WheelwrightException(file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode table = root.path("tool").path("wheelwright");
        if (table.isMissingNode()) {
            return none();
        }
        JsonNode list = table.get("ignore");
        if (list == null) {
            return none();
        }
        String where = file + ": [tool.wheelwright] ignore";
        if (!list.isArray()) {
            throw new WheelwrightException(where + ": expected a list of {rule = \"NAME\", reason = \"...\"} tables");
        }
        List<Ignore> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : list) {
            i++;
            String at = where + " entry " + i;
            if (e.isTextual()) {
                throw new WheelwrightException(at + " ('" + e.asText() + "'): a reason is required; write {rule = \""
                        + e.asText() + "\", reason = \"why it does not apply\"}");
            }
            if (!e.isObject()) {
                throw new WheelwrightException(at + ": expected a table {rule = \"NAME\", reason = \"...\"}");
            }
            String rule = e.path("rule").asText("").strip();
            if (rule.isEmpty()) {
                throw new WheelwrightException(at + ": missing 'rule' (a rule name or id)");
            }
            String reason = e.path("reason").asText("").strip();
            if (reason.isEmpty()) {
                throw new WheelwrightException(at + " (" + rule + "): missing 'reason'; say why the rule does not apply");
            }
            RuleDefinition r = catalog.find(rule).orElseThrow(() -> new WheelwrightException(at + ": unknown rule '" + rule + "'"
                    + hint(catalog, rule)));
            List<String> paths = new ArrayList<>();
            JsonNode p = e.get("paths");
            if (p != null) {
                if (!p.isArray()) {
                    throw new WheelwrightException(at + " (" + rule + "): 'paths' must be a list of globs");
                }
                p.forEach(g -> paths.add(g.asText()));
            }
            for (var it = e.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!List.of("rule", "reason", "paths").contains(k)) {
                    throw new WheelwrightException(at + " (" + rule + "): unknown key '" + k + "' (keys: rule, reason, paths)");
                }
            }
            out.add(new Ignore(r.name(), reason, paths, pyproject.getFileName().toString()));
        }
        return new Suppressions(out);
    }

    private static String hint(RuleCatalog catalog, String name) {
        List<String> close = catalog.suggestions(name);
        return close.isEmpty() ? " (see 'wheelwright rules')" : "; did you mean " + String.join(", ", close) + "?";
    }

    /** The findings, each marked with the first ignore entry that matches it. */
    public List<Finding> apply(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Finding marked = f;
            if (!f.suppressed()) {
                for (Ignore ig : ignores) {
                    if (ig.matches(f)) {
                        marked = f.suppressedBy(new Finding.Suppression(ig.source(), ig.reason()));
                        break;
                    }
                }
            }
            out.add(marked);
        }
        return out;
    }

    /** The paths a glob is matched against: the file, the wheel and its member, or the path. */
    static List<String> locationPaths(Location l) {
        if (l instanceof Location.FileLine f) {
            return List.of(slashes(f.file()));
        }
        if (l instanceof Location.WheelMember w) {
            List<String> out = new ArrayList<>();
            if (w.member() != null) {
                out.add(slashes(w.member()));
            }
            out.add(slashes(w.wheel()));
            return out;
        }
        return List.of(slashes(((Location.PathLocation) l).path()));
    }

    private static String slashes(String s) {
        return s.replace('\\', '/');
    }
}
