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
    public record Feature(String feature, List<String> archs, String python, String since, String source, String platform) {
        public Feature(String feature, List<String> archs, String python, String since, String source) {
            this(feature, archs, python, since, source, null);
        }
    }

    static final String RESOURCE = "rules/tables/cibuildwheel-features.json";
    private static volatile CibuildwheelFeatures builtIn;
    private final List<Feature> features;

    private CibuildwheelFeatures(List<Feature> features) {
        this.features = List.copyOf(features);
    }

    public List<Feature> features() {
        return features;
    }

    /**
     * A cibuildwheel pin older than what its job asks for.
     *
     * @param run      the job
     * @param pin      the pinned version and where it is written
     * @param needs    the features it lacks, each with the release that brought it
     * @param required the first release that has them all
     */
    public record Shortfall(CiRun run, Located<String> pin, List<String> needs, String required) {}

    private static final java.util.regex.Pattern CPYTHON = java.util.regex.Pattern.compile("cp3([0-9]+)");

    /**
     * Every pin too old for the archs its job builds or the CPython versions it selects
     * ({@code CIBW_BUILD}, else {@code [tool.cibuildwheel].build}), once per pin.
     */
    public List<Shortfall> shortfalls(ProjectFacts p) {
        List<Shortfall> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CiRun run : p.ci()) {
            Located<String> version = run.cibuildwheel();
            if (version == null) {
                continue;
            }
            java.util.Set<String> archs = new java.util.HashSet<>();
            for (BuildTarget t : p.targets()) {
                if (t.run().equals(run)) {
                    archs.add(t.arch());
                }
            }
            java.util.Set<String> pythons = new java.util.HashSet<>();
            String build = run.envVar("CIBW_BUILD").map(Located::value)
                    .or(() -> p.pyprojectFile().flatMap(py -> py.cibuildwheelOption("build")).map(String::valueOf))
                    .orElse("");
            java.util.regex.Matcher m = CPYTHON.matcher(build);
            while (m.find()) {
                pythons.add("3" + m.group(1));
            }
            List<String> needs = new ArrayList<>();
            String required = null;
            for (Feature f : features) {
                boolean wanted = f.platform() != null ? f.platform().equals(run.cibwPlatform())
                        : f.python() != null ? pythons.contains(f.python()) : f.archs().stream().anyMatch(archs::contains);
                if (wanted && Requirements.compareVersions(version.value(), f.since()) < 0) {
                    needs.add(f.feature() + " (" + f.since() + ")");
                    if (required == null || Requirements.compareVersions(f.since(), required) > 0) {
                        required = f.since();
                    }
                }
            }
            if (!needs.isEmpty() && seen.add(version.file() + ":" + version.line())) {
                out.add(new Shortfall(run, version, List.copyOf(needs), required));
            }
        }
        return out;
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
            String platform = n.hasNonNull("platform") ? n.get("platform").asText() : null;
            if ((archs.isEmpty() ? 0 : 1) + (python == null ? 0 : 1) + (platform == null ? 0 : 1) != 1) {
                throw new ProjectException(where + ": give one of 'archs', 'python' or 'platform'");
            }
            if (python != null && !python.matches("3[0-9]+")) {
                throw new ProjectException(where + ": 'python' must look like 312 (CPython 3.12)");
            }
            if (!n.path("feature").isTextual()) {
                throw new ProjectException(where + ": missing 'feature'");
            }
            out.add(new Feature(n.get("feature").asText(), List.copyOf(archs), python, since, n.path("source").asText(null), platform));
        }
        return new CibuildwheelFeatures(out);
    }
}
