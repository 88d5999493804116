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
        FindingsOutput.validateBeforeWork(common);
        AuditCommand.targetPlatforms(targets); // a bad --target fails before any work
        Path project = dir == null ? Path.of(".") : dir;
        if (dir != null && !Files.isDirectory(dir)) {
            throw new WheelwrightException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
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
        FindingsOutput output = FindingsOutput.of(spec, common, findingsOptions).project(project);
        output.suppressions(catalog); // a bad [tool.wheelwright] table fails before any work
        List<RuleDefinition> rules = catalog.reading(kinds);
        List<Finding> findings = RuleEngine.run(rules, facts.build());
        if (session != null) {
            session.recordFindings("doctor", output.prepared(catalog, rules, findings), project);
        }
        return output.report(catalog, rules, findings);
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
        facts.put(dev.wheelwright.wheel.WheelSet.class,
                new dev.wheelwright.wheel.WheelSet(AuditCommand.readAll(AuditCommand.expand(wheelhouses))));
        facts.put(dev.wheelwright.wheel.AuditPolicy.class,
                dev.wheelwright.wheel.AuditPolicy.none().withTargets(AuditCommand.targetPlatforms(
                        java.util.stream.Stream.concat(targets.stream(), declaredTargets.stream()).toList())));
        return Set.of(Reads.WHEEL, Reads.BINARY);
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
                sources.add(new BuildLogs.StreamLog("<stdin>", System.in));
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
            sources.add(new BuildLogs.FileLog(log, p));
        }
        facts.put(BuildLogs.class, new BuildLogs(sources));
        return Set.of(Reads.LOG);
    }
}
