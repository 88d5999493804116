package dev.wheelwright.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link FixPlan} to disk without ever leaving a file half-written or losing the user's
 * text: a changed file is first copied to a backup ({@code FILE.orig}, or {@code FILE.orig.1},
 * {@code .2}... when an earlier backup is there, which is never overwritten), the new text is
 * written to a temporary file in the same folder and renamed over the old one. A file committed
 * unchanged in a git checkout gets no backup unless {@link Backups#ALWAYS}: git keeps the original.
 * Before anything is written, every file is checked to still hold exactly the text the plan was
 * computed from; otherwise nothing is written at all. One backup per file per apply.
 */
public final class FixApplier {
    public static final String BACKUP_SUFFIX = ".orig";

    private FixApplier() {}

    /** What was written: the changed files and their backups. */
    public record Applied(List<Path> written, List<Path> backups) {}

    /** When to back a changed file up. */
    public enum Backups {
        /** Always (the {@code --backup} option). */
        ALWAYS,
        /** Unless git holds the file's current text (tracked, unchanged since HEAD). */
        UNLESS_COMMITTED
    }

    /** Applies with a backup of every changed file. */
    public static Applied apply(Path root, FixPlan plan) {
        return apply(root, plan, Backups.ALWAYS);
    }

    public static Applied apply(Path root, FixPlan plan, Backups backups) {
        java.util.Map<Path, Path> backupOf = new java.util.LinkedHashMap<>();
        // check everything first, so that a refusal leaves the project untouched
        for (FileEdit e : plan.edits()) {
            Path file = root.resolve(e.path());
            try {
                if (e.createsFile()) {
                    if (Files.exists(file)) {
                        throw new FixRefusedException(e.path() + ": was created after the fix was planned; run the fix again");
                    }
                } else {
                    if (!Files.isRegularFile(file)) {
                        throw new FixRefusedException(e.path() + ": no longer exists; run the fix again");
                    }
                    String now = Files.readString(file, StandardCharsets.UTF_8);
                    if (!now.equals(e.before())) {
                        throw new FixRefusedException(e.path() + ": changed after the fix was planned; run the fix again");
                    }
                    if (backups == Backups.ALWAYS || !GitCheckout.committedUnchanged(file)) {
                        backupOf.put(file, freeBackup(file));
                    }
                }
            } catch (IOException ex) {
                throw new FixRefusedException(e.path() + ": cannot read: " + ex.getMessage(), ex);
            }
        }
        List<Path> written = new ArrayList<>();
        List<Path> made = new ArrayList<>();
        for (FileEdit e : plan.edits()) {
            Path file = root.resolve(e.path());
            try {
                Path backup = backupOf.get(file);
                if (backup != null) {
                    Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES); // fails rather than overwrite
                    made.add(backup);
                }
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
                try {
                    Files.writeString(tmp, e.after(), StandardCharsets.UTF_8);
                    try {
                        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException ex) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
                written.add(file);
            } catch (IOException ex) {
                throw new FixRefusedException(e.path() + ": cannot write: " + ex.getMessage()
                        + (written.isEmpty() ? "" : " (already written: " + written + ", backups kept)"), ex);
            }
        }
        return new Applied(written, made);
    }

    /** FILE.orig, else FILE.orig.1, FILE.orig.2...: the first name not taken. */
    static Path freeBackup(Path file) {
        Path first = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
        if (!Files.exists(first, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return first;
        }
        for (int i = 1; i < 1000; i++) {
            Path p = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX + "." + i);
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
        throw new FixRefusedException(file.getFileName() + ": 1000 backups already exist next to it; remove old ones");
    }
}
