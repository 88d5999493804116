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
            // rows whose digest is right but wrongly encoded come from one writer: one finding per wheel
            List<RecordIssue> encodings = w.recordIssues().stream()
                    .filter(i -> i.kind() == RecordIssue.Kind.DIGEST_ENCODING && kinds.contains(i.kind())).toList();
            if (!encodings.isEmpty()) {
                RecordIssue first = encodings.get(0);
                int others = encodings.size() - 1;
                String more = others == 0 ? "" : others == 1 ? " (as does 1 more row)" : " (as do " + others + " more rows)";
                hits.add(WheelChecks.at(w, first.path()),
                        WheelChecks.values(w, "member", first.path(), "line", first.line(), "problem",
                                "writes its sha256 digest in " + first.actual() + more + "; RECORD digests are urlsafe base64"
                                        + " without '=' padding (the digests do match the files)"),
                        encodings.stream().limit(3).map(i -> "RECORD line " + i.line() + ": " + i.path() + " (" + i.actual() + ")").toList());
            }
            for (RecordIssue i : w.recordIssues()) {
                if (!kinds.contains(i.kind()) || i.kind() == RecordIssue.Kind.DIGEST_ENCODING) {
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
