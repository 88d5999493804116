package dev.wheelwright.wheel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a wheel: members in the given order, deflated, atomically (a temporary file in the
 * target folder renamed over the target), so that a failed write never leaves half a wheel.
 */
public final class WheelWriter {
    private WheelWriter() {}

    /** One member to write, stored as given (names are not checked: callers may write hostile ones on purpose). */
    public record Entry(String name, byte[] data) {
        public static Entry text(String name, String text) {
            return new Entry(name, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes the entries as a zip at {@code target}, replacing it atomically. */
    public static void write(Path target, List<Entry> entries) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".wheelwright-", ".whl.tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                 ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
                for (Entry e : entries) {
                    ZipArchiveEntry ze = new ZipArchiveEntry(e.name());
                    ze.setMethod(ZipArchiveEntry.DEFLATED);
                    ze.setTime(315532800000L + 86400000L); // a fixed date: reproducible output
                    zip.putArchiveEntry(ze);
                    zip.write(e.data());
                    zip.closeArchiveEntry();
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A RECORD row for content (binary distribution format: sha256, urlsafe base64, no padding). */
    public static String recordRow(String name, byte[] data) {
        return csv(name) + ",sha256=" + sha256(data) + "," + data.length;
    }

    /** The RECORD text for the given members, ending with RECORD's own row (no hash, no size). */
    public static String record(List<Entry> entries, String recordPath) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            if (!e.name().endsWith("/") && !e.name().equals(recordPath)) {
                sb.append(recordRow(e.name(), e.data())).append('\n');
            }
        }
        sb.append(csv(recordPath)).append(",,\n");
        return sb.toString();
    }

    public static String sha256(byte[] data) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
