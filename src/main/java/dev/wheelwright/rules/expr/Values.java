package dev.wheelwright.rules.expr;

/** The value model of the condition language, shared with placeholder filling. */
public final class Values {
    private Values() {}

    /** A field of a record, a map entry or a bean-like accessor; null for a null target. */
    public static Object field(Object target, String name) {
        return Condition.field(target, name);
    }

    /** Numbers as doubles, enums as their id, Optional unwrapped, paths as '/'-separated strings. */
    public static Object normalize(Object value) {
        return Condition.normalize(value);
    }
}
