package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiBuildSelector;
import dev.wheelwright.project.CiPlatforms;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.rules.Check;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WW-P015: CI builds macOS wheels, but none for Apple silicon (no arm64 and no universal2
 * target). pip on an arm64 Mac runs a native arm64 Python, which takes only arm64 and universal2
 * macOS wheels: every user there builds the sdist (the "missing arm64 wheels" problem). A target
 * counts only when cibuildwheel's build and skip selectors leave it a CPython build.
 */
public final class NoArm64MacosWheelsCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null) {
            return;
        }
        // targets whose every build the build/skip selectors remove make no wheel (CIBW_SKIP: "*-macosx_arm64")
        List<BuildTarget> mac = new ArrayList<>();
        List<String> selectedOut = new ArrayList<>();
        for (BuildTarget t : p.targets()) {
            if (!t.os().equals("macos")) {
                continue;
            }
            CiBuildSelector sel = CiBuildSelector.of(t.run(), p.pyproject());
            if (CiPlatforms.of(t, p.pyproject()).stream().anyMatch(pl -> sel.buildsAnyCpython(pl.identifier()))) {
                mac.add(t);
            } else {
                selectedOut.add(ProjectCheckSupport.archLocation(t).display() + ": " + ProjectCheckSupport.jobName(t.run())
                        + " builds no macOS " + t.arch() + " wheel: "
                        + (sel.build() != null ? "build '" + sel.build() + "'" + (sel.skip() != null ? ", " : "") : "")
                        + (sel.skip() != null ? "skip '" + sel.skip() + "'" : ""));
            }
        }
        if (mac.isEmpty() || mac.stream().anyMatch(t -> t.arch().equals("arm64") || t.arch().equals("universal2"))) {
            return;
        }
        Set<String> archs = new LinkedHashSet<>();
        mac.forEach(t -> archs.add(t.arch()));
        Map<CiRun, List<BuildTarget>> byRun = ProjectCheckSupport.byRun(mac);
        List<String> jobs = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<CiRun, List<BuildTarget>> e : byRun.entrySet()) {
            CiRun run = e.getKey();
            jobs.add(ProjectCheckSupport.jobName(run) + (run.runner() != null ? " on " + run.runner().value() : ""));
            BuildTarget t = e.getValue().get(0);
            var at = ProjectCheckSupport.archLocation(t);
            evidence.add(at.display() + ": " + ProjectCheckSupport.jobName(run) + " builds macOS "
                    + String.join(", ", e.getValue().stream().map(BuildTarget::arch).distinct().toList())
                    + (t.runnerArch() != null ? " (runner arch: " + t.runnerArch() + ")" : ""));
        }
        evidence.addAll(selectedOut);
        hits.add(ProjectCheckSupport.archLocation(mac.get(0)),
                ProjectCheckSupport.values("archs", String.join(", ", archs), "jobs", String.join("; ", jobs)), evidence);
    }
}
