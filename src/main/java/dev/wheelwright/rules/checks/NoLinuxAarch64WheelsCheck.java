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

/** WW-P017: CI builds Linux wheels, none for aarch64 (ARM servers, Raspberry Pi OS 64-bit, Graviton, Docker on Apple silicon). */
public final class NoLinuxAarch64WheelsCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null) {
            return;
        }
        List<BuildTarget> os = new ArrayList<>();
        boolean has = false;
        for (BuildTarget t : p.targets()) {
            if (!t.os().equals("linux")) {
                continue;
            }
            List<CiPlatforms.Platform> built = ProjectCheckSupport.built(t, p);
            if (built.isEmpty()) {
                continue;
            }
            os.add(t);
            if (built.stream().anyMatch(pl -> pl.tag().endsWith("_aarch64"))) {
                has = true;
            }
        }
        if (os.isEmpty() || has) {
            return;
        }
        Set<String> archs = new LinkedHashSet<>();
        List<String> evidence = new ArrayList<>();
        for (BuildTarget t : os) {
            archs.add(t.arch());
            String e = ProjectCheckSupport.archLocation(t).display() + ": " + ProjectCheckSupport.jobName(t.run()) + " builds linux " + t.arch()
                    + (t.run().runner() != null ? " on " + t.run().runner().value() : "");
            if (!evidence.contains(e)) {
                evidence.add(e);
            }
        }
        hits.add(ProjectCheckSupport.archLocation(os.get(0)),
                ProjectCheckSupport.values("archs", String.join(", ", archs), "jobs", ProjectCheckSupport.jobs(os)), evidence);
    }
}
