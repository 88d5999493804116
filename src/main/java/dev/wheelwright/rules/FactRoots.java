package dev.wheelwright.rules;

import dev.wheelwright.rules.expr.ExprType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names under which facts parts appear in {@code when:} conditions, and the record class
 * each name stands for. Conditions are type-checked against these records' components at load
 * time (a misspelt field is a rule load error). A part whose class is not in this build is
 * typed {@code any} and checked when evaluated. When the part is absent from a run's Facts, the
 * name is null (and the condition, null being absorbing, is false).
 *
 * <p>Classes are looked up by name here, once, so that this package need not depend on the
 * collectors' packages and nothing scans the classpath. A collector that wants its facts in
 * conditions adds one line. Documented for rule authors in {@code rules/README.md}.
 */
public final class FactRoots {
    private FactRoots() {}

    private static final Map<String, String> ROOTS = new LinkedHashMap<>();

    static {
        ROOTS.put("buildLogs", "dev.wheelwright.facts.BuildLogs");
        ROOTS.put("project", "dev.wheelwright.project.ProjectFacts");
        ROOTS.put("wheelSet", "dev.wheelwright.wheel.WheelSet");
        ROOTS.put("auditPolicy", "dev.wheelwright.wheel.AuditPolicy");
        ROOTS.put("deps", "dev.wheelwright.index.DependencyReport");
    }

    private static volatile Map<String, Class<?>> resolved;

    /** Root name → class, for the classes present in this build. */
    public static Map<String, Class<?>> classes() {
        Map<String, Class<?>> r = resolved;
        if (r == null) {
            Map<String, Class<?>> m = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : ROOTS.entrySet()) {
                try {
                    m.put(e.getKey(), Class.forName(e.getValue(), false, FactRoots.class.getClassLoader()));
                } catch (ClassNotFoundException ex) {
                    m.put(e.getKey(), null);
                }
            }
            resolved = r = m;
        }
        return r;
    }

    /** The static types of the roots, for the condition type checker. */
    public static Map<String, ExprType> types() {
        Map<String, ExprType> m = new LinkedHashMap<>();
        classes().forEach((name, c) -> m.put(name, c == null ? ExprType.ANY : ExprType.of(c)));
        return m;
    }
}
