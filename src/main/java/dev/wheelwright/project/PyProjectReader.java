package dev.wheelwright.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code pyproject.toml} (PEP 518, PEP 517, PEP 621) with Jackson's TOML parser. */
final class PyProjectReader {
    private static final TomlMapper TOML = new TomlMapper();
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*\\]\\]?\\s*(#.*)?$");

    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_.\"'-]+?)\\s*=");

    private PyProjectReader() {}

    /** A TOML syntax error, with the 1-based line where the parser stopped. */
    static final class InvalidToml extends Exception {
        final int line;

        InvalidToml(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    static PyProject read(String file, String text) throws InvalidToml {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : loc.getLineNr();
            String message = e.getOriginalMessage();
            String[] lines = text.split("\n", -1);
            if ("Duplicate key".equals(message) && loc != null && loc.getColumnNr() == 1 && line > 1) {
                // The parser notices a repeated key at the start of the line after it (it reads a
                // key/value to its newline first): point at the last key/value line before it.
                line--;
                while (line > 1 && (lines[line - 1].strip().isEmpty() || lines[line - 1].strip().startsWith("#"))) {
                    line--;
                }
            }
            if ("Duplicate key".equals(message) && line >= 1 && line <= lines.length) {
                Matcher k = KEY.matcher(lines[line - 1]);
                if (k.find()) {
                    message = "Duplicate key '" + k.group(1) + "'";
                }
            }
            return throwInvalid(message, line);
        }
        if (root == null) {
            root = PLAIN.createObjectNode();
        }
        JsonNode bs = root.path("build-system");
        List<String> requires = null;
        if (bs.has("requires")) {
            requires = new ArrayList<>();
            for (JsonNode r : bs.get("requires")) {
                requires.add(r.asText());
            }
        }
        String backend = bs.hasNonNull("build-backend") ? bs.get("build-backend").asText() : null;
        JsonNode project = root.path("project");
        List<String> deps = new ArrayList<>();
        for (JsonNode d : project.path("dependencies")) {
            deps.add(d.asText());
        }
        Map<String, List<String>> optional = new LinkedHashMap<>();
        var extras = project.path("optional-dependencies").fields();
        while (extras.hasNext()) {
            var e = extras.next();
            List<String> reqs = new ArrayList<>();
            e.getValue().forEach(r -> reqs.add(r.asText()));
            optional.put(e.getKey(), List.copyOf(reqs));
        }
        int bsLine = bs.isObject() ? Math.max(1, headerLine(text, "build-system")) : 0;
        return new PyProject(file, text, bsLine, requires == null ? null : List.copyOf(requires),
                keyLine(text, "build-system", "requires"), backend, keyLine(text, "build-system", "build-backend"),
                project.path("name").isTextual() ? project.get("name").asText() : null,
                project.path("requires-python").isTextual() ? project.get("requires-python").asText() : null,
                List.copyOf(deps), plain(root.path("tool").path("cibuildwheel")),
                plain(root.path("tool").path("wheelwright")), java.util.Collections.unmodifiableMap(optional));
    }

    private static PyProject throwInvalid(String message, int line) throws InvalidToml {
        String m = message == null ? "invalid TOML" : message.lines().findFirst().orElse("invalid TOML");
        throw new InvalidToml(m, line);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(JsonNode node) {
        if (!node.isObject()) {
            return Map.of();
        }
        return PLAIN.convertValue(node, LinkedHashMap.class);
    }

    /** 1-based line of the {@code [table]} header, 0 when not written as a header. */
    static int headerLine(String text, String table) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = HEADER.matcher(lines[i]);
            if (m.matches() && unquote(m.group(1)).equals(table)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** 1-based line of {@code key = ...} inside {@code [table]}, 0 when not found. */
    static int keyLine(String text, String table, String key) {
        String[] lines = text.split("\n", -1);
        String current = "";
        Pattern kp = Pattern.compile("^\\s*[\"']?" + Pattern.quote(key) + "[\"']?\\s*=");
        Pattern dotted = Pattern.compile("^\\s*[\"']?" + Pattern.quote(table) + "[\"']?\\s*\\.\\s*[\"']?"
                + Pattern.quote(key) + "[\"']?\\s*=");
        for (int i = 0; i < lines.length; i++) {
            Matcher h = HEADER.matcher(lines[i]);
            if (h.matches()) {
                current = unquote(h.group(1));
                continue;
            }
            if (current.equals(table) && kp.matcher(lines[i]).find()) {
                return i + 1;
            }
            if (current.isEmpty() && dotted.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String unquote(String dottedKey) {
        return dottedKey.replace("\"", "").replace("'", "").replaceAll("\\s*\\.\\s*", ".");
    }
}
