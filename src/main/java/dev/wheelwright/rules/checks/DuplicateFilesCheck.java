package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;
import java.util.Map;

/**
 * The same path stored twice (which copy an installer extracts depends on the tool), or paths
 * that differ only in case (one overwrites the other on the case-insensitive file systems that
 * macOS and Windows use by default).
 */
public final class DuplicateFilesCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (Map.Entry<String, Integer> d : w.duplicateNames().entrySet()) {
                hits.add(WheelChecks.at(w, d.getKey()),
                        WheelChecks.values(w, "member", d.getKey(),
                                "problem", "is stored " + d.getValue() + " times in the archive"),
                        List.of(d.getKey() + " (" + d.getValue() + " entries)"));
            }
            for (List<String> group : w.caseCollisions()) {
                // a group may hold thousands of spellings of one name: the message names a few
                hits.add(WheelChecks.at(w, group.get(0)),
                        WheelChecks.values(w, "member", group.get(0),
                                "problem", "differs only in case from "
                                        + String.join(", ", WheelChecks.firstFew(group.subList(1, group.size()), 3))),
                        WheelChecks.firstFew(group, dev.wheelwright.rules.RuleEngine.MAX_EVIDENCE));
            }
        }
    }
}
