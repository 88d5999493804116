package dev.wheelwright.rules;

import java.util.Locale;

/** What a rule reads (rule.yaml {@code reads:}); a command runs the rules whose input it has. */
public enum Reads {
    LOG, PROJECT, WHEEL, BINARY, DEPS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reads parse(String text) {
        for (Reads r : values()) {
            if (r.id().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reads '" + text + "' (expected log, project, wheel, binary or deps)");
    }
}
