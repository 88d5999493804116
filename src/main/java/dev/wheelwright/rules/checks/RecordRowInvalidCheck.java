package dev.wheelwright.rules.checks;

import dev.wheelwright.wheel.RecordIssue;
import java.util.Set;

/**
 * A RECORD row that cannot be verified: no hash, a hash weaker than sha256, a digest not in
 * urlsafe base64 (reported once per wheel), or a path listed twice.
 */
public final class RecordRowInvalidCheck extends RecordIssueCheck {
    public RecordRowInvalidCheck() {
        super(Set.of(RecordIssue.Kind.BAD_ROW, RecordIssue.Kind.DUPLICATE_ROW, RecordIssue.Kind.DIGEST_ENCODING));
    }
}
