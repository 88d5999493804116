package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.index.DepNode;
import dev.wheelwright.rules.Check;

/** WW-D002: a build dependency has no wheel for a target (the isolated build env builds it first). */
public final class BuildDependencyNoWheelCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        DepsChecks.run(facts, hits, DepNode.Kind.BUILD);
    }
}
