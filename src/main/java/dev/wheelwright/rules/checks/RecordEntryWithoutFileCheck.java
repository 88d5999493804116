package dev.wheelwright.rules.checks;

import dev.wheelwright.wheel.RecordIssue;
import java.util.Set;

/** A RECORD row that names a file the archive does not hold. */
public final class RecordEntryWithoutFileCheck extends RecordIssueCheck {
    public RecordEntryWithoutFileCheck() {
        super(Set.of(RecordIssue.Kind.FILE_MISSING));
    }
}
