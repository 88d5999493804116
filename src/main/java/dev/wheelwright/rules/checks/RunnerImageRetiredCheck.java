package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.RunnerImages;
import dev.wheelwright.rules.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** WW-P006: a job asks for a hosted runner image that has been retired (rules/tables/runner-images.json). */
public final class RunnerImageRetiredCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            RunnerImages images = RunnerImages.builtIn();
            Set<String> seen = new HashSet<>();
            for (CiRun run : p.ci()) {
                if (run.runner() == null) {
                    continue;
                }
                Optional<RunnerImages.Image> img = images.find(run.runner().value());
                if (img.isEmpty() || !img.get().retired()) {
                    continue;
                }
                String key = run.runner().file() + ":" + run.runner().line() + ":" + img.get().label();
                if (!seen.add(key)) {
                    continue;
                }
                hits.add(ProjectCheckSupport.at(run.runner()), ProjectCheckSupport.values(
                                "runner", run.runner().value(),
                                "date", img.get().retiredOn().toString(),
                                "replacement", img.get().replacement() == null ? "a current image" : img.get().replacement(),
                                "job", ProjectCheckSupport.jobName(run)),
                        List.of(run.runner().file() + ":" + run.runner().line() + ": " + run.runner().value()));
            }
        });
    }
}
