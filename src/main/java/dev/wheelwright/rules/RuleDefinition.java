package dev.wheelwright.rules;

import dev.wheelwright.rules.expr.Condition;
import java.util.List;
import java.util.Optional;

/**
 * One rule as loaded from its folder, validated and compiled. Immutable.
 *
 * @param id         stable code, e.g. {@code WW-B001}
 * @param name       stable public name, e.g. {@code setup-requires-egg-conflict}
 * @param severity   how bad a finding of this rule is
 * @param title      one line
 * @param reads      which facts it needs
 * @param patterns   log patterns (log rules); any matching line is a candidate
 * @param when       the condition that must hold too ({@link Condition#TRUE} when absent)
 * @param check      simple name of a Java check in {@code dev.wheelwright.rules.checks}, or null
 * @param message    the finding's message, with {@code {placeholders}}
 * @param explain    the long explanation (Markdown)
 * @param fix        the fix, or null
 * @param references links
 * @param source     where the rule was loaded from (for its README and cases)
 * @param fallback   log rules: reported only when no other log rule (one without {@code fallback})
 *                   gave a finding for the same log ({@code unrecognised-build-failure})
 * @param subsumes   log rules: names of rules whose findings in the same log are folded into
 *                   this rule's finding as evidence (a root cause and its consequences, or the
 *                   reason a failing step ran at all)
 * @param infoWhen   checks: the name of a value the check fills; a finding whose value is a
 *                   non-empty string (or true) is reported at info instead of {@code severity}
 *                   (a split wheel whose Requires-Dist names the provider), else null
 */
public record RuleDefinition(String id, String name, Severity severity, String title, Reads reads,
                             List<LogPattern> patterns, Condition when, String check, String message,
                             String explain, RuleFix fix, List<String> references, RuleSource source,
                             boolean fallback, List<String> subsumes, String infoWhen) {

    public RuleDefinition {
        patterns = List.copyOf(patterns);
        references = List.copyOf(references);
        subsumes = List.copyOf(subsumes);
    }

    /** A rule that is neither a fallback nor subsumes another. */
    public RuleDefinition(String id, String name, Severity severity, String title, Reads reads,
                          List<LogPattern> patterns, Condition when, String check, String message,
                          String explain, RuleFix fix, List<String> references, RuleSource source) {
        this(id, name, severity, title, reads, patterns, when, check, message, explain, fix, references, source, false, List.of(), null);
    }

    /** The family letter(s) of the id: {@code B} for {@code WW-B001}. */
    public String family() {
        String rest = id.startsWith("WW-") ? id.substring(3) : id;
        int i = 0;
        while (i < rest.length() && Character.isLetter(rest.charAt(i))) {
            i++;
        }
        return rest.substring(0, i);
    }

    /** The rule's README.md, when it has one. */
    public Optional<String> readme() {
        return source.read("README.md");
    }

    /** A rule's fix: a sentence with placeholders, and optionally a machine-applicable fix id. */
    public record RuleFix(String summary, String action) {}
}
