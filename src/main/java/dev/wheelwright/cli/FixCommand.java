package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.fix.FileEdit;
import dev.wheelwright.fix.FixAction;
import dev.wheelwright.fix.FixActions;
import dev.wheelwright.fix.FixApplier;
import dev.wheelwright.fix.FixPlan;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fix NAME|ID [DIR]}: prints the unified diff of a rule's machine-applicable fix for the
 * project in DIR (default: the current folder); with {@code --apply} writes it, keeping a
 * {@code FILE.orig} backup of every changed file. The diff goes to stdout (so it can be piped to
 * {@code git apply}); steps that must be done by hand go to stderr.
 */
@Command(modelTransformer = CommonOptions.Diff.class, name = "fix", description = "Show the diff of a rule's machine-applicable fix for a project; --apply writes it.",
        mixinStandardHelpOptions = true)
public final class FixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RULE|N",
            description = "A rule name or id, e.g. legacy-setup-py-build or WW-P001; or N, finding N of the last doctor or build (in its project).")
    String rule;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "The project folder (default: the current folder).")
    Path dir;

    @Option(names = "--apply", description = "Write the changes (each changed FILE is first copied to FILE.orig).")
    boolean apply;

    @Override
    public Integer call() {
        if (!common.format.equals("text") || common.output != null) {
            throw new WheelwrightException("fix: prints a unified diff; --format and -o do not apply");
        }
        RuleCatalog catalog = RuleCatalog.load(common.rules);
        Path given = dir;
        String ruleName = rule;
        if (rule.matches("\\d+")) {
            // fix N: finding N of the last audit/doctor/build, in the project it looked at
            int n = LastRun.number(rule);
            LastRun.Saved.Pick pick = LastRun.pick("fix", rule);
            LastRun.Saved last = pick.run();
            Finding f = pick.finding();
            if (given == null && last.project() == null) {
                throw new WheelwrightException("fix " + n + ": finding " + n + " came from " + last.command()
                        + ", which did not look at a project; run: wheelwright fix " + f.rule() + " DIR");
            }
            ruleName = f.rule();
            given = given != null ? given : last.project();
        }
        RuleDefinition def = catalog.require(ruleName);
        String action = def.fix() == null ? null : def.fix().action();
        if (action == null) {
            throw new WheelwrightException(def.id() + " " + def.name() + ": has no machine-applicable fix"
                    + (def.fix() != null && def.fix().summary() != null ? "; by hand: " + def.fix().summary() : ""));
        }
        FixAction fix = FixActions.byId(action).orElseThrow(() -> new WheelwrightException(
                def.id() + " " + def.name() + ": names fix '" + action + "', which this version of wheelwright does not have"));
        Path project = given == null ? Path.of(".") : given;
        ProjectFacts facts = new ProjectReader().read(project);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (def.reads() == Reads.PROJECT
                && RuleEngine.run(List.of(def), Facts.builder().put(ProjectFacts.class, facts).build()).isEmpty()) {
            if (!common.quiet) {
                err.println("wheelwright: " + def.name() + " finds nothing to fix in " + project);
            }
            return ExitCode.OK;
        }
        FixPlan plan = fix.plan(project, facts);
        if (plan.isEmpty()) {
            if (!common.quiet) {
                err.println("wheelwright: " + fix.id() + ": nothing to change in " + project);
            }
            return ExitCode.OK;
        }
        for (FileEdit e : plan.edits()) {
            out.print(UnifiedDiff.of(e));
        }
        out.flush();
        if (apply) {
            FixApplier.Applied done = FixApplier.apply(project, plan);
            if (!common.quiet) {
                for (FileEdit e : plan.edits()) {
                    err.println("wheelwright: wrote " + e.path() + (e.createsFile() ? " (new file)" : " (backup: " + e.path()
                            + FixApplier.BACKUP_SUFFIX + ")"));
                }
            }
            if (done.written().size() != plan.edits().size()) {
                throw new WheelwrightException(project + ": not every change was written");
            }
        }
        for (String m : plan.manual()) {
            err.println("wheelwright: by hand: " + m);
        }
        if (!apply && !plan.edits().isEmpty() && !common.quiet) {
            err.println("wheelwright: run again with --apply to write " + (plan.edits().size() == 1 ? "this change" : "these changes")
                    + " (each changed file is backed up as FILE" + FixApplier.BACKUP_SUFFIX + ")");
        }
        err.flush();
        return ExitCode.OK;
    }
}
