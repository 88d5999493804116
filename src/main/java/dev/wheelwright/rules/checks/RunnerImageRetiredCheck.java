package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.RunnerImages;
import dev.wheelwright.rules.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WW-P006: a job asks for a hosted runner image that has been retired (rules/tables/runner-images.json).
 * One retired label in one file is one finding, at its first use, listing every job and line that names it.
 */
public final class RunnerImageRetiredCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            if (p.ci().stream().allMatch(run -> run.runner() == null)) {
                return; // (no runner named: the table is not parsed, as for doctor on a log alone)
            }
            RunnerImages images = RunnerImages.builtIn();
            Map<String, List<CiRun>> byLabel = new LinkedHashMap<>();
            Map<String, RunnerImages.Image> image = new LinkedHashMap<>();
            for (CiRun run : p.ci()) {
                if (run.runner() == null) {
                    continue;
                }
                Optional<RunnerImages.Image> img = images.find(run.runner().value());
                if (img.isEmpty() || !img.get().retired()) {
                    continue;
                }
                String key = run.runner().file() + "\n" + img.get().label();
                byLabel.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
                image.put(key, img.get());
            }
            for (Map.Entry<String, List<CiRun>> e : byLabel.entrySet()) {
                RunnerImages.Image img = image.get(e.getKey());
                CiRun first = e.getValue().get(0);
                Set<String> jobs = new LinkedHashSet<>();
                Set<String> evidence = new LinkedHashSet<>();
                for (CiRun run : e.getValue()) {
                    jobs.add("'" + run.job() + "'");
                    evidence.add(run.runner().file() + ":" + run.runner().line() + ": " + run.runner().value()
                            + " (" + ProjectCheckSupport.jobName(run) + ")");
                }
                String job = first.job().isEmpty() ? first.file() : (jobs.size() == 1 ? "job " : "jobs ") + String.join(", ", jobs);
                hits.add(ProjectCheckSupport.at(first.runner()), ProjectCheckSupport.values(
                                "runner", first.runner().value(),
                                "date", img.retiredOn().toString(),
                                "replacement", img.replacement() == null ? "a current image" : img.replacement(),
                                "job", job),
                        List.copyOf(evidence));
            }
        });
    }
}
