package dev.wheelwright.rules;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.cases.CaseLoader;
import dev.wheelwright.rules.cases.RuleCases;
import dev.wheelwright.rules.cases.RuleCases.Case;
import dev.wheelwright.rules.cases.RuleCases.Expected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of every rule under {@code rules/} (found by walking, no list to maintain):
 * each case input becomes Facts through the loader for the rule's {@code reads}, the rule runs
 * alone, and its findings must equal the case's expectation exactly (a pass case: none).
 */
class RuleCasesTest {

    @TestFactory
    Stream<DynamicNode> everyCaseOfEveryRule() throws Exception {
        List<DynamicNode> rules = new ArrayList<>();
        for (Path dir : RuleCases.ruleDirs()) {
            String file = dir.resolve("rule.yaml").toString();
            RuleDefinition rule;
            try {
                rule = RuleParser.parse(file, Files.readString(dir.resolve("rule.yaml")), new RuleSource.Directory(dir));
            } catch (RuntimeException e) {
                rules.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> fail(e.getMessage())));
                continue;
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (Case c : RuleCases.cases(dir)) {
                tests.add(DynamicTest.dynamicTest(c.name(), c.input().toUri(), () -> runCase(rule, dir, c)));
            }
            rules.add(DynamicContainer.dynamicContainer(rule.id() + " " + rule.name(), dir.toUri(), tests.stream()));
        }
        return rules.stream();
    }

    static void runCase(RuleDefinition rule, Path dir, Case c) throws Exception {
        String loaderName = RuleCases.loaderClass(rule.reads());
        CaseLoader loader;
        try {
            loader = (CaseLoader) Class.forName(loaderName).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            fail("no case loader for 'reads: " + rule.reads().id() + "': class " + loaderName + " is missing (src/test/java)");
            return;
        }
        Facts facts = loader.load(c.input(), dir);
        List<Finding> findings = RuleEngine.run(List.of(rule), facts);
        if (!c.fail()) {
            if (!findings.isEmpty()) {
                fail(c.input() + ": pass case, but the rule found:\n  " + describe(findings));
            }
            return;
        }
        if (!Files.isRegularFile(c.expected())) {
            fail(c.input() + ": fail case without " + c.expected().getFileName());
        }
        List<Expected> expected = RuleCases.expected(c.expected());
        List<String> problems = new ArrayList<>();
        if (findings.size() != expected.size()) {
            problems.add("expected " + expected.size() + " finding(s), got " + findings.size());
        }
        for (int i = 0; i < Math.min(findings.size(), expected.size()); i++) {
            Finding f = findings.get(i);
            Expected e = expected.get(i);
            if (e.message() != null && !e.message().equals(f.message())) {
                problems.add("#" + (i + 1) + " message:\n    expected: " + e.message() + "\n    actual:   " + f.message());
            }
            String loc = RuleCases.locationMismatch(e.location(), f.location());
            if (loc != null) {
                problems.add("#" + (i + 1) + " " + loc);
            }
            if (e.severity() != null && !e.severity().equalsIgnoreCase(f.severity().name())) {
                problems.add("#" + (i + 1) + " severity: expected " + e.severity() + ", got " + f.severity());
            }
            if (e.evidenceContains() != null && f.evidence().stream().noneMatch(l -> l.contains(e.evidenceContains()))) {
                problems.add("#" + (i + 1) + " no evidence line contains '" + e.evidenceContains() + "': " + f.evidence());
            }
        }
        if (!problems.isEmpty()) {
            fail(c.input() + ":\n  " + String.join("\n  ", problems) + "\n  findings: " + describe(findings));
        }
    }

    private static String describe(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append(f.location().display()).append(": ").append(f.message()).append(" ").append(f.evidence()).append("\n  ");
        }
        return sb.toString();
    }
}
