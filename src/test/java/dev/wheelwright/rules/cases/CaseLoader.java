package dev.wheelwright.rules.cases;

import dev.wheelwright.facts.Facts;
import java.nio.file.Path;

/**
 * Turns one rule case input ({@code cases/fail-x.log}, a project folder, a wheel description)
 * into Facts. The generic case test finds the loader for a rule by its {@code reads}: class
 * {@code dev.wheelwright.rules.cases.<Kind>CaseLoader} with Kind = Log, Project, Wheel or Deps
 * ({@code reads: binary} uses Wheel). Implementations have a public no-argument constructor.
 */
public interface CaseLoader {

    /**
     * @param caseInput the case file or folder
     * @param ruleDir   the rule's folder (for inputs that refer to files beside the rule)
     */
    Facts load(Path caseInput, Path ruleDir) throws Exception;
}
