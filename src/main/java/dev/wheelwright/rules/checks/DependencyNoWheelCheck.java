package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.index.DepNode;
import dev.wheelwright.rules.Check;

/** WW-D001: a runtime dependency has no wheel for a target (pip builds it from source, or fails). */
public final class DependencyNoWheelCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        DepsChecks.run(facts, hits, DepNode.Kind.RUNTIME);
    }
}
