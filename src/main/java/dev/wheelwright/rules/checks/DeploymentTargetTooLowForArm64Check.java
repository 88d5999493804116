package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.Requirements;
import dev.wheelwright.rules.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WW-P005: MACOSX_DEPLOYMENT_TARGET below 11.0 for an arm64 build. macOS 11 is the first release
 * on Apple silicon, so the linker raises arm64 slices to 11.0 anyway, while tools that trust the
 * variable tag the wheel {@code macosx_10_x_arm64}, a platform that does not exist and that pip
 * never selects.
 */
public final class DeploymentTargetTooLowForArm64Check implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            Set<String> seen = new HashSet<>();
            for (BuildTarget t : p.targets()) {
                if (!t.os().equals("macos") || !t.arch().equals("arm64") || t.deploymentTarget() == null) {
                    continue;
                }
                String target = t.deploymentTarget().value();
                if (Requirements.compareVersions(target, "11.0") >= 0) {
                    continue;
                }
                String key = t.deploymentTarget().file() + ":" + t.deploymentTarget().line();
                if (!seen.add(key)) {
                    continue;
                }
                hits.add(ProjectCheckSupport.at(t.deploymentTarget()), ProjectCheckSupport.values(
                                "target", target,
                                "job", ProjectCheckSupport.jobName(t.run()),
                                "arch", t.arch()),
                        List.of(key + ": MACOSX_DEPLOYMENT_TARGET=" + target));
            }
        });
    }
}
