package dev.wheelwright.rules;

import dev.wheelwright.facts.Facts;
import java.util.List;
import java.util.Map;

/**
 * Code for a rule whose condition cannot be written in the condition language (a RECORD hash
 * walk, a Mach-O slice comparison). A rule names its check in rule.yaml ({@code check:
 * RecordHashCheck} resolves to {@code dev.wheelwright.rules.checks.RecordHashCheck}); the
 * rule's id, severity, title, message and fix still come from the data. A check reports hits;
 * the engine turns each hit into a finding by filling the rule's templates with the hit's values.
 *
 * <p>Implementations have a public no-argument constructor, keep no state between runs and
 * never print.
 */
public interface Check {

    void run(Facts facts, Hits hits);

    /** Where a check reports what it found. */
    interface Hits {
        /**
         * One occurrence of the problem.
         *
         * @param location where it is
         * @param values   values for the rule's {@code {placeholders}} (message, fix)
         * @param evidence a few lines that show it (may be empty)
         */
        void add(Location location, Map<String, ?> values, List<String> evidence);
    }
}
