package dev.wheelwright.wheel;

import dev.wheelwright.WheelwrightException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes wheels: deflated members with a fixed timestamp (reproducible output), atomically (a
 * temporary file in the target folder renamed over the target), so that a failed write never
 * leaves half a wheel.
 *
 * <p>{@link #write(Path, List, String)} writes a complete wheel and generates its RECORD (PEP
 * 376/427: every other member with sha256 and size, RECORD itself last, {@code .dist-info}
 * members after the rest); {@link #write(Path, List)} writes members exactly as given, for tests
 * that need hostile archives.
 */
public final class WheelWriter {
    /** 1980-01-02T00:00:00Z: a fixed date inside the DOS date range makes output reproducible. */
    private static final long FIXED_TIME = 315532800000L + 86400000L;

    private WheelWriter() {}

    /**
     * One member: its path inside the wheel, its bytes, and its Unix permission bits (0 for
     * 0644). Names are not checked: callers may write hostile ones on purpose.
     */
    public record Entry(String name, byte[] data, int unixMode) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }

        public Entry(String name, byte[] data) {
            this(name, data, 0);
        }

        public static Entry text(String name, String text) {
            return new Entry(name, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes a wheel with a fresh RECORD in {@code distInfo} (any RECORD among the entries is
     * replaced). The entries keep their order, except that {@code .dist-info} members go last.
     *
     * @throws WheelwrightException naming the target when it cannot be written
     */
    public static void write(Path target, List<Entry> entries, String distInfo) {
        write(target, entries, distInfo, FIXED_TIME);
    }

    /**
     * As {@link #write(Path, List, String)}, every member stamped {@code timeMillis} (in the
     * JVM's time zone, as zip's DOS fields are local time; see {@link #dosWallClock}).
     */
    public static void write(Path target, List<Entry> entries, String distInfo, long timeMillis) {
        String recordPath = distInfo + "/RECORD";
        List<Entry> ordered = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.name().equals(recordPath)) {
                ordered.add(e);
            }
        }
        ordered.sort(Comparator.comparingInt(e -> e.name().startsWith(distInfo + "/") ? 1 : 0));
        ordered.add(Entry.text(recordPath, record(ordered, recordPath)));
        try {
            write(target, ordered, timeMillis);
        } catch (IOException e) {
            throw new WheelwrightException(target + ": cannot write the wheel: " + e.getMessage(), e);
        }
    }

    /** Writes the entries as a zip at {@code target}, exactly as given, replacing it atomically. */
    public static void write(Path target, List<Entry> entries) throws IOException {
        write(target, entries, FIXED_TIME);
    }

    /**
     * The instant whose local wall clock in the JVM's time zone reads the UTC wall clock of
     * {@code epochSeconds}: zip's DOS date and time fields then hold the UTC time whatever zone
     * the build runs in (as delvewheel stamps them: the UTC fields of the epoch).
     */
    public static long dosWallClock(long epochSeconds) {
        java.time.LocalDateTime utc = java.time.LocalDateTime.ofEpochSecond(epochSeconds, 0, java.time.ZoneOffset.UTC);
        return utc.atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    private static void write(Path target, List<Entry> entries, long timeMillis) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".wheelwright-", ".whl.tmp");
        try {
            try {
                // createTempFile makes the file owner-only; a wheel is an ordinary readable file
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep its defaults
            }
            try (OutputStream os = Files.newOutputStream(tmp);
                 ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
                for (Entry e : entries) {
                    ZipArchiveEntry ze = new ZipArchiveEntry(e.name());
                    ze.setMethod(ZipArchiveEntry.DEFLATED);
                    ze.setTime(timeMillis);
                    ze.setUnixMode((e.unixMode() == 0 ? 0644 : e.unixMode()) | 0100000);
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

    /** PEP 376 RECORD hash: sha256, urlsafe base64 without padding. */
    public static String sha256(byte[] data) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** RECORD is CSV: quote a field that holds a comma, a quote or a line break. */
    private static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
