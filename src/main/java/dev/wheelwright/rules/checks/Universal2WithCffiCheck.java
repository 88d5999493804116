package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.rules.Check;
import java.util.List;

/**
 * WW-P004: a universal2 wheel of a cffi extension. One build compiles both slices with one
 * set of flags, one cffi/libffi configuration and one interpreter, so one slice is always built
 * blind; thin arm64 and x86_64 wheels from native runners avoid it (and can be fused later).
 */
public final class Universal2WithCffiCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            if (!p.usesCffi()) {
                return;
            }
            for (var e : ProjectCheckSupport.byRun(p.targets()).entrySet()) {
                e.getValue().stream().filter(t -> t.arch().equals("universal2")).findFirst().ifPresent(t ->
                        hits.add(ProjectCheckSupport.archLocation(t), ProjectCheckSupport.values(
                                "job", ProjectCheckSupport.jobName(e.getKey()),
                                "runner", e.getKey().runner().value(),
                                "builder", p.cffiBuilders().get(0).value()),
                                List.of(p.cffiBuilders().get(0).file() + ":" + p.cffiBuilders().get(0).line()
                                        + ": cffi builder " + p.cffiBuilders().get(0).value())));
            }
        });
    }
}
