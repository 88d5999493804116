package dev.wheelwright.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The requirements a project declares, read statically: {@code [build-system].requires} (PEP
 * 518) and {@code [project].dependencies} / {@code [project.optional-dependencies]} (PEP 621)
 * from {@code pyproject.toml}; {@code setup_requires} and {@code install_requires} /
 * {@code extras_require} from {@code setup.cfg} {@code [options]}. setup.py is never run.
 *
 * @param build   build requirements (build-system.requires, then setup_requires)
 * @param runtime runtime requirements (dependencies, then the requested extras)
 * @param sources files the requirements came from
 */
public record ProjectRequirements(List<String> build, List<String> runtime, List<Path> sources) {

    public ProjectRequirements {
        build = List.copyOf(build);
        runtime = List.copyOf(runtime);
        sources = List.copyOf(sources);
    }

    /**
     * Reads a project folder.
     *
     * @throws IndexException when the folder has neither pyproject.toml nor setup.cfg, or one is malformed
     */
    public static ProjectRequirements read(Path dir, List<String> extras) {
        if (!Files.isDirectory(dir)) {
            throw new IndexException(dir + ": not a folder");
        }
        List<String> build = new ArrayList<>();
        List<String> runtime = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        List<String> unknownExtras = new ArrayList<>(extras);
        Path pyproject = dir.resolve("pyproject.toml");
        if (Files.isRegularFile(pyproject)) {
            JsonNode root;
            try {
                root = new TomlMapper().readTree(pyproject.toFile());
            } catch (Exception e) {
                String msg = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("");
                throw new IndexException(pyproject + ": malformed TOML (" + msg + ")");
            }
            sources.add(pyproject);
            strings(root.path("build-system").path("requires"), pyproject, "[build-system].requires", build);
            JsonNode project = root.path("project");
            strings(project.path("dependencies"), pyproject, "[project].dependencies", runtime);
            JsonNode optional = project.path("optional-dependencies");
            for (String extra : extras) {
                var it = optional.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (dev.wheelwright.spec.Names.canonicalize(e.getKey()).equals(dev.wheelwright.spec.Names.canonicalize(extra))) {
                        strings(e.getValue(), pyproject, "[project.optional-dependencies]." + e.getKey(), runtime);
                        unknownExtras.remove(extra);
                    }
                }
            }
        }
        Path setupCfg = dir.resolve("setup.cfg");
        if (Files.isRegularFile(setupCfg)) {
            Map<String, Map<String, String>> ini = PipConfig.readIni(setupCfg);
            Map<String, String> options = ini.getOrDefault("options", Map.of());
            boolean used = false;
            if (options.containsKey("setup-requires")) {
                build.addAll(lines(options.get("setup-requires")));
                used = true;
            }
            if (options.containsKey("install-requires")) {
                runtime.addAll(lines(options.get("install-requires")));
                used = true;
            }
            Map<String, String> extrasRequire = ini.getOrDefault("options.extras-require",
                    ini.getOrDefault("options.extras_require", Map.of()));
            for (String extra : extras) {
                for (Map.Entry<String, String> e : extrasRequire.entrySet()) {
                    if (dev.wheelwright.spec.Names.canonicalize(e.getKey()).equals(dev.wheelwright.spec.Names.canonicalize(extra))) {
                        runtime.addAll(lines(e.getValue()));
                        unknownExtras.remove(extra);
                        used = true;
                    }
                }
            }
            if (used) {
                sources.add(setupCfg);
            }
        }
        if (sources.isEmpty() && !Files.isRegularFile(pyproject)) {
            throw new IndexException(dir + ": no pyproject.toml or setup.cfg with requirements");
        }
        if (!unknownExtras.isEmpty()) {
            throw new IndexException(dir + ": no extra named '" + unknownExtras.get(0) + "' in the project");
        }
        return new ProjectRequirements(build, runtime, sources);
    }

    private static void strings(JsonNode node, Path file, String where, List<String> out) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isArray()) {
            throw new IndexException(file + ": " + where + " must be a list of strings");
        }
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new IndexException(file + ": " + where + " must be a list of strings, found " + n);
            }
            out.add(n.asText());
        }
    }

    /** setup.cfg "dangling list": one requirement per line; ';' inside a line begins a marker. */
    private static List<String> lines(String value) {
        List<String> out = new ArrayList<>();
        for (String line : value.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }
}
