package dev.wheelwright.wheel;

import dev.wheelwright.AtomicFiles;
import dev.wheelwright.WheelwrightException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Writes a wheel: a zip whose {@code .dist-info/RECORD} lists every other member with its
 * sha256 and size (PEP 376/427), written last. Output is deterministic (members in the order
 * given, {@code .dist-info} members last, a fixed timestamp), and atomic: the zip is written to
 * a temporary file in the target folder, then renamed over the target.
 */
public final class WheelWriter {
    /** 1980-01-01T00:00:00Z in DOS time is the zip epoch; a fixed time makes output reproducible. */
    private static final long FIXED_TIME = 315532800000L;

    /** A member to write: its path inside the wheel, its bytes, and its Unix mode (0 for the default). */
    public record Member(String name, byte[] data, int unixMode) {
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    private WheelWriter() {}

    /**
     * Writes the members and a fresh RECORD into {@code target}.
     *
     * @param distInfo the {@code name-version.dist-info} folder the RECORD goes in
     */
    public static void write(Path target, List<Member> members, String distInfo) {
        String recordName = distInfo + "/RECORD";
        List<Member> ordered = new ArrayList<>();
        for (Member m : members) {
            if (!m.name().equals(recordName)) {
                ordered.add(m);
            }
        }
        // PEP 427 recommends the .dist-info files come last, so that a reader streaming the
        // archive sees the contents first; keep the given order otherwise.
        ordered.sort(Comparator.comparingInt(m -> m.name().startsWith(distInfo + "/") ? 1 : 0));

        StringBuilder record = new StringBuilder();
        for (Member m : ordered) {
            record.append(csv(m.name())).append(",sha256=").append(sha256(m.data()))
                    .append(',').append(m.data().length).append('\n');
        }
        record.append(csv(recordName)).append(",,\n");
        ordered.add(new Member(recordName, record.toString().getBytes(StandardCharsets.UTF_8), 0644));

        Path dir = target.toAbsolutePath().getParent();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new WheelwrightException(target + ": cannot write the wheel: " + dir + " is not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WheelwrightException(target + ": cannot write the wheel: cannot create folder " + dir
                    + " (" + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage()) + ")", e);
        }
        AtomicFiles.write(target, os -> {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
                for (Member m : ordered) {
                    ZipArchiveEntry e = new ZipArchiveEntry(m.name());
                    e.setTime(FIXED_TIME);
                    e.setUnixMode((m.unixMode() == 0 ? 0644 : m.unixMode()) | 0100000);
                    e.setMethod(ZipArchiveEntry.DEFLATED);
                    zip.putArchiveEntry(e);
                    zip.write(m.data());
                    zip.closeArchiveEntry();
                }
            }
        });
    }

    /** PEP 376 RECORD hash: sha256, urlsafe base64 without padding. */
    public static String sha256(byte[] data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** RECORD is CSV: quote a field that holds a comma, quote or line break. */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

}
