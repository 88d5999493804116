package dev.wheelwright.rules.checks;

import dev.wheelwright.project.ProjectProblem;

/** WW-P012: setup.cfg cannot be read the way configparser reads it. */
public final class SetupCfgInvalidCheck extends ProjectFileProblemCheck {
    public SetupCfgInvalidCheck() {
        super(ProjectProblem.Kind.SETUP_CFG);
    }
}
