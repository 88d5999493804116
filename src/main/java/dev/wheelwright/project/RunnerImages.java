package dev.wheelwright.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hosted CI runner images wheelwright knows: label → operating system, CPU architecture,
 * and whether (and since when) the image is retired. Data, not code: {@code
 * rules/tables/runner-images.json}, validated when loaded so a typo fails loudly.
 */
public final class RunnerImages {

    /** Arch names are cibuildwheel's for that OS (macOS x86_64/arm64, Linux x86_64/aarch64, Windows AMD64/ARM64). */
    public record Image(String label, String os, String arch, boolean retired, LocalDate retiredOn, String replacement) {}

    static final String RESOURCE = "rules/tables/runner-images.json";
    private static final Set<String> OSES = Set.of("macos", "linux", "windows");
    private static final Map<String, Set<String>> ARCHS = Map.of(
            "macos", Set.of("x86_64", "arm64"),
            "linux", Set.of("x86_64", "aarch64"),
            "windows", Set.of("AMD64", "ARM64"));

    private static volatile RunnerImages builtIn;

    private final Map<String, Image> byLabel;

    private RunnerImages(Map<String, Image> byLabel) {
        this.byLabel = Map.copyOf(byLabel);
    }

    /** The table shipped with wheelwright. */
    public static RunnerImages builtIn() {
        RunnerImages r = builtIn;
        if (r == null) {
            try (InputStream in = RunnerImages.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new ProjectException(RESOURCE + ": missing from the class path");
                }
                r = parse(RESOURCE, in.readAllBytes());
            } catch (IOException e) {
                throw new ProjectException(RESOURCE + ": cannot read: " + e.getMessage(), e);
            }
            builtIn = r;
        }
        return r;
    }

    /** Parses and validates a table; every problem names the entry. */
    public static RunnerImages parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ProjectException(source + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode images = root == null ? null : root.get("images");
        if (images == null || !images.isArray()) {
            throw new ProjectException(source + ": expected an object with an \"images\" array");
        }
        Map<String, Image> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode n : images) {
            String where = source + ": images[" + i++ + "]";
            String label = req(n, "label", where);
            String os = req(n, "os", where);
            String arch = req(n, "arch", where);
            if (!OSES.contains(os)) {
                throw new ProjectException(where + " (" + label + "): unknown os '" + os + "' (expected macos, linux or windows)");
            }
            if (!ARCHS.get(os).contains(arch)) {
                throw new ProjectException(where + " (" + label + "): arch '" + arch + "' is not one of " + ARCHS.get(os) + " for " + os);
            }
            boolean retired = n.path("retired").asBoolean(false);
            LocalDate on = null;
            if (n.hasNonNull("retiredOn")) {
                try {
                    on = LocalDate.parse(n.get("retiredOn").asText());
                } catch (DateTimeParseException e) {
                    throw new ProjectException(where + " (" + label + "): retiredOn is not a YYYY-MM-DD date");
                }
            }
            if (retired && on == null) {
                throw new ProjectException(where + " (" + label + "): a retired image needs retiredOn");
            }
            String key = label.toLowerCase(Locale.ROOT);
            if (out.containsKey(key)) {
                throw new ProjectException(where + ": duplicate label '" + label + "'");
            }
            out.put(key, new Image(label, os, arch, retired, on,
                    n.hasNonNull("replacement") ? n.get("replacement").asText() : null));
        }
        return new RunnerImages(out);
    }

    private static String req(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ProjectException(where + ": missing string field '" + field + "'");
        }
        return v.asText();
    }

    /** The image of a {@code runs-on} label (labels are case-insensitive on GitHub). */
    public Optional<Image> find(String label) {
        return label == null ? Optional.empty() : Optional.ofNullable(byLabel.get(label.strip().toLowerCase(Locale.ROOT)));
    }
}
