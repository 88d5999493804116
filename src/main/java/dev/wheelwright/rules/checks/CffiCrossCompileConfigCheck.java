package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.rules.Check;
import java.util.List;
import java.util.Map;

/**
 * WW-P003: a cffi extension built for an arch other than the runner's (arm64 or the arm64 half
 * of universal2 on an Intel macOS runner, x86_64 on Apple silicon, ARM64 on x64 Windows). cffi's
 * builder runs in the host interpreter and compiles with the host's assumptions; the result
 * cannot even be imported, let alone tested, on that runner.
 */
public final class CffiCrossCompileConfigCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            if (!p.usesCffi()) {
                return;
            }
            for (Map.Entry<CiRun, List<BuildTarget>> e : ProjectCheckSupport.byRun(p.targets()).entrySet()) {
                List<BuildTarget> cross = e.getValue().stream().filter(BuildTarget::crossCompiled).toList();
                if (cross.isEmpty()) {
                    continue;
                }
                BuildTarget first = cross.get(0);
                String archs = String.join(" ", cross.stream().map(BuildTarget::arch).toList());
                hits.add(ProjectCheckSupport.archLocation(first), ProjectCheckSupport.values(
                                "job", ProjectCheckSupport.jobName(e.getKey()),
                                "runner", e.getKey().runner().value(),
                                "runnerArch", first.runnerArch(),
                                "archs", archs,
                                "builder", p.cffiBuilders().get(0).value()),
                        List.of(e.getKey().file() + ":" + e.getKey().runner().line() + ": runs-on " + e.getKey().runner().value()
                                + " (" + first.runnerArch() + ")",
                                first.declared() == null ? "archs: default" : first.declared().file() + ":" + first.declared().line()
                                        + ": archs " + first.declared().value()));
            }
        });
    }
}
