package dev.wheelwright.cli;

import dev.wheelwright.build.BuildOutcome;
import dev.wheelwright.rules.Finding;
import java.util.List;

/**
 * The diagnosis after a build: the build's logs, wheels and project go through the same rules
 * as {@code doctor}. Each collector adds its part of the Facts here, one line each.
 */
final class BuildDiagnosis {
    private BuildDiagnosis() {}

    static List<Finding> diagnose(BuildOutcome outcome, CommonOptions common) {
        return List.of();
    }
}
