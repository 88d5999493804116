package dev.wheelwright.rules;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.facts.BuildLogs;
import dev.wheelwright.facts.BuildLogs.LogSource;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Finding.FindingFix;
import dev.wheelwright.rules.log.LogFacts;
import dev.wheelwright.rules.log.LogHit;
import dev.wheelwright.rules.log.LogScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;

/**
 * Runs rules over Facts and returns findings. The one place where diagnosis happens: every
 * command that judges (audit, doctor, build) calls {@link #run}.
 *
 * <ul>
 *   <li>Log rules: each log of {@link BuildLogs} is streamed once by a {@link LogScanner} for
 *       all log rules together; the hits of one rule in one log collapse into one finding at the
 *       strongest evidence (the first hit that is not one of pip's generic closing lines), with
 *       the first few hit lines as evidence. The rule's {@code when} is checked per hit, with the
 *       captures and {@code package}, {@code log}, {@code line} as variables.</li>
 *   <li>Check rules: the named class in {@code dev.wheelwright.rules.checks} is loaded by name
 *       and run when the rule's {@code when} holds; each hit is one finding.</li>
 *   <li>Condition-only rules: one finding when {@code when} holds over the facts.</li>
 * </ul>
 * The id, severity, title, message and fix always come from the rule data.
 */
public final class RuleEngine {
    /** How many evidence lines a collapsed log finding lists. */
    public static final int MAX_EVIDENCE = 5;
    private static final int MAX_EVIDENCE_CHARS = 500;
    private static final String CHECKS_PACKAGE = "dev.wheelwright.rules.checks.";

    private RuleEngine() {}

    /**
     * Runs the catalogue's rules whose {@code reads} is one of {@code readsKinds} (e.g.
     * {@code Set.of("log")}) over the facts.
     */
    public static List<Finding> run(RuleCatalog catalog, Facts facts, Set<String> readsKinds) {
        Set<Reads> kinds = new LinkedHashSet<>();
        for (String k : readsKinds) {
            try {
                kinds.add(Reads.parse(k.toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return run(catalog.reading(kinds), facts);
    }

    /** Runs exactly these rules (the case tests run one rule alone). */
    public static List<Finding> run(List<RuleDefinition> rules, Facts facts) {
        List<Finding> out = new ArrayList<>();
        List<RuleDefinition> logRules = new ArrayList<>();
        for (RuleDefinition r : rules) {
            if (r.check() != null) {
                out.addAll(runCheck(r, facts));
            } else if (r.reads() == Reads.LOG) {
                logRules.add(r);
            } else {
                out.addAll(runCondition(r, facts));
            }
        }
        if (!logRules.isEmpty()) {
            out.addAll(runLogs(logRules, facts));
        }
        return out;
    }

    // ---------------------------------------------------------------- logs

    /** How many hits a rule whose condition reads {@code logFacts} keeps until the log is read (its condition waits for the facts). */
    private static final int MAX_DEFERRED = 64;

    private static List<Finding> runLogs(List<RuleDefinition> logRules, Facts facts) {
        BuildLogs logs = facts.get(BuildLogs.class).orElse(null);
        if (logs == null) {
            return List.of();
        }
        LogScanner scanner = new LogScanner(logRules);
        boolean[] deferred = new boolean[logRules.size()];
        boolean[] hasWeak = new boolean[logRules.size()];
        for (int r = 0; r < deferred.length; r++) {
            deferred[r] = logRules.get(r).fallback() || logRules.get(r).when().source().contains("logFacts");
            hasWeak[r] = logRules.get(r).patterns().stream().anyMatch(LogPattern::weak);
        }
        List<Finding> out = new ArrayList<>();
        java.util.Optional<dev.wheelwright.facts.LogLineCounts> counts = facts.get(dev.wheelwright.facts.LogLineCounts.class);
        for (LogSource log : logs.logs()) {
            Map<Integer, List<LogHit>> byRule = new LinkedHashMap<>();
            // a rule with its first MAX_EVIDENCE hits, one of them strong, has its finding: later lines cannot change it
            AtomicIntegerArray settled = new AtomicIntegerArray(logRules.size());
            // a deferred rule (not a fallback) holding its first MAX_DEFERRED - 1 hits keeps only the newest one after them
            AtomicIntegerArray newestOnly = new AtomicIntegerArray(logRules.size());
            LogFacts logFacts;
            try {
                logFacts = scanner.scan(log, h -> {
                    RuleDefinition rule = logRules.get(h.rule());
                    // a hit of only weak patterns (a trace, not the message) counts as weak evidence, like pip's closing lines
                    LogHit hit = hasWeak[h.rule()] && !h.generic() && weakOnly(rule, h) ? new LogHit(h.rule(), h.line(), h.text(), h.captures(), h.pkg(), true) : h;
                    List<LogHit> hits;
                    if (deferred[hit.rule()]) {
                        // the condition is tested once the log's facts are known; a fallback keeps the last hits
                        hits = byRule.computeIfAbsent(hit.rule(), k -> new ArrayList<>());
                        if (hits.size() >= MAX_DEFERRED) {
                            hits.remove(rule.fallback() ? 0 : hits.size() - 1);
                        }
                        hits.add(hit);
                        if (!rule.fallback() && hits.size() >= MAX_DEFERRED - 1) {
                            newestOnly.set(hit.rule(), 1);
                        }
                        return;
                    }
                    if (!rule.when().test(variables(hit, log.name(), facts, LogFacts.NONE))) {
                        return;
                    }
                    hits = byRule.computeIfAbsent(hit.rule(), k -> new ArrayList<>());
                    // keep the first hits, and the first strong hit if it comes later
                    if (hits.size() < MAX_EVIDENCE || (!hit.generic() && hits.stream().allMatch(LogHit::generic))) {
                        hits.add(hit);
                        if (hits.size() >= MAX_EVIDENCE && !hits.stream().allMatch(LogHit::generic)) {
                            settled.set(hit.rule(), 1);
                        }
                    }
                }, rule -> settled.get(rule) != 0, rule -> newestOnly.get(rule) != 0, n -> counts.ifPresent(c -> c.put(log, n)));
            } catch (NoSuchFileException e) {
                throw new WheelwrightException(log.name() + ": no such file");
            } catch (IOException | UncheckedIOException e) {
                throw new WheelwrightException(log.name() + ": cannot read log: " + e.getMessage(), e);
            }
            List<Integer> order = new ArrayList<>(byRule.keySet());
            order.sort(Comparator.naturalOrder());
            Map<Integer, Finding> found = new LinkedHashMap<>();
            for (int r : order) {
                RuleDefinition rule = logRules.get(r);
                List<LogHit> hits = byRule.get(r);
                if (deferred[r]) {
                    LogFacts lf = logFacts;
                    hits.removeIf(h -> !rule.when().test(variables(h, log.name(), facts, lf)));
                    if (hits.isEmpty()) {
                        continue;
                    }
                }
                found.put(r, rule.fallback() ? fallbackFinding(rule, log.name(), hits, facts, logFacts)
                        : logFinding(rule, log.name(), hits, facts, logFacts));
            }
            out.addAll(relate(logRules, found));
        }
        return out;
    }

    /**
     * Root cause over symptoms, within one log: a finding of a rule that {@code subsumes} others
     * takes their findings into its evidence; a {@code fallback} finding stays only when every other
     * finding of the log is one it subsumes.
     */
    static List<Finding> relate(List<RuleDefinition> logRules, Map<Integer, Finding> found) {
        Map<String, Integer> byName = new HashMap<>();
        for (int r : found.keySet()) {
            byName.put(logRules.get(r).name(), r);
        }
        boolean explained = false;
        for (int r : found.keySet()) {
            RuleDefinition rule = logRules.get(r);
            if (!rule.fallback() && found.keySet().stream().noneMatch(o -> logRules.get(o).fallback()
                    && logRules.get(o).subsumes().contains(rule.name()))) {
                explained = true;
            }
        }
        if (explained) {
            found.keySet().removeIf(r -> logRules.get(r).fallback());
        }
        Map<Integer, Finding> result = new LinkedHashMap<>(found);
        for (int r : found.keySet()) {
            if (!result.containsKey(r)) {
                continue; // folded into another
            }
            for (String other : logRules.get(r).subsumes()) {
                Integer o = byName.get(other);
                if (o == null || o == r || !result.containsKey(o)) {
                    continue;
                }
                Finding sub = result.remove(o);
                Finding f = result.get(r);
                List<String> evidence = new ArrayList<>(f.evidence());
                String where = sub.location() instanceof Location.FileLine fl && fl.line() > 0 ? " at line " + fl.line() : "";
                evidence.add("because " + sub.name() + where + ": " + sub.message());
                result.put(r, new Finding(f.rule(), f.name(), f.severity(), f.title(), f.message(), f.location(), evidence,
                        f.fix(), null, f.packageName()));
            }
        }
        return new ArrayList<>(result.values());
    }

    /**
     * The finding of a fallback rule: the last error lines of the log as evidence, at the first of
     * them (or, when the log has none, the last failure lines themselves).
     */
    private static Finding fallbackFinding(RuleDefinition rule, String logName, List<LogHit> hits, Facts facts, LogFacts lf) {
        LogHit last = hits.get(hits.size() - 1);
        List<String> evidence = new ArrayList<>();
        long at = last.line();
        // the cause is above pip's closing lines, or below a traceback's header: the log's last error lines either way
        for (int i = 0; i < lf.errorLines().size(); i++) {
            evidence.add(lf.errorLines().get(i));
        }
        if (!evidence.isEmpty()) {
            at = lf.errorLineNumbers().get(0);
        }
        if (evidence.isEmpty()) {
            for (LogHit h : hits.subList(Math.max(0, hits.size() - MAX_EVIDENCE), hits.size())) {
                String t = h.text().strip();
                if (!evidence.contains(t)) {
                    evidence.add(t);
                }
            }
            at = hits.get(Math.max(0, hits.size() - MAX_EVIDENCE)).line();
        }
        LogHit named = hits.stream().filter(h -> !h.pkg().isEmpty()).reduce((a, b) -> b).orElse(last);
        Function<String, Object> vars = variables(named, logName, facts, lf);
        Finding f = finding(rule, new Location.FileLine(logName, (int) Math.min(Integer.MAX_VALUE, at)), vars, evidence);
        return withPackage(rule, f, named);
    }

    /** Whether the hit's text matches only {@code weak} patterns of the rule (of a rule that has some). */
    static boolean weakOnly(RuleDefinition rule, LogHit hit) {
        for (LogPattern p : rule.patterns()) {
            if (!p.weak() && p.pattern().matcher(hit.text()).find()) {
                return false;
            }
        }
        return true;
    }

    private static Finding logFinding(RuleDefinition rule, String logName, List<LogHit> hits, Facts facts, LogFacts lf) {
        List<LogHit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingLong(LogHit::line));
        LogHit strongest = sorted.stream().filter(h -> !h.generic()).findFirst().orElse(sorted.get(0));
        List<String> evidence = new ArrayList<>();
        for (LogHit h : sorted) {
            if (evidence.size() >= MAX_EVIDENCE) {
                break;
            }
            String t = h.text().strip();
            if (t.length() > MAX_EVIDENCE_CHARS) {
                t = t.substring(0, MAX_EVIDENCE_CHARS) + "…";
            }
            if (!evidence.contains(t)) {
                evidence.add(t);
            }
        }
        Function<String, Object> vars = variables(strongest, logName, facts, lf);
        Finding f = finding(rule, new Location.FileLine(logName, (int) Math.min(Integer.MAX_VALUE, strongest.line())), vars, evidence);
        return withPackage(rule, f, strongest);
    }

    private static Finding withPackage(RuleDefinition rule, Finding f, LogHit strongest) {
        // a pattern that captures the package itself (a resolver naming the requirement it could not satisfy) knows best
        String pkg = strongest.captures().getOrDefault("package", "");
        if (pkg.isEmpty()) {
            pkg = strongest.pkg();
        }
        if (pkg.isEmpty()) {
            return f;
        }
        return new Finding(f.rule(), f.name(), f.severity(), f.title(), namingPackage(rule.message(), f.message(), pkg),
                f.location(), f.evidence(), f.fix(), null, pkg);
    }

    /**
     * A log finding's message names the package that failed: a message that places
     * {@code {package}} itself is kept; one that already names the package (as a word, any
     * case, also as the start of a file name such as {@code cffi-1.15.1.tar.gz}) is kept; any other gets the package in front, {@code "cffi: The C header ffi.h is
     * missing ..."}.
     */
    static String namingPackage(String template, String message, String pkg) {
        if (template != null && template.contains("{package}")) {
            return message;
        }
        java.util.regex.Pattern word = java.util.regex.Pattern.compile(
                "(?<![A-Za-z0-9._-])" + java.util.regex.Pattern.quote(pkg) + "(?![A-Za-z0-9_]|[-.][A-Za-z])",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        return word.matcher(message).find() ? message : pkg + ": " + message;
    }

    private static Function<String, Object> variables(LogHit hit, String logName, Facts facts, LogFacts logFacts) {
        return name -> {
            String c = hit.captures().get(name);
            if (c != null) {
                return c;
            }
            return switch (name) {
                case "package" -> hit.pkg();
                case "log" -> logName;
                case "line" -> (double) hit.line();
                case "logFacts" -> logFacts;
                default -> factRoot(name, facts);
            };
        };
    }

    private static Object factRoot(String name, Facts facts) {
        Class<?> c = FactRoots.classes().get(name);
        return c == null ? null : facts.get(c).orElse(null);
    }

    // ---------------------------------------------------------------- checks and conditions

    private static List<Finding> runCheck(RuleDefinition rule, Facts facts) {
        Function<String, Object> roots = name -> factRoot(name, facts);
        if (!rule.when().test(roots)) {
            return List.of();
        }
        Check check = instantiate(rule);
        List<Finding> out = new ArrayList<>();
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        check.run(facts, (location, values, evidence) -> {
            Map<String, Object> v = new HashMap<>(values);
            Finding made = finding(rule, location, name -> v.containsKey(name) ? v.get(name) : factRoot(name, facts), evidence);
            Object lower = rule.infoWhen() == null ? null : v.get(rule.infoWhen());
            Finding f = lower == null || Boolean.FALSE.equals(lower) || "".equals(lower) ? made
                    : new Finding(made.rule(), made.name(), Severity.INFO, made.title(), made.message(), made.location(),
                            made.evidence(), made.fix(), null);
            // one cause in one place is one finding: two CI matrix rows that differ only elsewhere give the same one
            // (a set: a check may report each of 100,000 members)
            if (seen.add(java.util.Arrays.asList(f.location(), f.message()))) {
                out.add(f);
            }
        });
        return out;
    }

    /** The check a rule names, loaded by name (no classpath scanning). */
    public static Check instantiate(RuleDefinition rule) {
        String cls = CHECKS_PACKAGE + rule.check();
        try {
            Class<?> c = Class.forName(cls, true, RuleEngine.class.getClassLoader());
            if (!Check.class.isAssignableFrom(c)) {
                throw new RuleLoadException(rule.source().display() + ": rule " + rule.id() + " names check " + rule.check()
                        + ", but " + cls + " does not implement Check");
            }
            return (Check) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new RuleLoadException(rule.source().display() + ": rule " + rule.id() + " names check " + rule.check()
                    + ", but there is no class " + cls + " in this build");
        } catch (ReflectiveOperationException e) {
            throw new RuleLoadException(rule.source().display() + ": rule " + rule.id() + ": cannot create check " + cls + ": " + e, e);
        }
    }

    private static List<Finding> runCondition(RuleDefinition rule, Facts facts) {
        Function<String, Object> roots = name -> factRoot(name, facts);
        if (!rule.when().test(roots)) {
            return List.of();
        }
        return List.of(finding(rule, new Location.PathLocation("."), roots, List.of()));
    }

    private static Finding finding(RuleDefinition rule, Location location, Function<String, Object> values, List<String> evidence) {
        FindingFix fix = rule.fix() == null ? null
                : new FindingFix(Templates.fill(rule.fix().summary(), values), rule.fix().action());
        return new Finding(rule.id(), rule.name(), rule.severity(), rule.title(), Templates.fill(rule.message(), values),
                location, evidence, fix, null);
    }
}
