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
        return new Result(rules, traceToLogs(outcome, RuleEngine.run(rules, built)),
                built.get(dev.wheelwright.wheel.WheelSet.class).orElse(null));
    }

    /**
     * Ties a binary's finding to the build that made it: the log line that linked the member
     * becomes evidence ("built at LOG:LINE"), and when that target's wheels then failed their
     * import test, the test's failure is evidence of the same cause rather than a second,
     * unexplained failure (unrecognised-build-failure) of its own.
     */
    static List<Finding> traceToLogs(BuildOutcome outcome, List<Finding> findings) {
        List<Finding> out = new java.util.ArrayList<>(findings);
        for (TargetResult r : outcome.results()) {
            Set<String> wheels = new java.util.HashSet<>();
            r.wheels().forEach(w -> wheels.add(w.getFileName().toString()));
            List<String> lines = null;
            List<Integer> binaryErrors = new java.util.ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                Finding f = out.get(i);
                if (!(f.location() instanceof dev.wheelwright.rules.Location.WheelMember m) || m.member() == null
                        || !wheels.contains(java.nio.file.Path.of(m.wheel()).getFileName().toString())
                        || !f.rule().matches("WW-[EMX]\\d+")) {
                    continue;
                }
                if (lines == null) {
                    lines = readLines(r.log());
                }
                String base = m.member().substring(m.member().lastIndexOf('/') + 1);
                for (int n = lines.size() - 1; n >= 0; n--) {
                    String l = lines.get(n);
                    if (l.contains(" -o ") && l.contains("/" + base)) {
                        List<String> ev = new java.util.ArrayList<>(f.evidence());
                        ev.add("built at " + r.log() + ":" + (n + 1) + ": " + clip(unstamped(l)));
                        out.set(i, withEvidence(f, ev));
                        break;
                    }
                }
                if (f.severity() == dev.wheelwright.rules.Severity.ERROR) {
                    binaryErrors.add(i);
                }
            }
            if (r.testFailed() && !binaryErrors.isEmpty()) {
                int first = binaryErrors.get(0);
                for (java.util.Iterator<Finding> it = out.iterator(); it.hasNext(); ) {
                    Finding f = it.next();
                    if (f.name().equals("unrecognised-build-failure") && f.location() instanceof dev.wheelwright.rules.Location.FileLine fl
                            && fl.file().equals(r.log().toString())) {
                        Finding cause = out.get(first);
                        List<String> ev = new java.util.ArrayList<>(cause.evidence());
                        ev.add("because of it, the wheel failed its test " + r.test().how() + " (" + fl.file() + ":" + fl.line() + ")");
                        f.evidence().stream().limit(3).forEach(e -> ev.add("  " + e));
                        int at = out.indexOf(f);
                        it.remove();
                        if (at < first) {
                            first--;
                        }
                        out.set(first, withEvidence(cause, ev));
                    }
                }
            }
        }
        return out;
    }

    private static Finding withEvidence(Finding f, List<String> ev) {
        return new Finding(f.rule(), f.name(), f.severity(), f.title(), f.message(), f.location(), ev, f.fix(), f.suppression(),
                f.packageName());
    }

    private static List<String> readLines(java.nio.file.Path log) {
        try {
            return Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /** A build log line without the runner's timestamp. */
    private static String unstamped(String line) {
        return line.replaceFirst("^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z ", "");
    }

    private static String clip(String s) {
        return s.length() <= 240 ? s : s.substring(0, 237) + "...";
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
