package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.RecordIssue;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every member's sha256 and size must match its RECORD row (PEP 376, binary distribution
 * format); pip refuses such a wheel, and a mismatch means the wheel was edited after it was built.
 */
public final class RecordHashCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            // one finding per wheel and field: the first mismatch is the message, the evidence lists every one
            Map<String, List<RecordIssue>> byField = new LinkedHashMap<>();
            for (RecordIssue i : w.recordIssues()) {
                String field = switch (i.kind()) {
                    case HASH_MISMATCH -> "sha256";
                    case SIZE_MISMATCH -> "size";
                    default -> null;
                };
                if (field != null) {
                    byField.computeIfAbsent(field, k -> new ArrayList<>()).add(i);
                }
            }
            byField.forEach((field, group) -> {
                RecordIssue i = group.get(0);
                List<String> evidence = new ArrayList<>();
                for (RecordIssue g : group) {
                    evidence.add("RECORD line " + g.line() + ": " + g.path() + ": " + field + " " + g.expected()
                            + ", archive: " + g.actual());
                }
                hits.add(WheelChecks.at(w, i.path()),
                        WheelChecks.values(w, "member", i.path(), "field", field,
                                "expected", i.expected(), "actual", i.actual(), "line", i.line(),
                                "more", RecordIssueCheck.more(group.size())),
                        evidence);
            });
        }
    }
}
