package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.facts.RequestedTargets;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiBuildSelector;
import dev.wheelwright.project.CiPlatforms;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.spec.InvalidPlatformException;
import dev.wheelwright.spec.Platforms;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * WW-P014: a platform the release must serve ({@code doctor --target}, or {@code [tool.wheelwright]
 * targets}) that no CI wheel build produces a wheel for: pip there would take none of the
 * project's wheels (its compatible platforms, as packaging lists them, hold none of CI's) and
 * build the sdist. CI's platforms are cibuildwheel's for each run's OS and archs (musllinux
 * as well as manylinux on Linux), less those its build and skip selectors leave no CPython build
 * on. Says nothing about a project whose CI builds no wheels at all.
 */
public final class CiMissesTargetCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null || p.targets().isEmpty()) {
            return;
        }
        Set<String> wanted = new LinkedHashSet<>(facts.get(RequestedTargets.class).map(RequestedTargets::platforms).orElse(List.of()));
        wanted.addAll(p.declaredTargets());
        if (wanted.isEmpty()) {
            return;
        }
        Set<String> built = new LinkedHashSet<>();
        for (BuildTarget t : p.targets()) {
            CiBuildSelector selector = CiBuildSelector.of(t.run(), p.pyproject());
            for (CiPlatforms.Platform pl : CiPlatforms.of(t, p.pyproject())) {
                if (selector.buildsAnyCpython(pl.identifier())) { // e.g. skip = "*-musllinux_*" builds no musllinux wheel
                    built.add(pl.tag());
                }
            }
        }
        BuildTarget first = p.targets().get(0);
        for (String target : wanted) {
            Set<String> accepted;
            try {
                accepted = new HashSet<>(Platforms.compatible(target));
            } catch (InvalidPlatformException e) {
                continue; // the command line refuses bad platforms before any rule runs
            }
            if (built.stream().noneMatch(accepted::contains)) {
                hits.add(ProjectCheckSupport.archLocation(first),
                        ProjectCheckSupport.values("target", target,
                                "have", built.isEmpty() ? "nothing this tool can name" : String.join(", ", built)),
                        List.of("CI builds wheels for: " + String.join(" ", built),
                                "accepted on " + target + ": " + String.join(" ", WheelChecks.firstFew(Platforms.compatible(target), 6))));
            }
        }
    }
}
