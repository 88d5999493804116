package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiPlatforms;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.RetiredTables;
import dev.wheelwright.rules.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** WW-P022: CI builds wheels by running setup.py bdist_wheel directly (deprecated by setuptools; no build isolation, no declared build requirements). */
public final class SetupPyBdistWheelInCiCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null) {
            return;
        }
        Map<String, List<Located<String>>> byFile = new LinkedHashMap<>();
        Map<String, Set<String>> jobs = new LinkedHashMap<>();
        for (CiRun run : p.ci()) {
            for (Located<String> b : run.builders()) {
                if (b.value().equals("setup.py bdist_wheel")) {
                    List<Located<String>> l = byFile.computeIfAbsent(b.file(), k -> new ArrayList<>());
                    if (!l.contains(b)) {
                        l.add(b);
                    }
                    jobs.computeIfAbsent(b.file(), k -> new LinkedHashSet<>()).add("'" + run.job() + "'");
                }
            }
        }
        for (Map.Entry<String, List<Located<String>>> e : byFile.entrySet()) {
            List<String> evidence = new ArrayList<>();
            e.getValue().forEach(l -> evidence.add(l.file() + ":" + l.line() + ": setup.py bdist_wheel"));
            Set<String> j = jobs.get(e.getKey());
            hits.add(ProjectCheckSupport.at(e.getValue().get(0)), ProjectCheckSupport.values(
                    "file", e.getKey(), "jobs", (j.size() == 1 ? "job " : "jobs ") + String.join(", ", j)), evidence);
        }
    }
}
