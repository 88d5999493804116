package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.report.FindingDetail;
import dev.wheelwright.report.JsonRenderer;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
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
@Command(modelTransformer = CommonOptions.TextOrJson.class, name = "explain", description = {"Explain a rule: why it matters, common causes, how to fix it, an example.",
        "explain N explains finding N of the last audit, doctor or build (numbered as in its JSON report)."},
        mixinStandardHelpOptions = true)
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RULE|N", description = "A rule name or id (as shown in findings), or the number of a finding of the last run.")
    String rule;

    /** {@code explain N --format json}: number, command, finding. */
    static final int FINDING_SCHEMA_VERSION = 1;

    @Override
    public Integer call() {
        DocumentOutput.validate(common, "explain");
        boolean json = DocumentOutput.json(common);
        if (rule.matches("\\d+")) {
            int n = LastRun.number(rule);
            LastRun.Saved.Pick pick = LastRun.pick("explain", rule);
            Finding f = pick.finding();
            if (json) {
                var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                o.put("number", n);
                o.put("command", pick.run().command());
                o.set("finding", JsonRenderer.finding(f));
                DocumentOutput.write(spec, common, DocumentOutput.document(FINDING_SCHEMA_VERSION, o).toPrettyString() + "\n");
                return ExitCode.OK;
            }
            StringWriter text = new StringWriter();
            PrintWriter out = new PrintWriter(text);
            FindingDetail.print(f, out, pick.run().project() != null ? "fix " + n : null);
            out.println();
            out.println("Why and how to fix, in full: wheelwright explain " + f.rule());
            out.flush();
            DocumentOutput.write(spec, common, text.toString());
            return ExitCode.OK;
        }
        RuleCatalog catalog = RuleCatalog.load(common.rules);
        RuleDefinition r = catalog.require(rule);
        LastRun.Saved last = lastRun();
        List<Integer> found = new ArrayList<>();
        if (last != null) {
            for (int i = 0; i < last.findings().size(); i++) {
                if (last.findings().get(i).rule().equals(r.id())) {
                    found.add(i);
                }
            }
        }
        if (json) {
            var o = RulesCommand.json(r, true);
            var list = o.putArray("lastRun");
            for (int i : found) {
                var e = list.addObject();
                e.put("number", i + 1);
                e.put("command", last.command());
                e.set("finding", JsonRenderer.finding(last.findings().get(i)));
            }
            DocumentOutput.write(spec, common, DocumentOutput.document(RulesCommand.RULE_SCHEMA_VERSION, o).toPrettyString() + "\n");
            return ExitCode.OK;
        }
        StringBuilder sb = new StringBuilder(RulesCommand.describe(r));
        if (!found.isEmpty()) {
            // where the last run found this rule's problem, numbered as explain N takes them
            sb.append(System.lineSeparator()).append("In the last ").append(last.command())
                    .append(" (wheelwright explain N for one in full):").append(System.lineSeparator());
            for (int i : found) {
                Finding f = last.findings().get(i);
                sb.append(String.format("  %d. %s  %s%n", i + 1, f.location().display(), f.message()));
            }
        }
        DocumentOutput.write(spec, common, sb.toString());
        return ExitCode.OK;
    }

    /** The last run's findings, if any can be read: the rule's explanation stands on its own otherwise. */
    private static LastRun.Saved lastRun() {
        try {
            return LastRun.load().orElse(null);
        } catch (WheelwrightException e) {
            return null;
        }
    }
}
