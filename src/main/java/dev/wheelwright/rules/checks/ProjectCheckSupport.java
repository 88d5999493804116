package dev.wheelwright.rules.checks;

import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.Located;
import dev.wheelwright.rules.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the project (WW-P) checks. */
final class ProjectCheckSupport {
    private ProjectCheckSupport() {}

    static Location at(Located<?> l) {
        return new Location.FileLine(l.file(), l.line());
    }

    static Location at(String file, int line) {
        return new Location.FileLine(file, line);
    }

    /** Targets grouped by the CI job (and runner) that builds them, in file order. */
    static Map<CiRun, List<BuildTarget>> byRun(List<BuildTarget> targets) {
        Map<CiRun, List<BuildTarget>> out = new LinkedHashMap<>();
        for (BuildTarget t : targets) {
            List<BuildTarget> list = out.computeIfAbsent(t.run(), k -> new java.util.ArrayList<>());
            if (list.stream().noneMatch(o -> o.arch().equals(t.arch()))) {
                list.add(t); // equal runs (matrix rows alike in all that is read) build an arch once
            }
        }
        return out;
    }

    /** "job 'build' (.github/workflows/wheels.yml)" or the file alone for non-GitHub CI. */
    static String jobName(CiRun run) {
        return run.job().isEmpty() ? run.file() : "job '" + run.job() + "'";
    }

    /** Where a target's arch list is declared, else where its runner is named. */
    static Location archLocation(BuildTarget t) {
        if (t.declared() != null) {
            return at(t.declared());
        }
        return t.run().runner() != null ? at(t.run().runner()) : at(t.run().file(), 0);
    }

    static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * The platforms a target really makes wheels for: cibuildwheel's build/skip selectors applied
     * (a platform counts when some CPython build of it is selected); a job without cibuildwheel
     * makes manylinux wheels, or musllinux ones only from a musllinux image.
     */
    static List<dev.wheelwright.project.CiPlatforms.Platform> built(BuildTarget t, dev.wheelwright.project.ProjectFacts p) {
        List<dev.wheelwright.project.CiPlatforms.Platform> all = dev.wheelwright.project.CiPlatforms.of(t, p.pyproject());
        if (!t.run().usesCibuildwheel()) {
            // a musllinux image, maturin-action's manylinux: musllinux_1_2, or a *-linux-musl* target triple
            java.util.function.Predicate<String> isMusl = v -> v.contains("musllinux") || v.matches(".*-linux-musl\\S*.*");
            boolean musl = t.run().builders().stream().anyMatch(b -> isMusl.test(b.value()));
            boolean many = !musl || t.run().builders().stream().anyMatch(b -> !isMusl.test(b.value()));
            return all.stream().filter(pl -> pl.tag().startsWith("musllinux") ? musl : many).toList();
        }
        dev.wheelwright.project.CiBuildSelector sel = dev.wheelwright.project.CiBuildSelector.of(t.run(), p.pyproject());
        return all.stream().filter(pl -> sel.buildsAnyCpython(pl.identifier())).toList();
    }

    /** "job 'a'" or "jobs 'a', 'b'" for the distinct jobs of some targets. */
    static String jobs(List<BuildTarget> targets) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        targets.forEach(t -> names.add("'" + t.run().job() + "'"));
        return (names.size() == 1 ? "job " : "jobs ") + String.join(", ", names);
    }
}
