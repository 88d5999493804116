package dev.wheelwright.binary.elf;

import dev.wheelwright.binary.BinaryFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ldconfig cache ({@code /etc/ld.so.cache}), the table ld.so consults after
 * LD_LIBRARY_PATH and DT_RUNPATH. glibc's {@code sysdeps/generic/dl-cache.h} defines two layouts:
 * the old one ({@code "ld.so-1.7.0"}, 12-byte entries) and the new one
 * ({@code "glibc-ld.so.cache1.1"}: a 48-byte header of magic+version, nlibs, len_strings, flags,
 * extension_offset, then 24-byte {@code file_entry_new} entries: flags, key, value, osversion,
 * hwcap). glibc 2.32+ writes the new layout alone; older ldconfig writes the old one followed by
 * the new one. String offsets of the new layout count from the new header; those of the old one
 * from the start of its string area. Entries come in ldconfig's order (the order ld.so searches).
 */
public final class LdSoCache {
    private static final byte[] OLD_MAGIC = "ld.so-1.7.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW_MAGIC = "glibc-ld.so.cache".getBytes(StandardCharsets.US_ASCII);

    /** One cache entry: a library name ({@code libz.so.1}), its path, and ldconfig's flags (arch bits). */
    public record Entry(String name, String path, int flags) {}

    private LdSoCache() {}

    /** The entries of a cache file's bytes; {@code source} names it in errors. */
    public static List<Entry> parse(String source, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        int newStart = 0;
        if (startsWith(data, 0, OLD_MAGIC)) {
            // old header: magic[11] (padded to 12), nlibs, then nlibs * {flags, key, value}
            if (data.length < 16) {
                throw new BinaryFormatException(source + ": truncated ld.so cache header");
            }
            long n = b.getInt(12) & 0xffffffffL;
            long after = 16 + n * 12;
            after = (after + 7) & ~7L; // the new layout that follows is aligned (ALIGN_CACHE)
            if (after < data.length && startsWith(data, (int) after, NEW_MAGIC)) {
                newStart = (int) after;
            } else {
                return parseOld(source, b, n);
            }
        }
        if (!startsWith(data, newStart, NEW_MAGIC)) {
            throw new BinaryFormatException(source + ": not an ld.so cache (no 'glibc-ld.so.cache' or 'ld.so-1.7.0' magic)");
        }
        if (data.length < newStart + 48) {
            throw new BinaryFormatException(source + ": truncated ld.so cache header");
        }
        long n = b.getInt(newStart + 20) & 0xffffffffL;
        if (n > (data.length - newStart - 48) / 24) {
            // a cache written on a machine of the other byte order: try the other one
            b.order(b.order() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            n = b.getInt(newStart + 20) & 0xffffffffL;
            if (n > (data.length - newStart - 48) / 24) {
                throw new BinaryFormatException(source + ": ld.so cache claims " + n + " entries, more than the file holds");
            }
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int p = newStart + 48 + i * 24;
            int flags = b.getInt(p);
            long key = b.getInt(p + 4) & 0xffffffffL;
            long value = b.getInt(p + 8) & 0xffffffffL;
            out.add(new Entry(string(source, data, newStart + key), string(source, data, newStart + value), flags));
        }
        return out;
    }

    private static List<Entry> parseOld(String source, ByteBuffer b, long n) {
        byte[] data = b.array();
        if (n > (data.length - 16) / 12) {
            throw new BinaryFormatException(source + ": ld.so cache claims " + n + " entries, more than the file holds");
        }
        long strings = 16 + n * 12;
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int p = 16 + i * 12;
            out.add(new Entry(string(source, data, strings + (b.getInt(p + 4) & 0xffffffffL)),
                    string(source, data, strings + (b.getInt(p + 8) & 0xffffffffL)), b.getInt(p)));
        }
        return out;
    }

    private static boolean startsWith(byte[] data, int at, byte[] magic) {
        if (at < 0 || at + magic.length > data.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (data[at + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String string(String source, byte[] data, long off) {
        if (off < 0 || off >= data.length) {
            throw new BinaryFormatException(source + ": string offset " + off + " outside the ld.so cache");
        }
        int end = (int) off;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, (int) off, end - (int) off, StandardCharsets.UTF_8);
    }
}
