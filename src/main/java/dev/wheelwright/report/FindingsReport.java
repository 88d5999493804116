package dev.wheelwright.report;

import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a findings report shows: the findings (suppressed ones included, marked), the rules that
 * ran (SARIF lists them as the driver's rules, JUnit as passing cases), the tool's identity and,
 * for {@code build}, how each target's build ended ({@code builds}, null otherwise).
 */
public record FindingsReport(String toolName, String toolVersion, List<Finding> findings, List<RuleDefinition> rules,
                             BuildTargets builds, RunInfo run) {

    /** Version of the JSON findings document; bumped when a field changes meaning. */
    public static final int SCHEMA_VERSION = 1;

    public FindingsReport {
        findings = List.copyOf(findings);
        rules = List.copyOf(rules);
    }

    /** A report without what the run itself was (its {@link RunInfo}); renderers then leave out counts, times and invocations. */
    public FindingsReport(String toolName, String toolVersion, List<Finding> findings, List<RuleDefinition> rules,
                          BuildTargets builds) {
        this(toolName, toolVersion, findings, rules, builds, null);
    }

    /** A report of findings alone (audit, doctor): no build section. */
    public FindingsReport(String toolName, String toolVersion, List<Finding> findings, List<RuleDefinition> rules) {
        this(toolName, toolVersion, findings, rules, null, null);
    }

    /** The same report with the targets of a build. */
    public FindingsReport withBuilds(BuildTargets b) {
        return new FindingsReport(toolName, toolVersion, findings, rules, b, run);
    }

    /** The same report with what the run was (command, subject, times, counts, policies). */
    public FindingsReport withRun(RunInfo r) {
        return new FindingsReport(toolName, toolVersion, findings, rules, builds, r);
    }

    /** Counts of findings that are not suppressed, per severity. */
    public Map<Severity, Integer> counts() {
        Map<Severity, Integer> m = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            m.put(s, 0);
        }
        for (Finding f : findings) {
            if (!f.suppressed()) {
                m.merge(f.severity(), 1, Integer::sum);
            }
        }
        return m;
    }

    public int suppressedCount() {
        return (int) findings.stream().filter(Finding::suppressed).count();
    }

    /** The rule of a finding, when it is among the rules that ran. */
    public RuleDefinition rule(Finding f) {
        for (RuleDefinition r : rules) {
            if (r.id().equals(f.rule())) {
                return r;
            }
        }
        return null;
    }
}
