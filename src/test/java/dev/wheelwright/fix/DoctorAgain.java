package dev.wheelwright.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectReader;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fix tests' referee: every built-in project rule run over a project folder, as doctor runs
 * them, so a test can say "the finding is gone and no other appeared" after applying a fix.
 */
final class DoctorAgain {
    private static final List<dev.wheelwright.rules.RuleDefinition> PROJECT_RULES =
            RuleCatalog.load(List.of()).reading(java.util.Set.of(Reads.PROJECT));

    private DoctorAgain() {}

    /** The names of the project findings for DIR, in report order. */
    static List<String> findings(Path dir) {
        ProjectFacts p = new ProjectReader().read(dir);
        List<String> out = new ArrayList<>();
        for (Finding f : RuleEngine.run(PROJECT_RULES, Facts.builder().put(ProjectFacts.class, p).build())) {
            out.add(f.name());
        }
        return out;
    }

    /** Applies the plan and asserts that the CLEARED findings are gone and nothing else changed. */
    static void applyAndCheck(Path dir, FixPlan plan, String... cleared) {
        List<String> before = findings(dir);
        assertThat(before).as("before the fix").contains(cleared);
        FixApplier.apply(dir, plan);
        List<String> after = findings(dir);
        List<String> expected = new ArrayList<>(before);
        expected.removeAll(List.of(cleared));
        assertThat(after).as("doctor after " + plan.action()).containsExactlyElementsOf(expected);
    }
}
