package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of core metadata (METADATA in a wheel, PKG-INFO in an sdist) as the core metadata
 * specification defines it: the required fields, each field's syntax, and which fields a
 * {@code Metadata-Version} may use (each field's "versionadded"). Pure: fields in, problems out,
 * each problem one line that names the field and quotes the value.
 */
public final class CoreMetadata {
    private CoreMetadata() {}

    /** Core metadata specification: legal Metadata-Version values. */
    public static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6");

    /** The metadata version that introduced each field after 1.0 (core metadata "versionadded"). */
    private static final Map<String, String> ADDED = Map.ofEntries(
            Map.entry("supported-platform", "1.1"), Map.entry("download-url", "1.1"), Map.entry("classifier", "1.1"),
            Map.entry("requires", "1.1"), Map.entry("provides", "1.1"), Map.entry("obsoletes", "1.1"),
            Map.entry("maintainer", "1.2"), Map.entry("maintainer-email", "1.2"), Map.entry("requires-dist", "1.2"),
            Map.entry("requires-python", "1.2"), Map.entry("requires-external", "1.2"), Map.entry("project-url", "1.2"),
            Map.entry("provides-dist", "1.2"), Map.entry("obsoletes-dist", "1.2"),
            Map.entry("description-content-type", "2.1"), Map.entry("provides-extra", "2.1"),
            Map.entry("dynamic", "2.2"),
            Map.entry("license-expression", "2.4"), Map.entry("license-file", "2.4"),
            Map.entry("import-name", "2.5"), Map.entry("import-namespace", "2.5"));

    /** Every field name the specification defines (lower case). */
    public static final Set<String> FIELDS = Set.of("metadata-version", "name", "version", "dynamic", "platform",
            "supported-platform", "summary", "description", "description-content-type", "keywords", "home-page",
            "download-url", "author", "author-email", "maintainer", "maintainer-email", "license", "license-expression",
            "license-file", "classifier", "requires-dist", "requires-python", "requires-external", "project-url",
            "provides-extra", "provides-dist", "obsoletes-dist", "import-name", "import-namespace", "requires",
            "provides", "obsoletes");

    private static final Set<String> MULTIPLE = Set.of("dynamic", "platform", "supported-platform", "license-file",
            "classifier", "requires-dist", "requires-external", "project-url", "provides-extra", "provides-dist",
            "obsoletes-dist", "import-name", "import-namespace", "requires", "provides", "obsoletes");


    /**
     * The problems of one metadata file.
     *
     * @param fields         header name to values, as read (names compare case-insensitively)
     * @param expectName     the distribution name the file name carries, or null
     * @param expectVersion  the version the file name carries, or null
     */
    public static List<String> problems(Map<String, List<String>> fields, String expectName, String expectVersion) {
        Map<String, List<String>> f = new java.util.LinkedHashMap<>();
        fields.forEach((k, v) -> f.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        List<String> out = new ArrayList<>();

        String mv = single(f, "metadata-version", out);
        String name = single(f, "name", out);
        String version = single(f, "version", out);
        if (mv == null) {
            out.add("Metadata-Version is missing (a required field)");
        } else if (!VERSIONS.contains(mv)) {
            out.add("Metadata-Version '" + q(mv) + "' is not a metadata version (" + String.join(", ", VERSIONS) + ")");
        }
        if (name == null) {
            out.add("Name is missing (a required field)");
        } else if (!Names.isValid(name)) {
            out.add("Name '" + q(name) + "' is not a valid distribution name");
        } else if (expectName != null && !Names.canonicalize(name).equals(Names.canonicalize(expectName))) {
            out.add("Name '" + q(name) + "' is not the file name's '" + q(expectName) + "'");
        }
        if (version == null) {
            out.add("Version is missing (a required field)");
        } else {
            Version v = Version.parseOrNull(version);
            if (v == null) {
                out.add("Version '" + q(version) + "' is not a PEP 440 version");
            } else if (expectVersion != null) {
                Version want = Version.parseOrNull(expectVersion);
                if (want != null && !want.equals(v)) {
                    out.add("Version '" + q(version) + "' is not the file name's '" + q(expectVersion) + "'");
                }
            }
        }

        // fields the declared Metadata-Version does not have yet
        if (mv != null && VERSIONS.contains(mv)) {
            for (String field : f.keySet()) {
                String added = ADDED.get(field);
                // License-File is 2.4's (PEP 639), but setuptools and wheel wrote it under 2.1 for
                // years before, as PEP 639 records; such files are the norm on PyPI, not a defect
                if (added != null && VERSIONS.indexOf(added) > VERSIONS.indexOf(mv) && !field.equals("license-file")) {
                    out.add(display(field) + " needs Metadata-Version " + added + " or later (the file declares " + mv + ")");
                }
            }
        }
        for (Map.Entry<String, List<String>> e : f.entrySet()) {
            if (e.getValue().size() > 1 && !MULTIPLE.contains(e.getKey()) && FIELDS.contains(e.getKey())
                    && !Set.of("metadata-version", "name", "version").contains(e.getKey())) {
                out.add(display(e.getKey()) + " appears " + e.getValue().size() + " times (a single-use field)");
            }
        }

        for (String s : f.getOrDefault("summary", List.of())) {
            if (s.contains("\n")) {
                out.add("Summary spans several lines (it must be one line)");
            }
        }
        for (String dct : f.getOrDefault("description-content-type", List.of())) {
            String p = descriptionContentType(dct);
            if (p != null) {
                out.add(p);
            }
        }
        for (String d : f.getOrDefault("dynamic", List.of())) {
            String low = d.toLowerCase(Locale.ROOT);
            if (Set.of("name", "version", "metadata-version").contains(low)) {
                out.add("Dynamic '" + q(d) + "' is not allowed (Name, Version and Metadata-Version are never dynamic)");
            } else if (!FIELDS.contains(low)) {
                out.add("Dynamic '" + q(d) + "' is not a core metadata field");
            }
        }
        for (String x : f.getOrDefault("provides-extra", List.of())) {
            if (!Names.isValid(x)) {
                out.add("Provides-Extra '" + q(x) + "' is not a valid extra name");
            } else if (mv != null && VERSIONS.indexOf(mv) >= VERSIONS.indexOf("2.3") && !normalisedExtra(x)) {
                out.add("Provides-Extra '" + q(x) + "' is not normalised (Metadata-Version 2.3+ requires '" + q(Names.canonicalize(x)) + "')");
            }
        }
        for (String r : f.getOrDefault("requires-dist", List.of())) {
            try {
                Requirement.parse(r);
            } catch (RuntimeException e) {
                out.add("Requires-Dist '" + q(r) + "' does not parse: " + q(firstLine(e.getMessage())));
            }
        }
        for (String rp : f.getOrDefault("requires-python", List.of())) {
            try {
                SpecifierSet.parse(rp);
            } catch (RuntimeException e) {
                out.add("Requires-Python '" + q(rp) + "' is not a version specifier: " + q(firstLine(e.getMessage())));
            }
        }
        for (String lf : f.getOrDefault("license-file", List.of())) {
            String p = licenseFilePath(lf);
            if (p != null) {
                out.add("License-File '" + q(lf) + "' " + p);
            }
        }
        // core metadata "License": as of 2.4 License and License-Expression are mutually exclusive
        if (f.containsKey("license") && f.containsKey("license-expression")) {
            out.add("License and License-Expression are both present (mutually exclusive from Metadata-Version 2.4 on: "
                    + "tools disregard License and PyPI rejects the upload)");
        }
        importNames(f, out);
        return out;
    }

    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
            "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
            "yield");
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]*");

    /**
     * Core metadata 2.5 Import-Name and Import-Namespace: dotted Python identifiers (no keyword),
     * optionally followed by "; private"; Import-Name may be empty, Import-Namespace may not; a
     * name in both is ambiguous.
     */
    private static void importNames(Map<String, List<String>> f, List<String> out) {
        Set<String> names = new java.util.HashSet<>();
        for (String field : List.of("import-name", "import-namespace")) {
            for (String raw : f.getOrDefault(field, List.of())) {
                int semi = raw.indexOf(';');
                String name = (semi < 0 ? raw : raw.substring(0, semi)).strip();
                if (semi >= 0 && !raw.substring(semi + 1).strip().equals("private")) {
                    out.add(display(field) + " '" + q(raw) + "' has an option other than 'private'");
                }
                if (name.isEmpty()) {
                    if (field.equals("import-namespace")) {
                        out.add("Import-Namespace is empty (only Import-Name may be)");
                    }
                    continue;
                }
                for (String part : name.split("\\.", -1)) {
                    if (!IDENTIFIER.matcher(part).matches() || KEYWORDS.contains(part)) {
                        out.add(display(field) + " '" + q(name) + "': '" + q(part) + "' is not a Python identifier");
                        break;
                    }
                }
                if (field.equals("import-name")) {
                    names.add(name);
                } else if (names.contains(name)) {
                    out.add("'" + q(name) + "' is in both Import-Name and Import-Namespace (ambiguous)");
                }
            }
        }
    }

    /** Why a License-File path is not one (PEP 639: relative, resolved, '/'-separated, no '..'); null when it is fine. */
    public static String licenseFilePath(String path) {
        if (path.contains("..")) {
            return "has a parent-folder part ('..')";
        }
        if (path.contains("*")) {
            return "is a glob; License-File takes resolved paths";
        }
        if (path.startsWith("/") || path.matches("(?s)[A-Za-z]:.*") || path.startsWith("\\\\")) {
            return "is absolute; paths are relative to the licenses folder";
        }
        if (path.contains("\\")) {
            return "uses '\\' (paths use '/')";
        }
        return null;
    }

    /**
     * Core metadata: {@code type/subtype} one of text/plain, text/x-rst, text/markdown; charset
     * UTF-8 only (compared ignoring case, as packaging and PyPI compare it); for markdown a variant
     * GFM or CommonMark (the specification would assume GFM for another, but packaging's
     * validation, which PyPI runs on uploads, refuses it). Null when the value is fine.
     */
    static String descriptionContentType(String value) {
        String[] parts = value.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!Set.of("text/plain", "text/x-rst", "text/markdown").contains(type)) {
            return "Description-Content-Type '" + q(value) + "' is not text/plain, text/x-rst or text/markdown";
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (p.isEmpty()) {
                continue;
            }
            if (eq <= 0) {
                return "Description-Content-Type '" + q(value) + "' has a parameter without a value ('" + q(p) + "')";
            }
            String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String val = p.substring(eq + 1).strip();
            if (val.length() >= 2 && val.startsWith("\"") && val.endsWith("\"")) {
                val = val.substring(1, val.length() - 1);
            }
            if (key.equals("charset") && !val.equalsIgnoreCase("UTF-8")) {
                return "Description-Content-Type '" + q(value) + "' names charset '" + q(val) + "' (only UTF-8 is allowed)";
            }
            if (key.equals("variant") && type.equals("text/markdown") && !Set.of("GFM", "CommonMark").contains(val)) {
                return "Description-Content-Type '" + q(value) + "' names Markdown variant '" + q(val) + "' (GFM or CommonMark)";
            }
        }
        return null;
    }

    private static String single(Map<String, List<String>> f, String key, List<String> out) {
        List<String> v = f.get(key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            out.add(display(key) + " appears " + v.size() + " times (a single-use field)");
        }
        return v.get(0).isBlank() ? null : v.get(0).strip();
    }

    private static String display(String field) {
        StringBuilder sb = new StringBuilder();
        for (String part : field.split("-")) {
            if (sb.length() > 0) {
                sb.append('-');
            }
            sb.append(part.equals("url") ? "URL" : part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        String s = sb.toString();
        return s.equals("Home-Page") ? "Home-page" : s.equals("Author-Email") ? "Author-email" : s.equals("Maintainer-Email") ? "Maintainer-email" : s;
    }

    /**
     * Provides-Extra since 2.3 (PEP 685): an unambiguous, already normalised name, i.e.
     * {@code [a-z0-9]+(-[a-z0-9]+)*}, checked by a scan (that pattern's repeated group recurses
     * once per part in java.util.regex and overflows the stack on a long enough value).
     */
    static boolean normalisedExtra(String x) {
        if (x.isEmpty() || x.charAt(0) == '-' || x.charAt(x.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < x.length(); i++) {
            char c = x.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && x.charAt(i - 1) != '-');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A value as a problem quotes it: one line, long ones cut in the middle. */
    private static String q(String value) {
        return dev.wheelwright.InputExcerpt.of(value);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
