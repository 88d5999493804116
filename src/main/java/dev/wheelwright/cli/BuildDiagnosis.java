package dev.wheelwright.cli;

import dev.wheelwright.build.BuildOutcome;
import dev.wheelwright.build.TargetResult;
import dev.wheelwright.facts.BuildLogs;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The diagnosis after a build: its logs, wheels and project go through the same rules as
 * {@code doctor}. Each input kind is one collector in {@link #collectors}: adding the wheels or
 * the project files is one line there.
 */
final class BuildDiagnosis {

    /** Turns part of a build's outcome into facts; returns the rule kinds it fed. */
    @FunctionalInterface
    interface Collector {
        Set<Reads> collect(BuildOutcome outcome, Facts.Builder facts) throws IOException;
    }

    /** The rules that ran, what they found, and the wheels read (null when the builds produced none). */
    record Result(List<RuleDefinition> rules, List<Finding> findings, dev.wheelwright.wheel.WheelSet wheels) {
        Result(List<RuleDefinition> rules, List<Finding> findings) {
            this(rules, findings, null);
        }
    }

    private BuildDiagnosis() {}

    static List<Collector> collectors() {
        return List.of(BuildDiagnosis::project, BuildDiagnosis::logs, BuildDiagnosis::wheels);
    }

    static Result diagnose(BuildOutcome outcome, RuleCatalog catalog) throws IOException {
        return diagnose(outcome, catalog, dev.wheelwright.wheel.AuditPolicy.none());
    }

    /** The diagnosis, the wheels judged by {@code policy} (the project's pyproject.toml policy). */
    static Result diagnose(BuildOutcome outcome, RuleCatalog catalog, dev.wheelwright.wheel.AuditPolicy policy) throws IOException {
        Facts.Builder facts = Facts.builder();
        Set<Reads> kinds = new LinkedHashSet<>();
        for (Collector c : collectors()) {
            kinds.addAll(c.collect(outcome, facts));
        }
        if (kinds.contains(Reads.WHEEL)) {
            facts.put(dev.wheelwright.wheel.AuditPolicy.class, policy);
        }
        List<RuleDefinition> rules = catalog.reading(kinds);
        Facts built = facts.build();
        return new Result(rules, RuleEngine.run(rules, built), built.get(dev.wheelwright.wheel.WheelSet.class).orElse(null));
    }

    /** The project's files, read statically as doctor reads them. */
    static Set<Reads> project(BuildOutcome outcome, Facts.Builder facts) {
        facts.put(dev.wheelwright.project.ProjectFacts.class, new dev.wheelwright.project.ProjectReader().read(outcome.project()));
        return Set.of(Reads.PROJECT);
    }

    /** Every wheel the builds produced, audited as 'audit' does. */
    static Set<Reads> wheels(BuildOutcome outcome, Facts.Builder facts) {
        List<java.nio.file.Path> wheels = outcome.wheels().stream().filter(Files::isRegularFile).toList();
        if (wheels.isEmpty()) {
            return Set.of();
        }
        facts.put(dev.wheelwright.wheel.WheelSet.class, new dev.wheelwright.wheel.WheelSet(AuditCommand.readAll(wheels)));
        facts.put(dev.wheelwright.wheel.AuditPolicy.class, dev.wheelwright.wheel.AuditPolicy.none());
        return Set.of(Reads.WHEEL, Reads.BINARY);
    }

    /** Every build's log, named as the report shows it (e.g. wheelhouse/logs/arm64.log). */
    static Set<Reads> logs(BuildOutcome outcome, Facts.Builder facts) {
        List<BuildLogs.LogSource> sources = outcome.results().stream()
                .map(TargetResult::log)
                .filter(Files::isRegularFile)
                .<BuildLogs.LogSource>map(p -> new BuildLogs.FileLog(p.toString(), p))
                .toList();
        if (sources.isEmpty()) {
            return Set.of();
        }
        facts.put(BuildLogs.class, new BuildLogs(sources));
        return Set.of(Reads.LOG);
    }
}
