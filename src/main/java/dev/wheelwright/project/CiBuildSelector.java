package dev.wheelwright.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        String id = identifier.toLowerCase(Locale.ROOT);
        for (String p : patterns.strip().split("\\s+")) {
            if (!p.isEmpty() && Glob.of(p).matches(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One selector pattern: Python's fnmatch ({@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}),
     * case-insensitive like cibuildwheel's identifiers, with brace alternatives as cibuildwheel
     * allows ({@code cp3{9,10}-*}). Matched as an automaton, one pass over the identifier with a
     * set of pattern positions: no expansion of the alternatives (40 groups would be 2^40 patterns)
     * and no regex backtracking (40 stars backtrack exponentially), whatever the pattern (issue #22).
     */
    static final class Glob {
        private static final int LITERAL = 0;
        private static final int ANY = 1;
        private static final int SET = 2;
        private static final int STAR = 3;
        private static final int SPLIT = 4;
        private static final int ACCEPT = 5;

        private final List<int[]> nodes = new ArrayList<>(); // {kind, char or set index, next, split index}
        private final List<char[]> sets = new ArrayList<>();  // per set: negated flag (0/1), then lo,hi pairs
        private final List<int[]> splits = new ArrayList<>();
        private final int start;

        private Glob(String pattern) {
            nodes.add(new int[] {ACCEPT, 0, -1, -1});
            start = build(tokens(pattern.toLowerCase(Locale.ROOT), true), 0);
        }

        static Glob of(String pattern) {
            return new Glob(pattern);
        }

        /** A token: {kind, value} for LITERAL/ANY/SET/STAR; a brace group is a List of alternatives. */
        private List<Object> tokens(String p, boolean outer) {
            List<Object> out = new ArrayList<>();
            int n = p.length();
            for (int i = 0; i < n; i++) {
                char c = p.charAt(i);
                if (c == '{' && outer) {
                    int close = p.indexOf('}', i + 1);
                    if (close > 0) {
                        List<List<Object>> alts = new ArrayList<>();
                        for (String alt : p.substring(i + 1, close).split(",", -1)) {
                            alts.add(tokens(alt, false));
                        }
                        out.add(alts);
                        i = close;
                        continue;
                    }
                }
                if (c == '*') {
                    if (out.isEmpty() || !(out.get(out.size() - 1) instanceof int[] last && last[0] == STAR)) {
                        out.add(new int[] {STAR, 0});
                    }
                } else if (c == '?') {
                    out.add(new int[] {ANY, 0});
                } else if (c == '[') {
                    // fnmatch.translate: a "]" right after "[" or "[!" belongs to the set; no closing "]" means a literal "["
                    int j = i + 1;
                    if (j < n && p.charAt(j) == '!') {
                        j++;
                    }
                    if (j < n && p.charAt(j) == ']') {
                        j++;
                    }
                    while (j < n && p.charAt(j) != ']') {
                        j++;
                    }
                    if (j >= n) {
                        out.add(new int[] {LITERAL, '['});
                    } else {
                        out.add(new int[] {SET, set(p.substring(i + 1, j))});
                        i = j;
                    }
                } else {
                    out.add(new int[] {LITERAL, c});
                }
            }
            return out;
        }

        private int set(String body) {
            boolean negated = body.startsWith("!");
            String s = negated ? body.substring(1) : body;
            StringBuilder pairs = new StringBuilder().append(negated ? '\u0001' : '\u0000');
            for (int k = 0; k < s.length(); k++) {
                if (k + 2 < s.length() && s.charAt(k + 1) == '-') {
                    pairs.append(s.charAt(k)).append(s.charAt(k + 2)); // a range the wrong way round matches nothing, as in fnmatch
                    k += 2;
                } else {
                    pairs.append(s.charAt(k)).append(s.charAt(k));
                }
            }
            sets.add(pairs.toString().toCharArray());
            return sets.size() - 1;
        }

        /** Builds the nodes of {@code tokens} back to front, the last one leading to {@code then}; returns the first. */
        @SuppressWarnings("unchecked")
        private int build(List<Object> tokens, int then) {
            int next = then;
            for (int t = tokens.size() - 1; t >= 0; t--) {
                Object tok = tokens.get(t);
                if (tok instanceof int[] a) {
                    nodes.add(new int[] {a[0], a[1], next, -1});
                } else {
                    List<List<Object>> alts = (List<List<Object>>) tok;
                    int[] starts = new int[alts.size()];
                    for (int k = 0; k < starts.length; k++) {
                        starts[k] = build(alts.get(k), next);
                    }
                    splits.add(starts);
                    nodes.add(new int[] {SPLIT, 0, next, splits.size() - 1});
                }
                next = nodes.size() - 1;
            }
            return next;
        }

        boolean matches(String s) {
            boolean[] current = new boolean[nodes.size()];
            int[] stack = new int[nodes.size()];
            close(start, current, stack);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean[] next = new boolean[nodes.size()];
                boolean any = false;
                for (int q = 0; q < current.length; q++) {
                    if (!current[q]) {
                        continue;
                    }
                    int[] node = nodes.get(q);
                    boolean takes = switch (node[0]) {
                        case LITERAL -> node[1] == c;
                        case ANY -> true;
                        case SET -> inSet(sets.get(node[1]), c);
                        default -> false;
                    };
                    if (node[0] == STAR) {
                        any |= close(q, next, stack);
                    } else if (takes) {
                        any |= close(node[2], next, stack);
                    }
                }
                if (!any) {
                    return false;
                }
                current = next;
            }
            return current[0];
        }

        /** Adds {@code from} and what it reaches without taking a character; true when anything was added. */
        private boolean close(int from, boolean[] states, int[] stack) {
            if (states[from]) {
                return true;
            }
            int top = 0;
            states[from] = true;
            stack[top++] = from;
            while (top > 0) {
                int[] node = nodes.get(stack[--top]);
                if (node[0] == STAR) {
                    top = push(node[2], states, stack, top);
                } else if (node[0] == SPLIT) {
                    for (int alt : splits.get(node[3])) {
                        top = push(alt, states, stack, top);
                    }
                }
            }
            return true;
        }

        private static int push(int q, boolean[] states, int[] stack, int top) {
            if (!states[q]) {
                states[q] = true;
                stack[top++] = q;
            }
            return top;
        }

        private static boolean inSet(char[] set, char c) {
            boolean in = false;
            for (int k = 1; k + 1 < set.length; k += 2) {
                if (set[k] <= c && c <= set[k + 1]) {
                    in = true;
                    break;
                }
            }
            return in != (set[0] == 1);
        }
    }
}
