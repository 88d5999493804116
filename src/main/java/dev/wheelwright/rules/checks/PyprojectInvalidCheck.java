package dev.wheelwright.rules.checks;

import dev.wheelwright.project.ProjectProblem;

/** WW-P010: pyproject.toml is not valid TOML. */
public final class PyprojectInvalidCheck extends ProjectFileProblemCheck {
    public PyprojectInvalidCheck() {
        super(ProjectProblem.Kind.PYPROJECT);
    }
}
