package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.RecordIssue;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** " (and N more)" after a finding's first item, or nothing when it is the only one. */
    static String more(int count) {
        return count <= 1 ? "" : " (and " + (count - 1) + " more)";
    }

    private static String problem(RecordIssue i) {
        return switch (i.kind()) {
            case DUPLICATE_ROW -> "is listed more than once";
            case BAD_ROW -> i.actual().equals("no hash") ? "has no hash"
                    : "uses hash algorithm '" + i.actual() + "' (sha256 or stronger is required)";
            default -> "";
        };
    }

    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            if (w.record() != null && w.record().isEmpty()) {
                continue; // an empty RECORD is one finding (dist-info-file-missing), not one per file
            }
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
                                        + " without '=' padding (the digests do match the files)", "more", ""),
                        encodings.stream().map(i -> "RECORD line " + i.line() + ": " + i.path() + " (" + i.actual() + ")").toList());
            }
            // one finding per wheel and cause: the first row or file is the location, the evidence lists them all
            Map<String, List<RecordIssue>> groups = new LinkedHashMap<>();
            for (RecordIssue i : w.recordIssues()) {
                if (!kinds.contains(i.kind()) || i.kind() == RecordIssue.Kind.DIGEST_ENCODING) {
                    continue;
                }
                groups.computeIfAbsent(i.kind() + "\u0000" + problem(i), k -> new ArrayList<>()).add(i);
            }
            for (List<RecordIssue> group : groups.values()) {
                RecordIssue i = group.get(0);
                List<String> evidence = group.stream()
                        .map(g -> g.line() > 0 ? "RECORD line " + g.line() + ": " + g.path() : g.path()).toList();
                hits.add(WheelChecks.at(w, i.path()),
                        WheelChecks.values(w, "member", i.path(), "line", i.line(), "problem", problem(i),
                                "more", more(group.size())), evidence);
            }
        }
    }
}
