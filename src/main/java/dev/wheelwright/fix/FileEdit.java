package dev.wheelwright.fix;

import java.util.Objects;

/**
 * A change to one file of a project.
 *
 * @param path   path relative to the project root, forward slashes
 * @param before the text the fix was computed from; null when the fix creates the file
 * @param after  the new text
 */
public record FileEdit(String path, String before, String after) {
    public FileEdit {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(after, "after");
    }

    public boolean createsFile() {
        return before == null;
    }
}
