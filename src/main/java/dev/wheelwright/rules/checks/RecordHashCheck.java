package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.RecordIssue;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * Every member's sha256 and size must match its RECORD row (PEP 376, binary distribution
 * format); pip refuses such a wheel, and a mismatch means the wheel was edited after it was built.
 */
public final class RecordHashCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (RecordIssue i : w.recordIssues()) {
                String field = switch (i.kind()) {
                    case HASH_MISMATCH -> "sha256";
                    case SIZE_MISMATCH -> "size";
                    default -> null;
                };
                if (field == null) {
                    continue;
                }
                hits.add(WheelChecks.at(w, i.path()),
                        WheelChecks.values(w, "member", i.path(), "field", field,
                                "expected", i.expected(), "actual", i.actual(), "line", i.line()),
                        List.of("RECORD line " + i.line() + ": " + field + " " + i.expected(),
                                "archive: " + field + " " + i.actual()));
            }
        }
    }
}
