package dev.wheelwright.project;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * cibuildwheel's build and skip selectors of one CI run: space-separated fnmatch patterns with
 * brace expansion, matched against build identifiers such as {@code cp312-musllinux_x86_64}
 * ({@code CIBW_BUILD}, else {@code [tool.cibuildwheel].build}; {@code CIBW_SKIP}, else
 * {@code skip}). {@code build} is null when nothing narrows the default (every identifier).
 *
 * @param from where the build selector came from, for reports; null without one
 */
public record CiBuildSelector(String build, String skip, String from) {
    /** CPython versions cibuildwheel builds (3.8 to 3.14); a build selector picks among these. */
    public static final List<String> CPYTHONS = List.of("3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14");

    /** The selectors a CI run applies: its environment first, then the project's pyproject.toml. */
    public static CiBuildSelector of(CiRun run, PyProject py) {
        String build = run.envVar("CIBW_BUILD").map(Located::value).orElse(null);
        String from = build != null ? "CIBW_BUILD in " + run.file() : null;
        if (build == null && py != null) {
            build = py.cibuildwheelOption("build").map(CiBuildSelector::words).orElse(null);
            from = build != null ? "[tool.cibuildwheel].build in " + py.file() : null;
        }
        String skip = run.envVar("CIBW_SKIP").map(Located::value).orElse(null);
        if (skip == null && py != null) {
            skip = py.cibuildwheelOption("skip").map(CiBuildSelector::words).orElse(null);
        }
        if (build != null && build.isBlank()) {
            build = null; // an empty CIBW_BUILD means the default: everything
        }
        return new CiBuildSelector(build, skip, from);
    }

    /** Whether a build identifier is built: the build selector (when there is one) takes it and skip does not remove it. */
    public boolean selects(String identifier) {
        return (build == null || matchesAny(build, identifier)) && !skips(identifier);
    }

    /** Whether the skip selector removes a build identifier, as it does with or without a build selector. */
    public boolean skips(String identifier) {
        return skip != null && !skip.isBlank() && matchesAny(skip, identifier);
    }

    /** Whether any CPython build for a platform identifier ({@code musllinux_x86_64}) is selected. */
    public boolean buildsAnyCpython(String platformIdentifier) {
        return CPYTHONS.stream().anyMatch(v -> selects("cp" + v.replace(".", "") + "-" + platformIdentifier));
    }

    private static String words(Object v) {
        return v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
    }

    /** Whether any of the space-separated patterns matches the identifier. */
    public static boolean matchesAny(String patterns, String identifier) {
        for (String p : patterns.strip().split("\\s+")) {
            for (String q : braces(p)) {
                if (glob(q).matcher(identifier).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Brace expansion as cibuildwheel's selectors allow: {@code cp3{9,10}-*}. */
    static List<String> braces(String p) {
        int open = p.indexOf('{');
        int close = open < 0 ? -1 : p.indexOf('}', open);
        if (open < 0 || close < 0) {
            return List.of(p);
        }
        List<String> out = new ArrayList<>();
        for (String alt : p.substring(open + 1, close).split(",", -1)) {
            out.addAll(braces(p.substring(0, open) + alt + p.substring(close + 1)));
        }
        return out;
    }

    /** Python's fnmatch: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}; case-insensitive like cibuildwheel's identifiers. */
    static Pattern glob(String p) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = p.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String set = p.substring(i + 1, end);
                        String body = (set.startsWith("!") ? set.substring(1) : set).replace("\\", "\\\\").replace("[", "\\[");
                        re.append('[').append(set.startsWith("!") ? "^" : "").append(body).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
