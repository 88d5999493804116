package dev.wheelwright.fix;

import dev.wheelwright.project.ProjectFacts;
import java.nio.file.Path;

/**
 * A machine-applicable fix that a rule names in {@code fix.action}. Computing a plan never
 * writes anything; {@link FixApplier} does, after the user has seen the diff.
 */
public interface FixAction {

    /** The id rules use, e.g. {@code pyproject-build-system}. */
    String id();

    /** One line saying what the fix does. */
    String summary();

    /**
     * The plan for this project; an empty plan when there is nothing to change.
     *
     * @throws FixRefusedException when the project is in a state the fix cannot handle
     */
    FixPlan plan(Path root, ProjectFacts project);
}
