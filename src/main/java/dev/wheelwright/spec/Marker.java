package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A PEP 508 environment marker ({@code python_version < "3.8" and sys_platform == "darwin"}),
 * parsed, printed and evaluated as pypa/packaging's {@code Marker} does: version-valued variables
 * compare as PEP 440 versions when both sides allow it, others as strings; {@code extra} values
 * are compared by their normalised name.
 */
public final class Marker {

    /** Variables whose values are compared as versions (packaging {@code MARKERS_REQUIRING_VERSION}). */
    static final Set<String> VERSION_VARIABLES = Set.of("implementation_version", "platform_release",
            "python_full_version", "python_version");
    private static final Set<String> SET_VARIABLES = Set.of("extras", "dependency_groups");

    /** packaging's MarkerList: items, nested lists, and the words "and"/"or" between them. */
    private final List<Object> markers;

    private Marker(List<Object> markers) {
        this.markers = markers;
    }

    /**
     * Parses a marker.
     *
     * @throws InvalidMarkerException with packaging's message, the input and the column
     */
    public static Marker parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return new Marker(normalizeExtras(Pep508Parser.parseMarker(text)));
        } catch (Pep508Parser.SyntaxError e) {
            throw new InvalidMarkerException("Invalid marker: " + e.oneLine(), e.detail());
        }
    }

    static Marker fromParsed(List<Object> markers) {
        return new Marker(normalizeExtras(markers));
    }

    /** packaging {@code _normalize_extra_values}: the value compared with {@code extra} is normalised (PEP 685). */
    private static List<Object> normalizeExtras(List<Object> markers) {
        List<Object> out = new ArrayList<>(markers.size());
        for (Object m : markers) {
            if (m instanceof Pep508Parser.Item i) {
                if (i.lhsVariable() && i.lhs().equals("extra") && !i.rhsVariable()) {
                    m = new Pep508Parser.Item(true, i.lhs(), i.op(), false, Names.canonicalize(i.rhs()));
                } else if (i.rhsVariable() && i.rhs().equals("extra") && !i.lhsVariable()) {
                    m = new Pep508Parser.Item(false, Names.canonicalize(i.lhs()), i.op(), true, i.rhs());
                }
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Evaluates the marker in {@code environment} (PEP 508 "Environment Markers" variable names).
     * {@code extra} defaults to the empty string (core metadata context); every other variable the
     * marker uses must be present.
     *
     * @throws UndefinedEnvironmentNameException for a variable missing from the environment
     * @throws UndefinedComparisonException for a comparison without meaning
     */
    public boolean evaluate(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>();
        env.put("extra", "");
        env.putAll(environment);
        String extra = env.get("extra");
        env.put("extra", extra == null || extra.isEmpty() ? "" : Names.canonicalize(extra));
        String full = env.get("python_full_version");
        if (full != null && full.endsWith("+")) {
            // packaging: Python built from an untagged checkout reports "3.x.y+", not PEP 440.
            env.put("python_full_version", full + "local");
        }
        return evaluate(markers, env);
    }

    private boolean evaluate(List<Object> list, Map<String, String> env) {
        List<List<Boolean>> groups = new ArrayList<>();
        groups.add(new ArrayList<>());
        for (Object m : list) {
            if (m instanceof List<?> nested) {
                @SuppressWarnings("unchecked")
                List<Object> sub = (List<Object>) nested;
                groups.get(groups.size() - 1).add(evaluate(sub, env));
            } else if (m instanceof Pep508Parser.Item item) {
                groups.get(groups.size() - 1).add(evaluate(item, env));
            } else if ("or".equals(m)) {
                groups.add(new ArrayList<>());
            }
        }
        // "and" binds tighter than "or"; every comparison is evaluated, as packaging does.
        return groups.stream().anyMatch(g -> g.stream().allMatch(Boolean::booleanValue));
    }

    private static boolean evaluate(Pep508Parser.Item item, Map<String, String> env) {
        String key;
        String lhs;
        String rhs;
        if (item.lhsVariable()) {
            key = item.lhs();
            lhs = lookup(env, key);
            rhs = item.rhs(); // a variable on both sides compares with the other's name, as in packaging
        } else {
            lhs = item.lhs();
            key = item.rhs();
            rhs = lookup(env, key);
        }
        if (SET_VARIABLES.contains(key)) {
            lhs = Names.canonicalize(lhs);
            rhs = Names.canonicalize(rhs);
        }
        String op = item.op();
        if (VERSION_VARIABLES.contains(key)) {
            Specifier spec = null;
            try {
                spec = Specifier.parse(op + rhs);
            } catch (InvalidSpecifierException notAVersion) {
                // fall back to string comparison, as packaging does
            }
            if (spec != null) {
                return spec.contains(lhs, true);
            }
        }
        return switch (op) {
            case "in" -> rhs.contains(lhs);
            case "not in" -> !rhs.contains(lhs);
            case "<", ">" -> false;
            case "<=", "==", ">=" -> lhs.equals(rhs);
            case "!=" -> !lhs.equals(rhs);
            default -> throw new UndefinedComparisonException("Undefined <Op(" + Py.repr(op) + ")> on "
                    + Pep508Parser.excerpt(lhs) + " and " + Pep508Parser.excerpt(rhs) + ".");
        };
    }

    private static String lookup(Map<String, String> env, String key) {
        String v = env.get(key);
        if (v == null) {
            throw new UndefinedEnvironmentNameException(Pep508Parser.excerpt(key) + " does not exist in evaluation environment.");
        }
        return v;
    }

    /** packaging {@code _format_marker}. */
    @Override
    public String toString() {
        return format(markers, true);
    }

    private static String format(Object marker, boolean first) {
        if (marker instanceof List<?> list) {
            if (list.size() == 1 && (list.get(0) instanceof List<?> || list.get(0) instanceof Pep508Parser.Item)) {
                return format(list.get(0), true);
            }
            List<String> inner = new ArrayList<>();
            for (Object m : list) {
                inner.add(format(m, false));
            }
            String joined = String.join(" ", inner);
            return first ? joined : "(" + joined + ")";
        }
        if (marker instanceof Pep508Parser.Item item) {
            return item.serialize();
        }
        return (String) marker;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Marker m && toString().equals(m.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
