package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.facts.BuildLogs;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectReader;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import dev.wheelwright.shell.ShellSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doctor [DIR] --log FILE...}: collects facts from what it is given, runs the rules that
 * read those facts, and reports. Each input kind is one {@link Collector} in {@link #collectors()}:
 * a collector turns its options into facts parts and names the rule kinds ({@code reads}) it
 * feeds, so adding project files or a wheelhouse is one entry there.
 */
@Command(name = "doctor",
        description = "Diagnose a project, its build logs and its wheels, and say how to fix what is wrong.",
        mixinStandardHelpOptions = true)
public final class DoctorCommand implements Callable<Integer>, ShellSession.Aware {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    FindingsOptions findingsOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The project folder (default: the current folder).")
    Path dir;

    @Option(names = "--log", paramLabel = "FILE", description = "A build or install log to diagnose (repeatable; '-' reads stdin).")
    List<String> logs = new ArrayList<>();

    @Option(names = "--wheelhouse", paramLabel = "DIR",
            description = "Audit the wheels in DIR (or a wheel file) too, as 'audit' does (repeatable).")
    List<Path> wheelhouses = new ArrayList<>();

    @Option(names = "--target", paramLabel = "PLATFORM",
            description = "A platform the release must serve, e.g. macosx_11_0_arm64 (repeatable): with --wheelhouse, some wheel must install there.")
    List<String> targets = new ArrayList<>();

    /** Turns some of doctor's options into facts; returns the rule kinds it fed (empty: nothing given). */
    @FunctionalInterface
    interface Collector {
        Set<Reads> collect(Facts.Builder facts) throws IOException;
    }

    /** The collectors, in order. Add one line per input kind. */
    List<Collector> collectors() {
        return List.of(this::collectProject, this::collectLogs, this::collectWheels);
    }

    private ShellSession session;

    @Override
    public void attach(ShellSession s) {
        this.session = s;
    }

    @Override
    public Integer call() throws IOException {
        java.time.Instant started = java.time.Instant.now();
        FindingsOutput.validateBeforeWork(common, findingsOptions);
        AuditCommand.targetPlatforms(targets); // a bad --target fails before any work
        Path project = dir == null ? Path.of(".") : dir;
        if (dir != null && !Files.isDirectory(dir)) {
            throw new WheelwrightException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        // [tool.wheelwright] policy (and what [tool.cibuildwheel] says) for the wheels; checked before any work
        settings = dev.wheelwright.project.WheelwrightSettings.read(project.resolve("pyproject.toml"));
        Facts.Builder facts = Facts.builder();
        Set<Reads> kinds = new LinkedHashSet<>();
        for (Collector c : collectors()) {
            kinds.addAll(c.collect(facts));
        }
        if (logs.isEmpty() && wheelhouses.isEmpty() && projectFiles.isEmpty()) {
            // Nothing was examined: saying "No problems found" here would pass a CI step run in the wrong folder.
            throw new WheelwrightException((dir == null ? "." : dir.toString()) + ": no pyproject.toml, setup.py, setup.cfg or CI"
                    + " configuration here, so nothing to diagnose (give the project folder, --log FILE or --wheelhouse DIR)");
        }
        RuleCatalog catalog = RuleCatalog.load(common.rules);
        FindingsOutput output = FindingsOutput.of(spec, common, findingsOptions).project(project).started(started)
                .subject(subject()).policies(policies);
        if (!targets.isEmpty()) {
            output.policy("targets", String.join(",", AuditCommand.targetPlatforms(targets)), "--target");
        }
        if (!declaredTargets.isEmpty() && settings.get("targets") != null) {
            output.policy("targets", String.join(",", declaredTargets), settings.get("targets").source());
        }
        AuditCommand.projectSettings(output, settings, findingsOptions);
        output.checked("project files", projectFiles.size());
        if (!logs.isEmpty()) {
            output.checked("log lines", 0); // its place in the summary; the count is known once the logs are scanned
        }
        if (wheelSet != null) {
            AuditCommand.counts(output, wheelSet);
        }
        output.checked("targets", java.util.stream.Stream.concat(AuditCommand.targetPlatforms(targets).stream(), declaredTargets.stream())
                .distinct().count());
        output.suppressions(catalog); // a bad [tool.wheelwright] table fails before any work
        List<RuleDefinition> rules = catalog.reading(kinds);
        facts.put(dev.wheelwright.facts.LogLineCounts.class, lineCounts);
        List<Finding> findings = RuleEngine.run(rules, facts.build());
        if (!logs.isEmpty()) {
            output.checked("log lines", logLines());
        }
        if (session != null) {
            session.recordFindings("doctor", output.prepared(catalog, rules, findings), project);
        }
        return output.report(catalog, rules, findings);
    }

    private dev.wheelwright.project.WheelwrightSettings settings = dev.wheelwright.project.WheelwrightSettings.none();
    private final List<dev.wheelwright.report.RunInfo.Policy> policies = new ArrayList<>();
    private dev.wheelwright.wheel.WheelSet wheelSet;
    private final List<CountingStream> stdinCount = new ArrayList<>();
    private final List<BuildLogs.FileLog> fileLogs = new ArrayList<>();

    /** What doctor looked at, as the user named it: the folder, and the logs and wheelhouses. */
    private String subject() {
        List<String> parts = new ArrayList<>();
        if (!projectFiles.isEmpty() || (logs.isEmpty() && wheelhouses.isEmpty())) {
            parts.add(dir == null ? "." : dir.toString());
        }
        logs.forEach(l -> parts.add(l.equals("-") ? "stdin" : l));
        wheelhouses.forEach(w -> parts.add(w.toString()));
        return String.join(" ", parts);
    }

    /** The lines of each log as the rule engine streamed it, filled in as it scans. */
    private final dev.wheelwright.facts.LogLineCounts lineCounts = new dev.wheelwright.facts.LogLineCounts();

    /**
     * Lines of the logs read: files as the rule engine counted them while it scanned (counted
     * here through their decoder only when no log rule ran), stdin as it streamed by.
     */
    private long logLines() {
        long n = 0;
        for (BuildLogs.FileLog f : fileLogs) {
            java.util.OptionalLong scanned = lineCounts.get(f);
            if (scanned.isPresent()) {
                n += scanned.getAsLong();
                continue;
            }
            try (java.io.InputStream in = f.open()) {
                n += CountingStream.lines(in);
            } catch (IOException e) {
                // it was read a moment ago; a count is not worth failing the report for
            }
        }
        for (CountingStream c : stdinCount) {
            n += c.lines();
        }
        return n;
    }

    /** A stream that counts the line ends that pass through it. */
    static final class CountingStream extends java.io.FilterInputStream {
        private long lines;
        private int last = '\n';

        CountingStream(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                count(buf[off + i]);
            }
            return n;
        }

        private void count(int b) {
            if (b == '\n') {
                lines++;
            }
            last = b;
        }

        /** Lines seen; a last line without a line end counts too. */
        long lines() {
            return lines + (last != '\n' ? 1 : 0);
        }

        static long lines(java.io.InputStream in) throws IOException {
            CountingStream c = new CountingStream(in);
            byte[] buf = new byte[1 << 16];
            while (c.read(buf, 0, buf.length) >= 0) {
                // counting
            }
            return c.lines();
        }
    }

    /** The project's [tool.wheelwright] targets, read with the project; the wheels must serve them too. */
    private List<String> declaredTargets = List.of();

    /** The project files doctor found in the folder (none: not a project). */
    private List<String> projectFiles = List.of();

    /**
     * The project folder: read statically (nothing in it is executed). Doctor always has a
     * project, the current folder by default; a folder with none of the files the project rules
     * read gives those rules nothing to say (and, with no log or wheelhouse either, is refused).
     */
    private Set<Reads> collectProject(Facts.Builder facts) {
        Path project = dir == null ? Path.of(".") : dir;
        ProjectFacts p = new ProjectReader().read(project);
        // [tool.wheelwright] targets are checked like --target: a bad one is a usage error naming the file.
        for (String t : p.declaredTargets()) {
            try {
                dev.wheelwright.spec.Platforms.compatible(t);
            } catch (dev.wheelwright.spec.InvalidPlatformException e) {
                throw new WheelwrightException(project.resolve(p.pyproject().file()) + ": [tool.wheelwright] targets: " + e.getMessage());
            }
        }
        facts.put(ProjectFacts.class, p);
        if (!targets.isEmpty() && p.targets().isEmpty() && wheelhouses.isEmpty() && !common.quiet) {
            // WW-P014 compares targets with CI's wheel builds; with none (and no wheels), nothing checks them
            spec.commandLine().getErr().println("wheelwright: note: " + project + " has no CI job that builds wheels and no"
                    + " --wheelhouse was given, so nothing checks --target " + String.join(",", targets));
        }
        if (!common.quiet) {
            // CI values only a run would know: said once each, so that a quiet report is not read as "all checked"
            for (dev.wheelwright.project.ProjectProblem pr : p.problems()) {
                if (pr.kind() == dev.wheelwright.project.ProjectProblem.Kind.CI_UNRESOLVED) {
                    spec.commandLine().getErr().println("wheelwright: note: " + pr.file() + (pr.line() > 0 ? ":" + pr.line() : "")
                            + ": " + pr.message());
                }
            }
        }
        projectFiles = ProjectInspection.files(p);
        declaredTargets = p.declaredTargets();
        facts.put(dev.wheelwright.facts.RequestedTargets.class, new dev.wheelwright.facts.RequestedTargets(AuditCommand.targetPlatforms(targets)));
        return Set.of(Reads.PROJECT);
    }

    /** Wheels from --wheelhouse: the same facts 'audit' reads, with no extra audit policy. */
    private Set<Reads> collectWheels(Facts.Builder facts) throws IOException {
        if (wheelhouses.isEmpty()) {
            return Set.of();
        }
        wheelSet = new dev.wheelwright.wheel.WheelSet(AuditCommand.readAll(AuditCommand.expand(wheelhouses)));
        facts.put(dev.wheelwright.wheel.WheelSet.class, wheelSet);
        // the project's policy ([tool.wheelwright], else [tool.cibuildwheel]); targets are --target and the declared ones
        dev.wheelwright.wheel.AuditPolicy policy = new AuditCommand().policy(withoutTargets(settings), policies);
        facts.put(dev.wheelwright.wheel.AuditPolicy.class, policy.withTargets(AuditCommand.targetPlatforms(
                java.util.stream.Stream.concat(targets.stream(), declaredTargets.stream()).toList())));
        return Set.of(Reads.WHEEL, Reads.BINARY);
    }

    private static dev.wheelwright.project.WheelwrightSettings withoutTargets(dev.wheelwright.project.WheelwrightSettings s) {
        java.util.Map<String, dev.wheelwright.project.WheelwrightSettings.Setting> m = new java.util.LinkedHashMap<>(s.settings());
        m.remove("targets");
        return new dev.wheelwright.project.WheelwrightSettings(s.file(), m);
    }

    private Set<Reads> collectLogs(Facts.Builder facts) throws IOException {
        if (logs.isEmpty()) {
            return Set.of();
        }
        List<BuildLogs.LogSource> sources = new ArrayList<>();
        boolean stdinUsed = false;
        Set<Path> seen = new java.util.HashSet<>();
        for (String log : logs) {
            if (log.equals("-")) {
                if (stdinUsed) {
                    throw new WheelwrightException("--log -: standard input can be given only once");
                }
                stdinUsed = true;
                // streamed, not read whole: `pip install . 2>&1 | wheelwright doctor --log -` may be gigabytes
                CountingStream counted = new CountingStream(System.in);
                stdinCount.add(counted);
                sources.add(new BuildLogs.StreamLog("<stdin>", counted));
                continue;
            }
            Path p = Path.of(log);
            if (!Files.exists(p)) {
                throw new WheelwrightException(log + ": no such file");
            }
            if (Files.isDirectory(p)) {
                throw new WheelwrightException(log + ": is a directory (--log expects a log file)");
            }
            if (!Files.isReadable(p)) {
                throw new WheelwrightException(log + ": permission denied");
            }
            if (Files.size(p) == 0 && !common.quiet) {
                // not an error (a quiet step can log nothing), but "No problems found" alone would hide a capture that failed
                spec.commandLine().getErr().println("wheelwright: note: " + log + " is empty; nothing in it to diagnose");
            }
            if (!seen.add(p.toAbsolutePath().normalize())) {
                continue; // the same file named twice (overlapping globs) is one log: its findings once
            }
            BuildLogs.FileLog fileLog = new BuildLogs.FileLog(log, p);
            fileLogs.add(fileLog);
            sources.add(fileLog);
        }
        facts.put(BuildLogs.class, new BuildLogs(sources));
        return Set.of(Reads.LOG);
    }
}
