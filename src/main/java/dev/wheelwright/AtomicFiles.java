package dev.wheelwright;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes an output file whole or not at all: the content goes to a temporary file beside the
 * target, which is then renamed over it, so a reader never sees half a file and a failure leaves
 * nothing behind.
 *
 * <p>The temporary file is opened like any new file ({@code open(O_CREAT|O_EXCL)} with mode 0666),
 * so the result gets the permissions the user's umask gives new files (usually rw-r--r--), not the
 * owner-only mode of {@link Files#createTempFile}: a wheel or report must stay readable by the
 * uploader, the web server or the CI step that runs as another user.
 *
 * <p>Every failure becomes one {@link WheelwrightException} naming the target, never the
 * temporary file.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes the bytes {@code body} produces to {@code target}. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Fails, with the message {@link #write} would give, when {@code target} cannot be written
     * (it is a folder, or its folder is missing): callers check an output file before a long run,
     * not after it.
     */
    public static void checkTarget(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new WheelwrightException(target + ": cannot write: it is a folder");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new WheelwrightException(target + ": cannot write: folder " + (dir == null ? "/" : dir)
                    + (dir != null && Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target}. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code target} through a temporary file and an atomic rename; the target's folder
     * must exist (callers that want it created create it first, so that a typo in {@code -o}
     * fails instead of making folders).
     */
    public static void write(Path target, Body body) {
        checkTarget(target);
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            tmp = createTemp(dir, abs.getFileName().toString());
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new WheelwrightException(target + ": cannot write: " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the failure above is what the user needs to see
                }
            }
        }
    }

    /** A new empty hidden file in {@code dir}, created exclusively with the default mode. */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** The JDK's message without the temporary file's path, which means nothing to the user. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
