package dev.wheelwright.facts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable snapshot of everything the collectors found, read by the rules.
 *
 * <p>Each collector contributes its own immutable model (a record of its package: the wheels
 * that were read, the project's files, the build logs, the dependency matrix, the audit policy
 * given on the command line). Facts keeps them by type, so adding a collector never edits this
 * class and a rule can ask for exactly the part it reads.
 */
public final class Facts {
    private final Map<Class<?>, Object> parts;

    private Facts(Map<Class<?>, Object> parts) {
        this.parts = Map.copyOf(parts);
    }

    public static Facts empty() {
        return new Facts(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The part of the given type, if a collector provided one. */
    public <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(type.cast(parts.get(type)));
    }

    public boolean has(Class<?> type) {
        return parts.containsKey(type);
    }

    /** A copy of these facts with one more (or a replaced) part. */
    public <T> Facts with(Class<T> type, T part) {
        Map<Class<?>, Object> copy = new LinkedHashMap<>(parts);
        copy.put(type, Objects.requireNonNull(part));
        return new Facts(copy);
    }

    public static final class Builder {
        private final Map<Class<?>, Object> parts = new LinkedHashMap<>();

        public <T> Builder put(Class<T> type, T part) {
            parts.put(type, Objects.requireNonNull(part, "part"));
            return this;
        }

        public Facts build() {
            return new Facts(parts);
        }
    }
}
