package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.CibuildwheelFeatures;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.Requirements;
import dev.wheelwright.rules.Check;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WW-P007: the cibuildwheel version a job pins predates an arch or CPython version the job asks
 * for (rules/tables/cibuildwheel-features.json): such a build is skipped or fails.
 */
public final class CibuildwheelTooOldCheck implements Check {
    private static final Pattern CPYTHON = Pattern.compile("cp3([0-9]+)");

    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            CibuildwheelFeatures table = CibuildwheelFeatures.builtIn();
            Set<String> seen = new HashSet<>();
            for (CiRun run : p.ci()) {
                Located<String> version = run.cibuildwheel();
                if (version == null) {
                    continue;
                }
                Set<String> archs = new HashSet<>();
                for (BuildTarget t : p.targets()) {
                    if (t.run().equals(run)) {
                        archs.add(t.arch());
                    }
                }
                Set<String> pythons = new HashSet<>();
                String build = run.envVar("CIBW_BUILD").map(Located::value)
                        .or(() -> p.pyprojectFile().flatMap(py -> py.cibuildwheelOption("build")).map(String::valueOf))
                        .orElse("");
                Matcher m = CPYTHON.matcher(build);
                while (m.find()) {
                    pythons.add("3" + m.group(1));
                }
                List<String> needs = new ArrayList<>();
                String required = null;
                for (CibuildwheelFeatures.Feature f : table.features()) {
                    boolean wanted = f.python() != null ? pythons.contains(f.python()) : f.archs().stream().anyMatch(archs::contains);
                    if (wanted && Requirements.compareVersions(version.value(), f.since()) < 0) {
                        needs.add(f.feature() + " (" + f.since() + ")");
                        if (required == null || Requirements.compareVersions(f.since(), required) > 0) {
                            required = f.since();
                        }
                    }
                }
                if (needs.isEmpty() || !seen.add(version.file() + ":" + version.line())) {
                    continue;
                }
                hits.add(ProjectCheckSupport.at(version), ProjectCheckSupport.values(
                                "version", version.value(),
                                "needs", String.join(", ", needs),
                                "required", required,
                                "job", ProjectCheckSupport.jobName(run)),
                        List.of(version.file() + ":" + version.line() + ": cibuildwheel " + version.value()));
            }
        });
    }

}
