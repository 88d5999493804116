package dev.wheelwright.rules.checks;

import dev.wheelwright.project.ProjectProblem;

/** WW-P016: a pyproject.toml field front ends read (PEP 517/518/621) has the wrong type or form. */
public final class PyprojectFieldInvalidCheck extends ProjectFileProblemCheck {
    public PyprojectFieldInvalidCheck() {
        super(ProjectProblem.Kind.PYPROJECT_FIELD);
    }
}
