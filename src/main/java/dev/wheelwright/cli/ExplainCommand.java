package dev.wheelwright.cli;

import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code explain NAME|ID}: why a rule's problem happens, its common causes, how to fix it, an example. */
@Command(name = "explain", description = "Explain a rule: why it matters, common causes, how to fix it, an example.",
        mixinStandardHelpOptions = true)
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RULE", description = "A rule name or id (as shown in findings).")
    String rule;

    @Override
    public Integer call() {
        RuleCatalog catalog = RuleCatalog.load(common.rules);
        RuleDefinition r = catalog.require(rule);
        PrintWriter out = spec.commandLine().getOut();
        out.print(RulesCommand.describe(r));
        out.flush();
        return ExitCode.OK;
    }
}
