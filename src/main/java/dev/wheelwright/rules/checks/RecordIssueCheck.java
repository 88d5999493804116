package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.RecordIssue;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;
import java.util.Set;

/**
 * Base of the RECORD checks that report one kind of {@link RecordIssue} each: a file without a
 * row, a row without a file, a row that cannot be verified.
 */
abstract class RecordIssueCheck implements Check {
    private final Set<RecordIssue.Kind> kinds;

    RecordIssueCheck(Set<RecordIssue.Kind> kinds) {
        this.kinds = kinds;
    }

    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (RecordIssue i : w.recordIssues()) {
                if (!kinds.contains(i.kind())) {
                    continue;
                }
                String problem = switch (i.kind()) {
                    case DUPLICATE_ROW -> "is listed more than once";
                    case BAD_ROW -> i.actual().equals("no hash") ? "has no hash"
                            : "uses hash algorithm '" + i.actual() + "' (sha256 or stronger is required)";
                    default -> "";
                };
                List<String> evidence = i.line() > 0
                        ? List.of("RECORD line " + i.line() + ": " + i.path()) : List.of(i.path());
                hits.add(WheelChecks.at(w, i.path()),
                        WheelChecks.values(w, "member", i.path(), "line", i.line(), "problem", problem), evidence);
            }
        }
    }
}
