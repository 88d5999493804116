package dev.wheelwright.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Build requirements whose new major release broke builds that used a removed feature
 * ({@code rules/tables/breaking-build-majors.json}), validated at load.
 */
public final class BreakingBuildMajors {

    /**
     * @param packageName the requirement's name as written in the table
     * @param breaking    the first release that breaks
     * @param uses        what in setup.py / setup.cfg shows the project relies on the removed feature
     * @param what        what broke, one sentence
     * @param source      where this was learned
     */
    public record Entry(String packageName, String breaking, Pattern uses, String what, String source) {}

    static final String RESOURCE = "rules/tables/breaking-build-majors.json";
    private static volatile List<Entry> builtIn;

    private BreakingBuildMajors() {}

    public static List<Entry> builtIn() {
        List<Entry> t = builtIn;
        if (t == null) {
            try (InputStream in = BreakingBuildMajors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new ProjectException(RESOURCE + ": missing from the class path");
                }
                t = parse(RESOURCE, in.readAllBytes());
            } catch (IOException e) {
                throw new ProjectException(RESOURCE + ": cannot read: " + e.getMessage(), e);
            }
            builtIn = t;
        }
        return t;
    }

    static List<Entry> parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ProjectException(source + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode arr = root == null ? null : root.get("entries");
        if (arr == null || !arr.isArray()) {
            throw new ProjectException(source + ": expected an object with an \"entries\" array");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode n = arr.get(i);
            String where = source + ": entries[" + i + "]";
            String breaking = text(n, "breaking", where);
            if (dev.wheelwright.spec.Version.tryParse(breaking).isEmpty()) {
                throw new ProjectException(where + ": 'breaking' is not a PEP 440 version: " + breaking);
            }
            Pattern uses;
            try {
                uses = Pattern.compile(text(n, "uses", where));
            } catch (PatternSyntaxException e) {
                throw new ProjectException(where + ": 'uses' is not a valid pattern: " + e.getDescription());
            }
            out.add(new Entry(text(n, "package", where), breaking, uses, text(n, "what", where), text(n, "source", where)));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode n, String field, String where) {
        if (!n.path(field).isTextual() || n.get(field).asText().isBlank()) {
            throw new ProjectException(where + ": missing string field '" + field + "'");
        }
        return n.get(field).asText();
    }
}
