package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiPlatforms;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.rules.Check;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shared body of the "CI builds wheels for an OS, but none of one kind" rules (WW-P017 aarch64,
 * WW-P018 musllinux, WW-P019 Intel macOS).
 *
 * <p>These rules judge an absence, so they speak only when what CI builds is known:
 * <ul>
 *   <li>the basis is a wheel job: cibuildwheel, maturin-action, or a manylinux/musllinux image run
 *       with {@code docker run}; {@code pip wheel}, {@code python -m build} and {@code setup.py bdist_wheel}
 *       steps only count as covering a kind, since such steps also build wheels in test jobs;</li>
 *   <li>a job whose archs or build selectors depend on a value only a run knows (a CI_UNRESOLVED
 *       problem: an expression over {@code github}, a conditional {@code $GITHUB_ENV} write), and a
 *       reusable workflow of another repository, may build the missing kind: the rule stays quiet.</li>
 * </ul>
 */
abstract class MissingWheelFamilyCheck implements Check {
    private final String os;
    private final Predicate<String> coversTag;

    MissingWheelFamilyCheck(String os, Predicate<String> coversTag) {
        this.os = os;
        this.coversTag = coversTag;
    }

    @Override
    public final void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null || !knownEnough(p)) {
            return;
        }
        List<BuildTarget> basis = new ArrayList<>();
        for (BuildTarget t : p.targets()) {
            if (!t.os().equals(os)) {
                continue;
            }
            List<CiPlatforms.Platform> built = ProjectCheckSupport.built(t, p);
            if (built.isEmpty()) {
                continue;
            }
            if (built.stream().anyMatch(pl -> coversTag.test(pl.tag()))) {
                return;
            }
            if (wheelJob(t.run())) {
                basis.add(t);
            }
        }
        if (basis.isEmpty()) {
            return;
        }
        Set<String> archs = new LinkedHashSet<>();
        List<String> evidence = new ArrayList<>();
        for (BuildTarget t : basis) {
            archs.add(t.arch());
            String e = ProjectCheckSupport.archLocation(t).display() + ": " + ProjectCheckSupport.jobName(t.run()) + " builds " + os + " " + t.arch()
                    + (t.run().runner() != null ? " on " + t.run().runner().value() : "");
            if (!evidence.contains(e)) {
                evidence.add(e);
            }
        }
        hits.add(ProjectCheckSupport.archLocation(basis.get(0)),
                ProjectCheckSupport.values("archs", String.join(", ", archs), "jobs", ProjectCheckSupport.jobs(basis)), evidence);
    }

    /** cibuildwheel, maturin-action, or a manylinux/musllinux image run by hand: jobs that exist to make wheels. */
    static boolean wheelJob(CiRun run) {
        return run.usesCibuildwheel() || run.builders().stream().anyMatch(b -> b.value().startsWith("maturin-action")
                || b.value().startsWith("docker "));
    }

    /** Whether a job may make wheels for this rule's OS: its runner's OS, or another one CIBW_PLATFORM or a manylinux image names. */
    private boolean mayBuildFor(CiRun run) {
        if (run.runner() == null || run.unknown().contains("CIBW_PLATFORM") || run.unknown().contains("*")) {
            return true;
        }
        String platform = run.usesCibuildwheel() ? run.cibwPlatform() : null;
        if (platform != null && !platform.equals("auto")) {
            return platform.equals(os);
        }
        if (os.equals("linux") && run.builders().stream().anyMatch(b -> b.value().startsWith("docker "))) {
            return true;
        }
        return dev.wheelwright.project.RunnerImages.builtIn().find(run.runner().value()).map(i -> i.os().equals(os))
                .orElse(true);
    }

    /** No job that may build wheels for this OS has archs, selectors or a runner that only a run knows. */
    private boolean knownEnough(ProjectFacts p) {
        for (CiRun run : p.ci()) {
            boolean builds = (run.usesCibuildwheel() || !run.builders().isEmpty()) && mayBuildFor(run);
            if (builds && (run.archsUnknown(os) || run.selectorsUnknown(os))) {
                return false;
            }
            if (builds && run.runner() == null) {
                return false; // runs-on only a run knows, or a non-GitHub CI file (read for CIBW_* only): it may be this OS
            }
            if (builds && run.runner() != null && dev.wheelwright.project.RunnerImages.builtIn().find(run.runner().value()).isEmpty()) {
                return false; // a self-hosted or unknown runner: its CPU is not known
            }
            if (!run.job().isEmpty() && run.runner() == null && run.actions().stream()
                    .anyMatch(a -> a.value().toLowerCase(Locale.ROOT).matches("[^./][^@]*/\\.github/workflows/.*"))) {
                return false; // a reusable workflow of another repository: what it builds is not read
            }
        }
        return true;
    }
}
