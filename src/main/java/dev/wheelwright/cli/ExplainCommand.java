package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.report.FindingDetail;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code explain NAME|ID|N}: why a rule's problem happens, its common causes, how to fix it, an
 * example; with a number, finding N of the last {@code audit}/{@code doctor}/{@code build} (as
 * numbered in its JSON report and in the shell's {@code findings}); after a rule, where the last
 * run found it.
 */
@Command(name = "explain", description = {"Explain a rule: why it matters, common causes, how to fix it, an example.",
        "explain N explains finding N of the last audit, doctor or build (numbered as in its JSON report)."},
        mixinStandardHelpOptions = true)
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RULE|N", description = "A rule name or id (as shown in findings), or the number of a finding of the last run.")
    String rule;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (rule.matches("\\d+")) {
            int n = Integer.parseInt(rule);
            LastRun.Saved.Pick pick = LastRun.pick("explain", n);
            Finding f = pick.finding();
            FindingDetail.print(f, out, pick.run().project() != null ? "fix " + n : null);
            out.println();
            out.println("Why and how to fix, in full: wheelwright explain " + f.rule());
            out.flush();
            return ExitCode.OK;
        }
        RuleCatalog catalog = RuleCatalog.load(common.rules);
        RuleDefinition r = catalog.require(rule);
        out.print(RulesCommand.describe(r));
        lastRun(r, out);
        out.flush();
        return ExitCode.OK;
    }

    /** Where the last run found this rule's problem, numbered as explain N takes them. */
    private static void lastRun(RuleDefinition r, PrintWriter out) {
        LastRun.Saved last;
        try {
            last = LastRun.load().orElse(null);
        } catch (WheelwrightException e) {
            return; // the rule's explanation stands on its own
        }
        if (last == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < last.findings().size(); i++) {
            Finding f = last.findings().get(i);
            if (f.rule().equals(r.id())) {
                lines.add(String.format("  %d. %s  %s", i + 1, f.location().display(), f.message()));
            }
        }
        if (!lines.isEmpty()) {
            out.println();
            out.println("In the last " + last.command() + " (wheelwright explain N for one in full):");
            lines.forEach(out::println);
        }
    }
}
