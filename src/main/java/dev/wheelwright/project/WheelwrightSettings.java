package dev.wheelwright.project;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The policy a project sets for its wheels in {@code pyproject.toml}: {@code [tool.wheelwright]}
 * keys (one per policy flag of {@code audit}, and {@code fail-on}), and, where those are not set,
 * what {@code [tool.cibuildwheel]} already says (the manylinux image, {@code MACOSX_DEPLOYMENT_TARGET},
 * a universal2 macOS build). Every value carries where it came from, for the report.
 *
 * <p>The table is checked strictly: an unknown key (a typo such as {@code fail_on}) or a value of
 * the wrong type is a {@link ProjectException} naming the file and the key, since a setting that is
 * silently ignored is worse than none.
 *
 * @param file     the pyproject.toml read (as the caller named it), or null when there is none
 * @param settings each policy set, by key ({@code manylinux}, {@code min-macos}, {@code require-archs},
 *                 {@code java}, {@code targets}, {@code fail-on}, {@code local}), in that order
 */
public record WheelwrightSettings(String file, Map<String, Setting> settings) {

    /** The keys {@code [tool.wheelwright]} accepts. */
    public static final Set<String> KEYS = Set.of("ignore", "targets", "manylinux", "min-macos", "require-archs", "java",
            "fail-on", "local");

    /**
     * One value and where it was set.
     *
     * @param source e.g. {@code pyproject.toml [tool.wheelwright] manylinux}
     * @param where  the same as an error message starts: {@code pyproject.toml: [tool.wheelwright] manylinux}
     */
    public record Setting(Object value, String source, String where) {
        Setting(Object value, String source) {
            this(value, source, source.replaceFirst(" \\[tool\\.", ": [tool."));
        }

        public String text() {
            return value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(value);
        }
    }

    public WheelwrightSettings {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public static WheelwrightSettings none() {
        return new WheelwrightSettings(null, Map.of());
    }

    public Setting get(String key) {
        return settings.get(key);
    }

    /**
     * Reads the settings of {@code pyproject}; none when the file is absent or not valid TOML (the
     * project rules report a broken file as a finding, with its line).
     */
    public static WheelwrightSettings read(Path pyproject) {
        if (pyproject == null || !Files.isRegularFile(pyproject)) {
            return none();
        }
        String file = pyproject.toString();
        JsonNode root;
        try {
            root = new TomlMapper().readTree(pyproject.toFile());
        } catch (JacksonException | java.io.CharConversionException e) {
            return new WheelwrightSettings(file, Map.of());
        } catch (IOException e) {
            throw new ProjectException(file + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, Setting> out = new LinkedHashMap<>();
        JsonNode table = root.path("tool").path("wheelwright");
        if (!table.isMissingNode() && !table.isObject()) {
            throw new ProjectException(file + ": [tool.wheelwright]: expected a table");
        }
        if (table.isObject()) {
            for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    String near = KEYS.stream().filter(k -> k.replace("-", "").equals(key.replace("_", "").replace("-", "")
                            .toLowerCase(Locale.ROOT))).findFirst().map(k -> " (did you mean '" + k + "'?)").orElse("");
                    throw new ProjectException(file + ": [tool.wheelwright] " + key + ": unknown key" + near + "; known keys: "
                            + String.join(", ", KEYS.stream().sorted().toList()));
                }
            }
            String from = file + " [tool.wheelwright] ";
            string(table, "manylinux", file).ifPresent(v -> out.put("manylinux", new Setting(v, from + "manylinux")));
            string(table, "min-macos", file).ifPresent(v -> out.put("min-macos", new Setting(v, from + "min-macos")));
            List<String> archs = stringsOrCommaList(table, "require-archs", file);
            if (archs != null) {
                out.put("require-archs", new Setting(archs, from + "require-archs"));
            }
            JsonNode java = table.get("java");
            if (java != null) {
                if (!java.isIntegralNumber()) {
                    throw new ProjectException(file + ": [tool.wheelwright] java: expected an integer (a Java feature release such as 11), got "
                            + kind(java));
                }
                out.put("java", new Setting(java.asInt(), from + "java"));
            }
            JsonNode t = table.get("targets");
            if (t != null && !t.isArray()) {
                throw new ProjectException(file + ": [tool.wheelwright] targets: expected a list of platform tags, got " + kind(t));
            }
            List<String> targets = stringsOrCommaList(table, "targets", file);
            if (targets != null) {
                out.put("targets", new Setting(targets, from + "targets"));
            }
            string(table, "fail-on", file).ifPresent(v -> {
                String l = v.toLowerCase(Locale.ROOT);
                if (!List.of("error", "warning", "info", "never").contains(l)) {
                    throw new ProjectException(file + ": [tool.wheelwright] fail-on: '" + v + "' is not a level (expected error, warning, info or never)");
                }
                out.put("fail-on", new Setting(l, from + "fail-on"));
            });
            JsonNode local = table.get("local");
            if (local != null) {
                if (!local.isBoolean()) {
                    throw new ProjectException(file + ": [tool.wheelwright] local: expected true or false, got " + kind(local));
                }
                out.put("local", new Setting(local.asBoolean(), from + "local"));
            }
            JsonNode ignore = table.get("ignore");
            if (ignore != null && !ignore.isArray()) {
                throw new ProjectException(file + ": [tool.wheelwright] ignore: expected a list of {rule = \"NAME\", reason = \"...\"} tables, got "
                        + kind(ignore));
            }
        }
        fromCibuildwheel(root.path("tool").path("cibuildwheel"), file, out);
        // the fixed order of the report
        Map<String, Setting> ordered = new LinkedHashMap<>();
        for (String k : List.of("manylinux", "min-macos", "require-archs", "java", "targets", "fail-on", "local")) {
            if (out.containsKey(k)) {
                ordered.put(k, out.get(k));
            }
        }
        return new WheelwrightSettings(file, ordered);
    }

    /** Defaults from {@code [tool.cibuildwheel]} for what [tool.wheelwright] leaves unset. */
    private static void fromCibuildwheel(JsonNode cibw, String file, Map<String, Setting> out) {
        if (!cibw.isObject()) {
            return;
        }
        String from = file + " [tool.cibuildwheel] ";
        if (!out.containsKey("manylinux")) {
            // the newest image any arch builds in: wheels of that arch meet no older policy, and
            // requiring an older one of every wheel would flag wheels that are as CI meant them
            String best = null;
            String bestKey = null;
            for (JsonNode t : List.of(cibw, cibw.path("linux"))) {
                for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().startsWith("manylinux-") && e.getKey().endsWith("-image") && e.getValue().isTextual()) {
                        String policy = manylinuxOfImage(e.getValue().asText());
                        if (policy != null && (best == null || glibcMinor(policy) > glibcMinor(best))) {
                            best = policy;
                            bestKey = (t == cibw ? "" : "linux.") + e.getKey();
                        }
                    }
                }
            }
            if (best != null) {
                out.put("manylinux", new Setting(best, from + bestKey));
            }
        }
        if (!out.containsKey("min-macos")) {
            for (String where : List.of("macos.environment", "environment")) {
                JsonNode env = where.startsWith("macos.") ? cibw.path("macos").path("environment") : cibw.path("environment");
                String v = null;
                if (env.isObject() && env.path("MACOSX_DEPLOYMENT_TARGET").isValueNode()) {
                    v = env.path("MACOSX_DEPLOYMENT_TARGET").asText();
                } else if (env.isTextual()) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|\\s)MACOSX_DEPLOYMENT_TARGET=[\"']?([0-9.]+)")
                            .matcher(env.asText());
                    if (m.find()) {
                        v = m.group(1);
                    }
                }
                if (v != null && v.matches("\\d+(\\.\\d+){0,2}")) {
                    out.put("min-macos", new Setting(v, from + where + " MACOSX_DEPLOYMENT_TARGET"));
                    break;
                }
            }
        }
        if (!out.containsKey("require-archs")) {
            JsonNode archs = cibw.path("macos").path("archs");
            List<String> list = new ArrayList<>();
            if (archs.isTextual()) {
                list.addAll(List.of(archs.asText().strip().split("[\\s,]+")));
            } else if (archs.isArray()) {
                archs.forEach(a -> list.add(a.asText()));
            }
            // universal2 binaries must hold both slices; a list of thin archs builds one wheel per arch
            if (list.contains("universal2")) {
                out.put("require-archs", new Setting(List.of("arm64", "x86_64"), from + "macos.archs universal2"));
            }
        }
    }

    /** {@code manylinux2014}, {@code manylinux_2_28} or an image such as {@code quay.io/pypa/manylinux_2_28_x86_64:2024.01.01}. */
    static String manylinuxOfImage(String image) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("manylinux(_2_\\d+|1|2010|2014)").matcher(image);
        return m.find() ? "manylinux" + m.group(1) : null;
    }

    private static int glibcMinor(String policy) {
        return switch (policy) {
            case "manylinux1" -> 5;
            case "manylinux2010" -> 12;
            case "manylinux2014" -> 17;
            default -> Integer.parseInt(policy.substring("manylinux_2_".length()));
        };
    }

    private static java.util.Optional<String> string(JsonNode table, String key, String file) {
        JsonNode v = table.get(key);
        if (v == null) {
            return java.util.Optional.empty();
        }
        if (!v.isTextual()) {
            throw new ProjectException(file + ": [tool.wheelwright] " + key + ": expected a string, got " + kind(v));
        }
        return java.util.Optional.of(v.asText());
    }

    private static List<String> stringsOrCommaList(JsonNode table, String key, String file) {
        JsonNode v = table.get(key);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            for (String s : v.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
            return out;
        }
        if (!v.isArray()) {
            throw new ProjectException(file + ": [tool.wheelwright] " + key + ": expected a list of strings, got " + kind(v));
        }
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new ProjectException(file + ": [tool.wheelwright] " + key + ": expected a list of strings, got an item that is "
                        + kind(e));
            }
            out.add(e.asText().strip());
        }
        return out;
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "a table";
        }
        return v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
