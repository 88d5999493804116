package dev.wheelwright.binary.pe;

import dev.wheelwright.binary.BinaryFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renames the DLLs a PE image imports (import table and delay-load import table), as delvewheel's
 * {@code replace_needed} does: the new names are written, NUL-terminated, into the unused tail of
 * sections that are initialized, readable, not executable and not discardable (Next Fit over the
 * sections in address order, each name fitting both the raw data and the gap before the next
 * section); when they do not fit, into a new read-only data section appended after the last one
 * (its header in the spare room after the section table, or in room made by moving every
 * section's raw data one FileAlignment further). The descriptors' name RVAs then point at the new
 * strings; the old strings stay where they are, unused. An image with trailing data (an overlay,
 * such as a COFF symbol table) that needs a new section is refused, since appending would cut the
 * overlay off from its offsets; an Authenticode signature that is the whole overlay is removed
 * (a signature cannot survive the edit), as delvewheel does. DependentLoadFlags in the load
 * configuration is cleared so the loader searches the folders the wheel adds. Finally the
 * optional header's CheckSum is recomputed (delvewheel only when it was set; writing a correct one
 * when it was 0 is harmless, as only drivers and boot DLLs are checked).
 *
 * <p>Layouts from Microsoft's "PE Format" specification.
 */
public final class PePatcher {
    private static final int SECTION_HEADER = 40;
    private static final int DIR_SECURITY = 4;
    private static final int DIR_DEBUG = 6;
    private static final int DIR_LOAD_CONFIG = 10;
    private static final int SCN_CNT_CODE = 0x20;
    private static final int SCN_CNT_INITIALIZED_DATA = 0x40;
    private static final int SCN_CNT_UNINITIALIZED_DATA = 0x80;
    private static final int SCN_GPREL = 0x8000;
    private static final int SCN_LNK_NRELOC_OVFL = 0x01000000;
    private static final int SCN_MEM_DISCARDABLE = 0x02000000;
    private static final int SCN_MEM_EXECUTE = 0x20000000;
    private static final int SCN_MEM_READ = 0x40000000;
    /** The name of the section added when the names fit nowhere else. */
    public static final String NEW_SECTION = ".wwdll";

    private PePatcher() {}

    /**
     * What was done.
     *
     * @param data         the rewritten image
     * @param placement    "padding" (names in sections' spare room) or "new section"
     * @param signatureRemoved whether an Authenticode signature was dropped
     */
    public record Result(byte[] data, String placement, boolean signatureRemoved) {}

    private static final class Section {
        final int headerOff;
        long vsize;
        final long va;
        final long rawSize;
        long rawPtr;
        final int characteristics;

        Section(int headerOff, long vsize, long va, long rawSize, long rawPtr, int characteristics) {
            this.headerOff = headerOff;
            this.vsize = vsize;
            this.va = va;
            this.rawSize = rawSize;
            this.rawPtr = rawPtr;
            this.characteristics = characteristics;
        }

        boolean suitable() {
            int c = characteristics;
            return (c & SCN_CNT_CODE) == 0 && (c & SCN_CNT_INITIALIZED_DATA) != 0 && (c & SCN_CNT_UNINITIALIZED_DATA) == 0
                    && (c & SCN_GPREL) == 0 && (c & SCN_LNK_NRELOC_OVFL) == 0 && (c & SCN_MEM_DISCARDABLE) == 0
                    && (c & SCN_MEM_EXECUTE) == 0 && (c & SCN_MEM_READ) != 0;
        }
    }

    /** A name field to point elsewhere: the file offset of the 4-byte RVA and the DLL name it names now. */
    private record NameRef(int fieldOff, String dll, long base) {}

    /**
     * Renames imported DLLs.
     *
     * @param what    the file, for messages
     * @param data    the image (not modified)
     * @param rename  lower-case old DLL name to new name; names the image does not import are ignored
     */
    public static Result patch(String what, byte[] data, Map<String, String> rename) {
        return patch(what, data, rename, true);
    }

    /** As {@link #patch(String, byte[], Map)}; {@code usePadding} false forces a new section (tests of that path). */
    static Result patch(String what, byte[] original, Map<String, String> rename, boolean usePadding) {
        PeReader.read(what, original); // refuse what does not read
        try {
            return rewrite(what, original, rename, usePadding);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new BinaryFormatException(what + ": a PE header field points outside the file (" + original.length + " bytes)");
        }
    }

    private static Result rewrite(String what, byte[] original, Map<String, String> rename, boolean usePadding) {
        byte[] data = original.clone();
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int coff = b.getInt(0x3c) + 4;
        int nsec = Short.toUnsignedInt(b.getShort(coff + 2));
        int optSize = Short.toUnsignedInt(b.getShort(coff + 16));
        int opt = coff + 20;
        boolean plus = Short.toUnsignedInt(b.getShort(opt)) == PeReader.PE32_PLUS;
        int dirs = opt + (plus ? 112 : 96);
        long ndirs = Math.min(Integer.toUnsignedLong(b.getInt(opt + (plus ? 108 : 92))), Math.max(0, (optSize - (dirs - opt)) / 8));
        long imageBase = plus ? b.getLong(opt + 24) : Integer.toUnsignedLong(b.getInt(opt + 28));
        long sectionAlign = Integer.toUnsignedLong(b.getInt(opt + 32));
        long fileAlign = Integer.toUnsignedLong(b.getInt(opt + 36));
        if (fileAlign == 0 || sectionAlign == 0) {
            throw new BinaryFormatException(what + ": PE FileAlignment or SectionAlignment is 0");
        }
        int secTable = opt + optSize;
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < nsec; i++) {
            int s = secTable + i * SECTION_HEADER;
            sections.add(new Section(s, u32(b, s + 8), u32(b, s + 12), u32(b, s + 16), u32(b, s + 20), b.getInt(s + 36)));
        }
        sections.sort(Comparator.comparingLong(s -> s.va));

        // the name fields of the descriptors whose DLL is renamed, with the new names in first-seen order
        List<NameRef> refs = new ArrayList<>();
        Map<String, String> newNames = new LinkedHashMap<>(); // lower-case old -> new
        if (ndirs > PeReader.DIR_IMPORT && b.getInt(dirs + 8) != 0) {
            int off = offset(what, sections, u32(b, dirs + 8), data.length);
            for (int p = off; p + 20 <= data.length; p += 20) {
                if (b.getInt(p) == 0 && b.getInt(p + 12) == 0 && b.getInt(p + 16) == 0) {
                    break;
                }
                collect(what, b, sections, data, p + 12, 0, rename, refs, newNames);
            }
        }
        if (ndirs > PeReader.DIR_DELAY_IMPORT && b.getInt(dirs + PeReader.DIR_DELAY_IMPORT * 8) != 0) {
            int off = offset(what, sections, u32(b, dirs + PeReader.DIR_DELAY_IMPORT * 8), data.length);
            for (int p = off; p + 32 <= data.length && b.getInt(p + 4) != 0; p += 32) {
                // Attributes bit 0 clear: the old layout, whose fields are VAs rather than RVAs
                long base = (b.getInt(p) & 1) == 0 && imageBase != 0 && u32(b, p + 4) >= imageBase ? imageBase : 0;
                collect(what, b, sections, data, p + 4, base, rename, refs, newNames);
            }
        }

        // an Authenticode signature that is all the overlay goes (delvewheel: it cannot survive the edit)
        long peSize = 0;
        for (Section s : sections) {
            peSize = Math.max(peSize, s.rawPtr + s.rawSize);
        }
        boolean signatureRemoved = false;
        int length = data.length;
        if (ndirs > DIR_SECURITY) {
            long certOff = u32(b, dirs + DIR_SECURITY * 8);
            long certSize = u32(b, dirs + DIR_SECURITY * 8 + 4);
            if (certOff != 0) {
                if (certOff == roundUp(peSize, 8) && certOff + certSize == data.length) {
                    length = (int) peSize;
                }
                b.putInt(dirs + DIR_SECURITY * 8, 0);
                b.putInt(dirs + DIR_SECURITY * 8 + 4, 0);
                signatureRemoved = true;
            }
        }
        boolean flagsCleared = clearDependentLoadFlags(what, b, sections, data.length, ndirs, dirs, plus);
        if (refs.isEmpty()) {
            // nothing to rename: the image stays as it is, signature included, unless its load flags had to go
            return flagsCleared ? finish(Arrays.copyOf(data, length), opt, "unchanged", signatureRemoved)
                    : new Result(original, "unchanged", false);
        }

        List<String> order = new ArrayList<>(newNames.values());
        Map<String, Long> rvaOf = new LinkedHashMap<>(); // new name -> its RVA
        String placement;
        if (usePadding && fitsInPadding(sections, order, null, data)) {
            fitsInPadding(sections, order, rvaOf, data);
            for (Section s : sections) {
                b.putInt(s.headerOff + 8, (int) s.vsize);
            }
            placement = "padding";
            for (NameRef r : refs) {
                putRva(b, r, rvaOf.get(newNames.get(r.dll())));
            }
            updateSizes(b, opt, sections, fileAlign, sectionAlign);
            return finish(Arrays.copyOf(data, length), opt, placement, signatureRemoved);
        }
        if (length > peSize) {
            throw new BinaryFormatException(what + ": the new DLL names do not fit in the image's spare room and it has "
                    + (length - peSize) + " bytes of trailing data (a symbol table? strip it, as delvewheel's --strip does)");
        }
        // a new section: header after the section table, data after the last section
        java.io.ByteArrayOutputStream strings = new java.io.ByteArrayOutputStream();
        long newVa = 0;
        for (Section s : sections) {
            newVa = Math.max(newVa, s.va + Math.max(s.vsize, 0));
        }
        newVa = roundUp(newVa, sectionAlign);
        for (String n : order) {
            rvaOf.put(n, newVa + strings.size());
            strings.writeBytes(n.getBytes(StandardCharsets.US_ASCII));
            strings.write(0);
        }
        int dataSize = strings.size();
        int padded = (int) roundUp(dataSize, fileAlign);
        long sizeOfHeaders = u32(b, opt + 60);
        int tableEnd = secTable + nsec * SECTION_HEADER;
        int shift = sizeOfHeaders - tableEnd >= SECTION_HEADER ? 0 : (int) roundUp(SECTION_HEADER, fileAlign);
        for (NameRef r : refs) {
            putRva(b, r, rvaOf.get(newNames.get(r.dll())));
        }
        if (shift != 0) {
            for (Section s : sections) {
                if (s.rawPtr != 0) {
                    b.putInt(s.headerOff + 20, (int) (s.rawPtr + shift));
                }
            }
            shiftDebugDirectory(what, b, sections, data.length, ndirs, dirs, shift);
            b.putInt(opt + 60, (int) (sizeOfHeaders + shift));
            if (b.getInt(coff + 8) != 0) {
                throw new BinaryFormatException(what + ": has a COFF symbol table and no room for a new section header");
            }
        }
        b.putShort(coff + 2, (short) (nsec + 1));
        long sizeOfImage = roundUp(newVa + dataSize, sectionAlign);
        b.putInt(opt + 56, (int) sizeOfImage);
        b.putInt(opt + 8, (int) (u32(b, opt + 8) + padded)); // SizeOfInitializedData
        byte[] header = new byte[SECTION_HEADER];
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        h.put(Arrays.copyOf(NEW_SECTION.getBytes(StandardCharsets.US_ASCII), 8));
        h.putInt(8, dataSize);
        h.putInt(12, (int) newVa);
        h.putInt(16, padded);
        h.putInt(20, length + shift);
        h.putInt(36, SCN_MEM_READ | SCN_CNT_INITIALIZED_DATA);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(length + shift + padded);
        out.write(data, 0, tableEnd);
        out.writeBytes(header);
        if (shift != 0) {
            out.writeBytes(new byte[shift - SECTION_HEADER]);
            out.write(data, tableEnd, length - tableEnd);
        } else {
            out.write(data, tableEnd + SECTION_HEADER, length - tableEnd - SECTION_HEADER);
        }
        out.writeBytes(strings.toByteArray());
        out.writeBytes(new byte[padded - dataSize]);
        return finish(out.toByteArray(), opt, "new section", signatureRemoved);
    }

    private static void collect(String what, ByteBuffer b, List<Section> sections, byte[] data, int field, long base,
                                Map<String, String> rename, List<NameRef> refs, Map<String, String> newNames) {
        long rva = u32(b, field) - base;
        int off = offset(what, sections, rva, data.length);
        int end = off;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        String name = new String(data, off, end - off, StandardCharsets.ISO_8859_1);
        String lower = name.toLowerCase(Locale.ROOT);
        String to = rename.get(lower);
        if (to != null) {
            refs.add(new NameRef(field, lower, base));
            newNames.putIfAbsent(lower, to);
        }
    }

    /** Points a name field at a new RVA (a delay descriptor of the old VA layout keeps a VA). */
    private static void putRva(ByteBuffer b, NameRef r, long rva) {
        b.putInt(r.fieldOff(), (int) (rva + r.base()));
    }

    /**
     * delvewheel's Next Fit: walks the suitable sections in address order and places each name
     * (with its NUL) while it fits before both the end of the raw data and the next section. With
     * {@code rvaOf} null only answers; otherwise writes the names and grows the sections' VirtualSize.
     */
    private static boolean fitsInPadding(List<Section> sections, List<String> names, Map<String, Long> rvaOf, byte[] data) {
        int i = 0;
        for (int k = 0; k < sections.size() && i < names.size(); k++) {
            Section s = sections.get(k);
            if (s.vsize >= s.rawSize || !s.suitable()) {
                continue;
            }
            long rva = s.va + s.vsize;
            long off = s.rawPtr + s.vsize;
            long limitRva = k + 1 < sections.size() ? sections.get(k + 1).va : Long.MAX_VALUE;
            while (i < names.size()) {
                byte[] n = names.get(i).getBytes(StandardCharsets.US_ASCII);
                if (off + n.length >= s.rawPtr + s.rawSize || rva + n.length >= limitRva || off + n.length >= data.length) {
                    break;
                }
                if (rvaOf != null) {
                    System.arraycopy(n, 0, data, (int) off, n.length);
                    data[(int) off + n.length] = 0;
                    rvaOf.put(names.get(i), rva);
                    s.vsize += n.length + 1;
                }
                rva += n.length + 1;
                off += n.length + 1;
                i++;
            }
        }
        return i == names.size();
    }

    private static void updateSizes(ByteBuffer b, int opt, List<Section> sections, long fileAlign, long sectionAlign) {
        long init = 0;
        for (Section s : sections) {
            if ((s.characteristics & SCN_CNT_INITIALIZED_DATA) != 0) {
                init += Math.max(s.rawSize, roundUp(s.vsize, fileAlign));
            }
        }
        b.putInt(opt + 8, (int) init);
        Section last = sections.get(sections.size() - 1);
        long image = roundUp(last.va + last.vsize, sectionAlign);
        b.putInt(opt + 56, (int) Math.max(image, u32(b, opt + 56)));
    }

    /** IMAGE_LOAD_CONFIG_DIRECTORY: DependentLoadFlags, a WORD at 78 (PE32+) or 54 (PE32), when Size reaches it. */
    private static boolean clearDependentLoadFlags(String what, ByteBuffer b, List<Section> sections, int length, long ndirs, int dirs,
                                                   boolean plus) {
        if (ndirs <= DIR_LOAD_CONFIG || b.getInt(dirs + DIR_LOAD_CONFIG * 8) == 0) {
            return false;
        }
        int off;
        try {
            off = offset(what, sections, u32(b, dirs + DIR_LOAD_CONFIG * 8), length);
        } catch (BinaryFormatException e) {
            return false; // a load configuration outside the file's data holds no flags to clear
        }
        int at = plus ? 78 : 54;
        if (off + 4 <= length && u32(b, off) >= at + 2 && off + at + 2 <= length && b.getShort(off + at) != 0) {
            b.putShort(off + at, (short) 0);
            return true;
        }
        return false;
    }

    /** IMAGE_DEBUG_DIRECTORY entries (28 bytes) hold file offsets (PointerToRawData at +24) that move with the sections. */
    private static void shiftDebugDirectory(String what, ByteBuffer b, List<Section> sections, int length, long ndirs, int dirs, int shift) {
        if (ndirs <= DIR_DEBUG || b.getInt(dirs + DIR_DEBUG * 8) == 0) {
            return;
        }
        int off = offset(what, sections, u32(b, dirs + DIR_DEBUG * 8), length);
        long size = u32(b, dirs + DIR_DEBUG * 8 + 4);
        for (int p = off; p + 28 <= off + size && p + 28 <= length; p += 28) {
            long ptr = u32(b, p + 24);
            if (ptr != 0) {
                b.putInt(p + 24, (int) (ptr + shift));
            }
        }
    }

    private static Result finish(byte[] data, int opt, String placement, boolean signatureRemoved) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(opt + 64, (int) checksum(data));
        return new Result(data, placement, signatureRemoved);
    }

    /**
     * The PE image checksum (the algorithm of imagehlp's CheckSumMappedFile): the file as
     * little-endian 16-bit words summed with end-around carry, the CheckSum field itself (optional
     * header + 64) counted as zero, folded to 16 bits, plus the file length.
     */
    public static long checksum(byte[] data) {
        int opt = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(0x3c) + 24;
        int field = opt + 64;
        long sum = 0;
        for (int i = 0; i < data.length; i += 2) {
            int word;
            if (i >= field && i < field + 4) {
                word = 0;
            } else {
                word = (data[i] & 0xff) | (i + 1 < data.length ? (data[i + 1] & 0xff) << 8 : 0);
            }
            sum += word;
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        return (sum & 0xffff) + data.length;
    }

    private static long u32(ByteBuffer b, int off) {
        return Integer.toUnsignedLong(b.getInt(off));
    }

    private static long roundUp(long v, long align) {
        return (v + align - 1) / align * align;
    }

    private static int offset(String what, List<Section> sections, long rva, int length) {
        for (Section s : sections) {
            if (rva >= s.va && rva < s.va + Math.max(s.vsize, s.rawSize) && rva - s.va < s.rawSize) {
                long off = s.rawPtr + (rva - s.va);
                if (off < length) {
                    return (int) off;
                }
            }
        }
        throw new BinaryFormatException(what + ": RVA 0x" + Long.toHexString(rva) + " has no data in the file");
    }
}
