package dev.wheelwright.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The first cibuildwheel release able to build an arch or a CPython version, as data
 * ({@code rules/tables/cibuildwheel-features.json}, validated when loaded).
 */
public final class CibuildwheelFeatures {

    /** One capability: an arch list or a CPython version (e.g. "312"), and the release that brought it. */
    public record Feature(String feature, List<String> archs, String python, String since, String source) {}

    static final String RESOURCE = "rules/tables/cibuildwheel-features.json";
    private static volatile CibuildwheelFeatures builtIn;
    private final List<Feature> features;

    private CibuildwheelFeatures(List<Feature> features) {
        this.features = List.copyOf(features);
    }

    public List<Feature> features() {
        return features;
    }

    public static CibuildwheelFeatures builtIn() {
        CibuildwheelFeatures f = builtIn;
        if (f == null) {
            try (InputStream in = CibuildwheelFeatures.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new ProjectException(RESOURCE + ": missing from the class path");
                }
                f = parse(RESOURCE, in.readAllBytes());
            } catch (IOException e) {
                throw new ProjectException(RESOURCE + ": cannot read: " + e.getMessage(), e);
            }
            builtIn = f;
        }
        return f;
    }

    public static CibuildwheelFeatures parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ProjectException(source + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode arr = root == null ? null : root.get("features");
        if (arr == null || !arr.isArray()) {
            throw new ProjectException(source + ": expected an object with a \"features\" array");
        }
        List<Feature> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : arr) {
            String where = source + ": features[" + i++ + "]";
            String since = n.path("since").asText("");
            if (!since.matches("[0-9]+(\\.[0-9]+)+")) {
                throw new ProjectException(where + ": 'since' must be a release number such as 2.15.0");
            }
            List<String> archs = new ArrayList<>();
            n.path("archs").forEach(a -> archs.add(a.asText()));
            String python = n.hasNonNull("python") ? n.get("python").asText() : null;
            if (archs.isEmpty() == (python == null)) {
                throw new ProjectException(where + ": give either 'archs' or 'python'");
            }
            if (python != null && !python.matches("3[0-9]+")) {
                throw new ProjectException(where + ": 'python' must look like 312 (CPython 3.12)");
            }
            if (!n.path("feature").isTextual()) {
                throw new ProjectException(where + ": missing 'feature'");
            }
            out.add(new Feature(n.get("feature").asText(), List.copyOf(archs), python, since, n.path("source").asText(null)));
        }
        return new CibuildwheelFeatures(out);
    }
}
