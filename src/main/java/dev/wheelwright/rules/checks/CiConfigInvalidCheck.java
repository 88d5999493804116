package dev.wheelwright.rules.checks;

import dev.wheelwright.project.ProjectProblem;

/** WW-P013: a CI file is not valid YAML (or not text). */
public final class CiConfigInvalidCheck extends ProjectFileProblemCheck {
    public CiConfigInvalidCheck() {
        super(ProjectProblem.Kind.CI_CONFIG);
    }
}
