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
        return read(file, text, new ArrayList<>());
    }

    /** Reads the file; fields of the wrong type or form are added to {@code problems} (kind PYPROJECT_FIELD). */
    static PyProject read(String file, String text, List<ProjectProblem> problems) throws InvalidToml {
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
                // (the parser may count a line more than the text's "\n" do: such a line is past the end, skipped too)
                while (line > 1 && (line > lines.length || lines[line - 1].strip().isEmpty() || lines[line - 1].strip().startsWith("#"))) {
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
        fieldProblems(file, text, root, problems);
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

    /**
     * The fields front ends insist on, checked as pip and build check them before building: PEP
     * 518 {@code [build-system]} (a table whose {@code requires} is a mandatory list of PEP 508
     * strings), PEP 517 {@code build-backend} (a string) and {@code backend-path} (a list of
     * strings), and the PEP 621 {@code [project]} fields a build reads (name, version,
     * requires-python, dependencies, optional-dependencies, dynamic).
     */
    static void fieldProblems(String file, String text, JsonNode root, List<ProjectProblem> out) {
        JsonNode bs = root.get("build-system");
        if (bs != null) {
            if (!bs.isObject()) {
                out.add(field(file, keyLine(text, "", "build-system"), "build-system must be a table, not " + kind(bs)));
            } else {
                int header = Math.max(1, headerLine(text, "build-system"));
                JsonNode req = bs.get("requires");
                if (req == null) {
                    out.add(field(file, header, "[build-system] has no requires key, which PEP 518 makes mandatory"));
                } else {
                    requirements(file, text, "build-system", "requires", req, out);
                }
                JsonNode backend = bs.get("build-backend");
                if (backend != null && !backend.isTextual()) {
                    out.add(field(file, line(text, "build-system", "build-backend", header),
                            "[build-system] build-backend must be a string (PEP 517), not " + kind(backend)));
                }
                strings(file, text, "build-system", "backend-path", bs.get("backend-path"), header, out);
            }
        }
        JsonNode project = root.get("project");
        if (project != null) {
            if (!project.isObject()) {
                out.add(field(file, keyLine(text, "", "project"), "project must be a table, not " + kind(project)));
                return;
            }
            int header = Math.max(1, headerLine(text, "project"));
            JsonNode name = project.get("name");
            if (name == null) {
                out.add(field(file, header, "[project] has no name, which PEP 621 requires"));
            }
            for (String key : List.of("name", "version", "requires-python")) {
                JsonNode v = project.get(key);
                if (v != null && !v.isTextual()) {
                    out.add(field(file, line(text, "project", key, header), "[project] " + key + " must be a string, not " + kind(v)));
                }
            }
            JsonNode deps = project.get("dependencies");
            if (deps != null) {
                requirements(file, text, "project", "dependencies", deps, out);
            }
            strings(file, text, "project", "dynamic", project.get("dynamic"), header, out);
            JsonNode extras = project.get("optional-dependencies");
            if (extras != null) {
                if (!extras.isObject()) {
                    out.add(field(file, line(text, "project", "optional-dependencies", header),
                            "[project] optional-dependencies must be a table of lists, not " + kind(extras)));
                } else {
                    var it = extras.fields();
                    while (it.hasNext()) {
                        var e = it.next();
                        requirements(file, text, "project.optional-dependencies", e.getKey(), e.getValue(), out);
                    }
                }
            }
        }
    }

    /** A list of PEP 508 requirement strings. */
    private static void requirements(String file, String text, String table, String key, JsonNode v, List<ProjectProblem> out) {
        int line = line(text, table, key, Math.max(1, headerLine(text, table)));
        String where = "[" + table + "] " + key;
        if (!v.isArray()) {
            out.add(field(file, line, where + " must be a list of strings, not " + kind(v)));
            return;
        }
        for (JsonNode r : v) {
            if (!r.isTextual()) {
                out.add(field(file, line, where + " must be a list of strings; it holds " + kind(r)));
                return;
            }
            try {
                dev.wheelwright.spec.Requirement.parse(r.asText());
            } catch (RuntimeException e) {
                out.add(field(file, line, where + ": " + e.getMessage()));
            }
        }
    }

    private static void strings(String file, String text, String table, String key, JsonNode v, int header, List<ProjectProblem> out) {
        if (v == null) {
            return;
        }
        boolean ok = v.isArray();
        for (JsonNode e : v) {
            ok &= e.isTextual();
        }
        if (!ok) {
            out.add(field(file, line(text, table, key, header), "[" + table + "] " + key + " must be a list of strings, not " + kind(v)));
        }
    }

    private static int line(String text, String table, String key, int fallback) {
        int l = keyLine(text, table, key);
        return l > 0 ? l : fallback;
    }

    private static ProjectProblem field(String file, int line, String message) {
        return new ProjectProblem(ProjectProblem.Kind.PYPROJECT_FIELD, file, line, message);
    }

    /** A TOML value's kind as the TOML spec names it, with the value when it is short. */
    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            String t = v.asText();
            return "a string (\"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\")";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "a table";
        }
        if (v.isBoolean()) {
            return "a boolean (" + v.asText() + ")";
        }
        if (v.isNumber()) {
            return "a number (" + v.asText() + ")";
        }
        return "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
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
            String name = header(lines[i]);
            if (name != null && unquote(name).equals(table)) {
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
            String name = header(lines[i]);
            if (name != null) {
                current = unquote(name);
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

    /**
     * The name of a {@code [table]} or {@code [[array]]} header line, stripped, or null when the
     * line is not one: optional whitespace, the brackets around a name that holds no {@code ]},
     * then nothing but whitespace and a comment. Scanned by hand, once: a pattern with a lazy name
     * between whitespace runs backtracks quadratically over a long line (issue #22).
     */
    static String header(String line) {
        int n = line.length();
        int i = 0;
        while (i < n && space(line.charAt(i))) {
            i++;
        }
        if (i == n || line.charAt(i) != '[') {
            return null;
        }
        i++;
        if (i < n && line.charAt(i) == '[') {
            i++;
        }
        int close = line.indexOf(']', i);
        if (close < 0) {
            return null;
        }
        String name = strip(line, i, close);
        if (name.isEmpty()) {
            return null;
        }
        int j = close + 1;
        if (j < n && line.charAt(j) == ']') {
            j++;
        }
        while (j < n && space(line.charAt(j))) {
            j++;
        }
        return j == n || line.charAt(j) == '#' ? name : null;
    }

    /** The characters of regex {@code \\s}. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static String strip(String s, int from, int to) {
        while (from < to && space(s.charAt(from))) {
            from++;
        }
        while (to > from && space(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    /** A dotted key without its quotes and without the whitespace around its dots. */
    private static String unquote(String dottedKey) {
        String s = dottedKey.replace("\"", "").replace("'", "");
        if (s.indexOf('.') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int from = 0;
        while (true) {
            int dot = s.indexOf('.', from);
            int start = from;
            int end = dot < 0 ? s.length() : dot;
            while (from > 0 && start < end && space(s.charAt(start))) {
                start++; // after a dot
            }
            while (dot >= 0 && end > start && space(s.charAt(end - 1))) {
                end--; // before a dot
            }
            out.append(s, start, end);
            if (dot < 0) {
                return out.toString();
            }
            out.append('.');
            from = dot + 1;
        }
    }

}
