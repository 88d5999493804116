package dev.wheelwright.rules.cases;

import dev.wheelwright.facts.Facts;
import java.nio.file.Path;

/** Turns one rule case input into Facts (one implementation per kind of input, found by name). */
public interface CaseLoader {
    Facts load(Path caseInput, Path ruleDir) throws Exception;
}
