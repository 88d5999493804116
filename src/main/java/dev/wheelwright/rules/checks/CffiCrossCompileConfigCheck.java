package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.rules.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WW-P003: a cffi extension built for an arch other than the runner's (arm64 on an Intel macOS
 * runner, x86_64 on Apple silicon, ARM64 on x64 Windows). cffi's builder runs in the host
 * interpreter and compiles with the host's assumptions; the result cannot even be imported, let
 * alone tested, on that runner. A universal2 build is WW-P004's finding (one finding per cause).
 * Matrix rows of one job that build the same archs on the same runner are one finding, its
 * evidence listing every place the archs are set.
 */
public final class CffiCrossCompileConfigCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            if (!p.usesCffi()) {
                return;
            }
            Map<String, List<List<BuildTarget>>> groups = new LinkedHashMap<>();
            for (Map.Entry<CiRun, List<BuildTarget>> e : ProjectCheckSupport.byRun(p.targets()).entrySet()) {
                List<BuildTarget> cross = e.getValue().stream().filter(BuildTarget::crossCompiled)
                        .filter(t -> !t.arch().equals("universal2")).toList();
                if (cross.isEmpty()) {
                    continue;
                }
                CiRun run = e.getKey();
                String key = run.file() + "\u0000" + run.job() + "\u0000" + run.runner().value() + "\u0000"
                        + String.join(" ", cross.stream().map(BuildTarget::arch).toList());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(cross);
            }
            for (List<List<BuildTarget>> group : groups.values()) {
                BuildTarget first = group.get(0).get(0);
                CiRun run = first.run();
                List<String> evidence = new ArrayList<>();
                evidence.add(run.file() + ":" + run.runner().line() + ": runs-on " + run.runner().value() + " (" + first.runnerArch() + ")");
                for (List<BuildTarget> cross : group) {
                    BuildTarget t = cross.get(0);
                    String e = t.declared() == null ? "archs: default"
                            : t.declared().file() + ":" + t.declared().line() + ": archs " + t.declared().value();
                    if (!evidence.contains(e)) {
                        evidence.add(e);
                    }
                }
                hits.add(ProjectCheckSupport.archLocation(first), ProjectCheckSupport.values(
                                "job", ProjectCheckSupport.jobName(run),
                                "runner", run.runner().value(),
                                "runnerArch", first.runnerArch(),
                                "archs", String.join(" ", group.get(0).stream().map(BuildTarget::arch).toList()),
                                "builder", p.cffiBuilders().get(0).value()),
                        evidence);
            }
        });
    }
}
