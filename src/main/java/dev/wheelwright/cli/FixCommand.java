package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.fix.FileEdit;
import dev.wheelwright.fix.FixAction;
import dev.wheelwright.fix.FixActions;
import dev.wheelwright.rules.Location;
import dev.wheelwright.fix.FixApplier;
import dev.wheelwright.fix.FixPlan;
import dev.wheelwright.fix.FixRefusedException;
import dev.wheelwright.fix.GitCheckout;
import dev.wheelwright.fix.UnifiedDiff;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectReader;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fix NAME|ID|FIX|N [DIR]}: prints the unified diff of a machine-applicable fix for the
 * project in DIR (default: the current folder), named by a rule (name or id), by the fix's own
 * name, or by the number of a finding of the last doctor/build (which must be of this project);
 * with {@code --apply} writes it. A changed file is backed up as {@code FILE.orig} (or
 * {@code FILE.orig.N} when an older backup is there) unless git holds it unchanged, or always with
 * {@code --backup}. The diff goes to stdout, with paths from the git repository's root when DIR is
 * inside one (so it can be piped to {@code git apply} there); everything else goes to stderr and
 * names the project.
 */
@Command(modelTransformer = CommonOptions.Diff.class, name = "fix", description = "Show the diff of a rule's machine-applicable fix for a project; --apply writes it.",
        mixinStandardHelpOptions = true)
public final class FixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RULE|FIX|N",
            description = "A rule name or id (legacy-setup-py-build, WW-P001), a fix name (pyproject-build-system), "
                    + "or N, finding N of the last doctor or build (of this project).")
    String rule;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "The project folder (default: the current folder).")
    Path dir;

    @Option(names = "--apply", description = "Write the changes.")
    boolean apply;

    @Option(names = "--backup", description = "With --apply: back up every changed file as FILE.orig, even one git holds unchanged.")
    boolean backup;

    @Override
    public Integer call() {
        if (!common.format.equals("text") || common.output != null) {
            throw new WheelwrightException("fix: prints a unified diff; --format and -o do not apply");
        }
        RuleCatalog catalog = RuleCatalog.load(common.rules);
        Path project = dir == null ? Path.of(".") : dir;
        String name = rule;
        if (rule.matches("\\d+")) {
            // fix N: finding N of the last audit/doctor/build, which must have looked at this project
            int n = LastRun.number(rule);
            LastRun.Saved.Pick pick = LastRun.pick("fix", rule);
            LastRun.Saved last = pick.run();
            Finding f = pick.finding();
            if (last.project() == null && isRepair(catalog, f.rule()) && f.location() instanceof Location.WheelMember w) {
                return repairWheel(Path.of(w.wheel()));
            }
            if (last.project() == null) {
                throw new WheelwrightException("fix " + n + ": finding " + n + " came from " + last.command()
                        + ", which did not look at a project; run: wheelwright fix " + f.rule() + " DIR");
            }
            if (!sameFolder(project, last.project())) {
                throw new WheelwrightException("fix " + n + ": finding " + n + " of the last " + last.command() + " is about "
                        + last.project() + ", not " + (dir == null ? "the current folder (" + project.toAbsolutePath().normalize() + ")" : dir)
                        + "; run it there, or: wheelwright fix " + f.rule() + " " + last.project());
            }
            name = f.rule();
        }
        // a rule (name or id) names its fix; a fix's own name stands for itself and the rules that name it
        Optional<RuleDefinition> byRule = catalog.find(name);
        FixAction fix;
        List<RuleDefinition> rules;
        if (byRule.isPresent()) {
            RuleDefinition def = byRule.get();
            String action = def.fix() == null ? null : def.fix().action();
            if (action == null) {
                throw new WheelwrightException(def.id() + " " + def.name() + ": has no machine-applicable fix"
                        + (def.fix() != null && def.fix().summary() != null ? "; by hand: " + def.fix().summary() : ""));
            }
            fix = FixActions.byId(action).orElseThrow(() -> new WheelwrightException(
                    def.id() + " " + def.name() + ": names fix '" + action + "', which this version of wheelwright does not have"));
            rules = List.of(def);
        } else {
            Optional<FixAction> byFix = FixActions.byId(name.strip());
            if (byFix.isEmpty()) {
                catalog.require(name); // the unknown-rule message, with suggestions
            }
            fix = byFix.orElseThrow();
            String id = fix.id();
            rules = catalog.rules().stream().filter(d -> d.fix() != null && id.equals(d.fix().action())).toList();
        }
        if ("repair".equals(fix.id()) || (dir != null && dir.toString().endsWith(".whl"))) {
            if (dir == null || !dir.toString().endsWith(".whl")) {
                throw new WheelwrightException("fix " + name + ": repair works on a wheel: wheelwright fix " + name + " dist/NAME.whl");
            }
            return repairWheel(dir);
        }
        ProjectFacts facts = new ProjectReader().read(project);
        String where = display(project);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RuleDefinition> projectRules = rules.stream().filter(d -> d.reads() == Reads.PROJECT).toList();
        // the project rules that name this fix are its evidence here (log rules need a log doctor was given)
        if (!projectRules.isEmpty()
                && RuleEngine.run(projectRules, Facts.builder().put(ProjectFacts.class, facts).build()).isEmpty()) {
            if (!common.quiet) {
                err.println("wheelwright: " + (byRule.isPresent() ? rules.get(0).name() : fix.id()) + " finds nothing to fix in " + where);
            }
            return ExitCode.OK;
        }
        FixPlan plan;
        try {
            plan = fix.plan(project, facts);
        } catch (FixRefusedException e) {
            throw new FixRefusedException(where + ": " + e.getMessage(), e);
        }
        if (plan.isEmpty()) {
            if (!common.quiet) {
                err.println("wheelwright: " + fix.id() + ": nothing to change in " + where);
            }
            return ExitCode.OK;
        }
        String prefix = GitCheckout.prefixOf(project);
        for (FileEdit e : plan.edits()) {
            out.print(UnifiedDiff.of(e, prefix));
        }
        out.flush();
        if (apply) {
            FixApplier.Applied done;
            try {
                done = FixApplier.apply(project, plan, backup ? FixApplier.Backups.ALWAYS : FixApplier.Backups.UNLESS_COMMITTED);
            } catch (FixRefusedException e) {
                throw new FixRefusedException(where + ": " + e.getMessage(), e);
            }
            if (!common.quiet) {
                for (FileEdit e : plan.edits()) {
                    Path file = project.resolve(e.path());
                    String note = e.createsFile() ? " (new file)"
                            : done.backups().stream().filter(b -> b.getParent().equals(file.getParent())
                                    && b.getFileName().toString().startsWith(file.getFileName() + FixApplier.BACKUP_SUFFIX))
                                    .findFirst().map(b -> " (backup: " + b.getFileName() + ")").orElse(" (no backup: git holds the original)");
                    err.println("wheelwright: " + where + ": wrote " + e.path() + note);
                }
            }
            if (done.written().size() != plan.edits().size()) {
                throw new WheelwrightException(where + ": not every change was written");
            }
        }
        for (String m : plan.manual()) {
            err.println("wheelwright: " + where + ": by hand: " + m);
        }
        if (!apply && !plan.edits().isEmpty() && !common.quiet) {
            err.println("wheelwright: run again with --apply to write " + (plan.edits().size() == 1 ? "this change" : "these changes")
                    + " to " + where + " (a changed file is backed up as FILE" + FixApplier.BACKUP_SUFFIX
                    + " unless git holds it unchanged; --backup always)");
        }
        err.flush();
        return ExitCode.OK;
    }

    private static boolean isRepair(RuleCatalog catalog, String rule) {
        return catalog.find(rule).map(d -> d.fix() != null && "repair".equals(d.fix().action())).orElse(false);
    }

    /**
     * The repair fix: without --apply, the plan ({@code repair --dry-run}); with it, the repaired
     * wheel written to {@code wheelhouse/} (auditwheel's default folder name) in the wheel's own
     * folder, the input left alone.
     */
    private int repairWheel(Path wheel) {
        Path parent = wheel.toAbsolutePath().getParent();
        Path outDir = parent == null ? Path.of("wheelhouse") : parent.resolve("wheelhouse");
        try {
            return RepairCommand.repair(List.of(wheel), new dev.wheelwright.repair.WheelRepairer.Options(List.of(), List.of(), null,
                    null, System.getenv("LD_LIBRARY_PATH")), outDir, !apply, common.quiet,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (!apply && !common.quiet) {
                spec.commandLine().getErr().println("wheelwright: run again with --apply to write the repaired wheel to " + outDir
                        + " (or: wheelwright repair " + wheel + " -o DIR --lib-dir DIR)");
            }
        }
    }

    /** The project as the messages name it: as typed, or the current folder's absolute path. */
    private String display(Path project) {
        return dir != null ? dir.toString() : project.toAbsolutePath().normalize().toString();
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (java.io.IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
