package dev.wheelwright.fix;

import java.util.List;

/**
 * What a machine-applicable fix would do to a project: file edits, plus steps it cannot take
 * itself (a value computed at run time, say) that the user must do by hand.
 *
 * @param action  the fix's id, as rules name it in {@code fix.action}
 * @param edits   the file changes, in the order they are shown and applied
 * @param manual  what to do by hand, one sentence each, naming file and line
 */
public record FixPlan(String action, List<FileEdit> edits, List<String> manual) {
    public FixPlan {
        edits = List.copyOf(edits);
        // one edit (so one backup) per file: a fix that touches a file twice merges the changes first
        if (edits.stream().map(FileEdit::path).distinct().count() != edits.size()) {
            throw new IllegalArgumentException(action + ": a plan edits a file more than once");
        }
        manual = List.copyOf(manual);
    }

    public boolean isEmpty() {
        return edits.isEmpty() && manual.isEmpty();
    }
}
