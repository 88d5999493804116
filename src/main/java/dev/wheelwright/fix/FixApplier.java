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
 * text: every changed file is first copied to {@code FILE.orig}, the new text is written to a
 * temporary file in the same folder and renamed over the old one. Before anything is written,
 * every file is checked to still hold exactly the text the plan was computed from, and no backup
 * may overwrite an existing {@code .orig} file; otherwise nothing is written at all.
 */
public final class FixApplier {
    public static final String BACKUP_SUFFIX = ".orig";

    private FixApplier() {}

    /** What was written: the changed files and their backups. */
    public record Applied(List<Path> written, List<Path> backups) {}

    public static Applied apply(Path root, FixPlan plan) {
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
                    Path backup = backupOf(file);
                    if (Files.exists(backup)) {
                        throw new FixRefusedException(root.relativize(backup).toString().replace('\\', '/')
                                + ": already exists; move it away so the backup does not overwrite it");
                    }
                }
            } catch (IOException ex) {
                throw new FixRefusedException(e.path() + ": cannot read: " + ex.getMessage(), ex);
            }
        }
        List<Path> written = new ArrayList<>();
        List<Path> backups = new ArrayList<>();
        for (FileEdit e : plan.edits()) {
            Path file = root.resolve(e.path());
            try {
                if (!e.createsFile()) {
                    Path backup = backupOf(file);
                    Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
                    backups.add(backup);
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
        return new Applied(written, backups);
    }

    static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
    }
}
