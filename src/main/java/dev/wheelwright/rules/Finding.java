package dev.wheelwright.rules;

import java.util.List;
import java.util.Objects;

/**
 * One problem found by one rule, with everything a report needs. Immutable.
 *
 * @param rule        the rule's id, e.g. {@code WW-B001}
 * @param name        the rule's stable name, e.g. {@code setup-requires-egg-conflict}
 * @param severity    the rule's severity
 * @param title       the rule's title
 * @param message     the rule's message with placeholders filled
 * @param location    where (never null)
 * @param evidence    the lines that show it
 * @param fix         what to do; null when the rule gives no fix
 * @param suppression why the finding is suppressed, or null when it is not
 * @param packageName the distribution the finding is about when the input says it (e.g. the
 *                    package a build log was building at the finding's line), else null
 */
public record Finding(String rule, String name, Severity severity, String title, String message,
                      Location location, List<String> evidence, FindingFix fix, Suppression suppression,
                      String packageName) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        evidence = List.copyOf(evidence);
        if (packageName != null && packageName.isEmpty()) {
            packageName = null;
        }
    }

    /** A finding that names no package. */
    public Finding(String rule, String name, Severity severity, String title, String message,
                   Location location, List<String> evidence, FindingFix fix, Suppression suppression) {
        this(rule, name, severity, title, message, location, evidence, fix, suppression, null);
    }

    public boolean suppressed() {
        return suppression != null;
    }

    public Finding suppressedBy(Suppression s) {
        return new Finding(rule, name, severity, title, message, location, evidence, fix, s, packageName);
    }

    /** The same finding pointing elsewhere (e.g. a project file named as the user named the project). */
    public Finding at(Location l) {
        return new Finding(rule, name, severity, title, message, l, evidence, fix, suppression, packageName);
    }

    /** The fix of a finding: a sentence, and the id of a machine-applicable fix when there is one. */
    public record FindingFix(String summary, String action) {}

    /** A suppression that matched: where it was declared and the reason the user gave. */
    public record Suppression(String source, String reason) {}
}
