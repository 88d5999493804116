package dev.wheelwright.rules.checks;

import dev.wheelwright.wheel.RecordIssue;
import java.util.Set;

/** A RECORD row that cannot be verified: no hash, a hash weaker than sha256, or a path listed twice. */
public final class RecordRowInvalidCheck extends RecordIssueCheck {
    public RecordRowInvalidCheck() {
        super(Set.of(RecordIssue.Kind.BAD_ROW, RecordIssue.Kind.DUPLICATE_ROW));
    }
}
