package dev.wheelwright.wheel;

import dev.wheelwright.WheelwrightException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** Every file member of a wheel read into memory, for commands that rewrite wheels (fuse, retag, repair). */
public final class WheelMembers {
    /** Members bigger than this are not read into memory. */
    static final long MAX_MEMBER = 1L << 30;

    /** A member's bytes and Unix permission bits. */
    public record Member(byte[] data, int mode) {}

    private WheelMembers() {}

    /** The file members in archive order; unsafe names, duplicates and huge members stop the read. */
    public static Map<String, Member> read(Path wheel) {
        Map<String, Member> out = new LinkedHashMap<>();
        String file = String.valueOf(wheel.getFileName());
        requireFile(wheel);
        try (ZipFile zip = ZipFile.builder().setPath(wheel).get()) {
            for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder(); en.hasMoreElements(); ) {
                ZipArchiveEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                if (name.chars().anyMatch(Character::isISOControl)) {
                    // a newline in a name would also break the one-line error the user sees
                    throw new WheelwrightException(file + ": unsafe member name '" + name.chars()
                            .mapToObj(c -> Character.isISOControl(c) ? String.format("\\x%02x", c) : Character.toString(c))
                            .collect(java.util.stream.Collectors.joining()) + "' (control characters)");
                }
                if (name.startsWith("/") || name.contains("\\") || Arrays.asList(name.split("/")).contains("..")) {
                    throw new WheelwrightException(file + ": unsafe member name '" + name + "'");
                }
                if (out.containsKey(name)) {
                    throw new WheelwrightException(file + ": member '" + name + "' appears twice");
                }
                if (e.getSize() > MAX_MEMBER) {
                    throw new WheelwrightException(file + ": member '" + name + "' is over 1 GiB");
                }
                byte[] data;
                try (InputStream is = zip.getInputStream(e)) {
                    data = is.readNBytes((int) MAX_MEMBER + 1);
                }
                if (data.length > MAX_MEMBER) {
                    throw new WheelwrightException(file + ": member '" + name + "' is over 1 GiB");
                }
                // commons-compress does not check CRC-32 on read (APPNOTE.TXT 4.4.7): without this a
                // damaged member would be copied into the new wheel under a fresh, valid RECORD hash.
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(data);
                if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                    throw new WheelwrightException(file + ": member '" + name + "' is damaged (CRC-32 "
                            + String.format("%08x", crc.getValue()) + ", the archive says "
                            + String.format("%08x", e.getCrc()) + ")");
                }
                out.put(name, new Member(data, e.getUnixMode() & 0777));
            }
        } catch (java.util.zip.ZipException e) {
            // commons-compress says "Archive is not a ZIP archive" when no end of central directory
            // record is found (APPNOTE.TXT 4.3.16): a truncated download or another kind of file.
            String why = e.getMessage() != null && e.getMessage().contains("not a ZIP archive")
                    ? "not a zip file (no end of central directory record; truncated or not a wheel)"
                    : "damaged zip file (" + e.getMessage() + ")";
            throw new WheelwrightException(wheel + ": " + why, e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new WheelwrightException(wheel + ": cannot read the wheel: permission denied", e);
        } catch (IOException e) {
            throw new WheelwrightException(wheel + ": cannot read the wheel: " + e.getMessage(), e);
        }
        return out;
    }

    /** One line for an input that is missing or is a folder, before any zip reader sees it. */
    static void requireFile(Path wheel) {
        if (Files.isDirectory(wheel)) {
            throw new WheelwrightException(wheel + ": is a folder, not a wheel file");
        }
        if (!Files.exists(wheel)) {
            throw new WheelwrightException(wheel + ": no such file");
        }
    }

    /** The top-level {@code name-version.dist-info} folder that holds WHEEL. */
    public static String distInfo(Path wheel, Map<String, Member> members) {
        for (String n : members.keySet()) {
            if (n.endsWith(".dist-info/WHEEL") && n.indexOf('/') == n.length() - "/WHEEL".length()) {
                return n.substring(0, n.length() - "/WHEEL".length());
            }
        }
        throw new WheelwrightException(wheel.getFileName() + ": no .dist-info/WHEEL file; not a wheel");
    }

    /**
     * Checks each member against its RECORD hash (PEP 376 / PEP 427: installers must), so that a
     * wheel altered after it was built is not rewritten under a fresh RECORD that hides it. Lines
     * without a hash (RECORD itself, signatures) and members not listed are left alone.
     */
    public static void verifyRecord(Path wheel, Map<String, Member> members, String distInfo) {
        Member record = members.get(distInfo + "/RECORD");
        if (record == null) {
            return;
        }
        String file = String.valueOf(wheel.getFileName());
        for (String line : new String(record.data(), java.nio.charset.StandardCharsets.UTF_8).split("\r?\n")) {
            List<String> cells = csv(line);
            if (cells.size() < 2 || cells.get(1).isEmpty()) {
                continue;
            }
            String name = cells.get(0);
            String hash = cells.get(1);
            int eq = hash.indexOf('=');
            Member m = members.get(name);
            if (m == null || eq < 0) {
                continue;
            }
            String algorithm = switch (hash.substring(0, eq)) {
                case "sha256" -> "SHA-256";
                case "sha384" -> "SHA-384";
                case "sha512" -> "SHA-512";
                default -> null; // PEP 427 forbids md5 and sha1; an unknown name is not ours to judge
            };
            if (algorithm == null) {
                continue;
            }
            try {
                byte[] digest = java.security.MessageDigest.getInstance(algorithm).digest(m.data());
                String got = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
                // a digest written in hex or padded base64 still vouches for the member (the rewritten RECORD is correct)
                String recorded = hash.substring(eq + 1);
                if (!got.equals(recorded) && WheelReader.otherEncoding(recorded, got) == null) {
                    throw new WheelwrightException(file + ": member '" + name + "' does not match its RECORD hash"
                            + " (changed after the wheel was built)");
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One RECORD line (RFC 4180 CSV, as Python's csv module writes it). */
    static List<String> csv(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
