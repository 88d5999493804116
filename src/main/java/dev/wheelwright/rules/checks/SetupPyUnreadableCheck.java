package dev.wheelwright.rules.checks;

import dev.wheelwright.project.ProjectProblem;

/** WW-P011: setup.py cannot be tokenised as Python source. */
public final class SetupPyUnreadableCheck extends ProjectFileProblemCheck {
    public SetupPyUnreadableCheck() {
        super(ProjectProblem.Kind.SETUP_PY);
    }
}
