package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.CibuildwheelFeatures;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.rules.Check;
import java.util.List;

/**
 * WW-P007: the cibuildwheel version a job pins predates an arch or CPython version the job asks
 * for (rules/tables/cibuildwheel-features.json): such a build is skipped or fails.
 */
public final class CibuildwheelTooOldCheck implements Check {

    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            if (p.ci().stream().allMatch(run -> run.cibuildwheel() == null)) {
                return; // (no cibuildwheel pin: the table is not parsed, as for doctor on a log alone)
            }
            for (CibuildwheelFeatures.Shortfall s : CibuildwheelFeatures.builtIn().shortfalls(p)) {
                hits.add(ProjectCheckSupport.at(s.pin()), ProjectCheckSupport.values(
                                "version", s.pin().value(),
                                "needs", String.join(", ", s.needs()),
                                "required", s.required(),
                                "job", ProjectCheckSupport.jobName(s.run())),
                        List.of(s.pin().file() + ":" + s.pin().line() + ": cibuildwheel " + s.pin().value()));
            }
        });
    }
}
