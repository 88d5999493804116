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

/** WW-P020: a workflow uses a major version of an action that no longer works on hosted runners (rules/tables/retired-actions.json); one finding per action reference and file. */
public final class RetiredActionVersionCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null || p.ci().stream().allMatch(run -> run.actions().isEmpty())) {
            return; // (no action used: the table is not parsed, as for doctor on a log alone)
        }
        RetiredTables table = RetiredTables.builtIn();
        Map<String, List<Located<String>>> uses = new LinkedHashMap<>();
        Map<String, RetiredTables.RetiredAction> entry = new LinkedHashMap<>();
        Map<String, Set<String>> jobs = new LinkedHashMap<>();
        for (CiRun run : p.ci()) {
            for (Located<String> a : run.actions()) {
                var r = table.action(a.value());
                if (r.isEmpty()) {
                    continue;
                }
                String key = a.file() + "\n" + a.value();
                List<Located<String>> l = uses.computeIfAbsent(key, k -> new ArrayList<>());
                if (!l.contains(a)) {
                    l.add(a);
                }
                entry.put(key, r.get());
                jobs.computeIfAbsent(key, k -> new LinkedHashSet<>()).add("'" + run.job() + "'");
            }
        }
        for (Map.Entry<String, List<Located<String>>> e : uses.entrySet()) {
            RetiredTables.RetiredAction r = entry.get(e.getKey());
            Located<String> first = e.getValue().get(0);
            Set<String> j = jobs.get(e.getKey());
            List<String> evidence = new ArrayList<>();
            e.getValue().forEach(l -> evidence.add(l.file() + ":" + l.line() + ": uses: " + l.value()));
            hits.add(ProjectCheckSupport.at(first), ProjectCheckSupport.values(
                    "uses", first.value(), "action", r.action(), "why", r.why(), "current", r.current(),
                    "jobs", (j.size() == 1 ? "job " : "jobs ") + String.join(", ", j)), evidence);
        }
    }
}
