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
            out.computeIfAbsent(t.run(), k -> new java.util.ArrayList<>()).add(t);
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
}
