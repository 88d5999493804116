package dev.wheelwright.rules.checks;

import dev.wheelwright.wheel.RecordIssue;
import java.util.Set;

/** A file in the archive without a RECORD row: installers cannot uninstall or verify it. */
public final class RecordMissingEntryCheck extends RecordIssueCheck {
    public RecordMissingEntryCheck() {
        super(Set.of(RecordIssue.Kind.NOT_IN_RECORD));
    }
}
