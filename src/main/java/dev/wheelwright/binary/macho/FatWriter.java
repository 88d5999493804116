package dev.wheelwright.binary.macho;

import dev.wheelwright.binary.BinaryFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a Mach-O fat (universal) file from thin images, the way {@code lipo -create} lays one
 * out: a big-endian {@code fat_header} and one {@code fat_arch} per slice, each slice starting at
 * an offset aligned to its architecture's page size and copied byte for byte.
 *
 * <p>Layout (mach-o/fat.h): {@code fat_header {magic=FAT_MAGIC 0xcafebabe, nfat_arch}} then
 * {@code fat_arch {cputype, cpusubtype, offset, size, align}} (all uint32, big-endian). Slices
 * are ordered x86-family first and arm64-family last (as lipo's output for universal2 files),
 * with alignment 2^12 for x86 and 2^14 for arm64. The output depends only on the inputs, so the
 * same slices always give the same bytes.
 */
public final class FatWriter {
    static final int FAT_MAGIC = 0xcafebabe;
    static final int MH_MAGIC = 0xfeedface;
    static final int MH_MAGIC_64 = 0xfeedfacf;
    static final int CPU_ARCH_ABI64 = 0x01000000;
    static final int CPU_TYPE_X86 = 7;
    static final int CPU_TYPE_ARM = 12;
    static final int CPU_TYPE_POWERPC = 18;
    private static final long FAT_ARCH_SIZE = 20;

    /** One thin image and the header fields lipo copies into its fat_arch. */
    public record Thin(String name, int cputype, int cpusubtype, byte[] data) {
        /** The alignment lipo uses for this CPU, as a power of two. */
        public int alignPower() {
            int base = cputype & ~CPU_ARCH_ABI64;
            return base == CPU_TYPE_ARM ? 14 : 12;
        }

        int order() {
            int base = cputype & ~CPU_ARCH_ABI64;
            return switch (base) {
                case CPU_TYPE_POWERPC -> 0;
                case CPU_TYPE_X86 -> 1;
                case CPU_TYPE_ARM -> 2;
                default -> 3;
            };
        }
    }

    private FatWriter() {}

    /**
     * Reads the cputype and cpusubtype (with its capability bits, as lipo keeps them) from a thin
     * Mach-O image.
     *
     * @throws BinaryFormatException when the bytes are not a thin Mach-O header
     */
    public static Thin thin(String name, byte[] data) {
        if (data.length < 28) {
            throw new BinaryFormatException(name + ": too short for a Mach-O header (" + data.length + " bytes)");
        }
        ByteBuffer le = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int magic = le.getInt(0);
        ByteOrder order;
        if (magic == MH_MAGIC || magic == MH_MAGIC_64) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (Integer.reverseBytes(magic) == MH_MAGIC || Integer.reverseBytes(magic) == MH_MAGIC_64) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new BinaryFormatException(name + ": not a thin Mach-O file (magic 0x"
                    + Integer.toHexString(Integer.reverseBytes(magic)) + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        return new Thin(name, b.getInt(4), b.getInt(8), data);
    }

    /**
     * The fat file holding the given thin images.
     *
     * @throws BinaryFormatException when two images have the same architecture, or the result
     *                               would need the 64-bit fat format (a slice past 4 GiB)
     */
    public static byte[] write(List<Thin> thins) {
        if (thins.isEmpty()) {
            throw new BinaryFormatException("no Mach-O slices to combine");
        }
        Set<Long> seen = new HashSet<>();
        for (Thin t : thins) {
            long key = ((long) t.cputype() << 32) | (t.cpusubtype() & 0x00ffffffL);
            if (!seen.add(key)) {
                throw new BinaryFormatException(t.name() + ": another slice has the same architecture");
            }
        }
        List<Thin> sorted = new ArrayList<>(thins);
        sorted.sort(Comparator.comparingInt(Thin::order)
                .thenComparingInt(Thin::cputype)
                .thenComparingInt(t -> t.cpusubtype() & 0x00ffffff));

        long[] offsets = new long[sorted.size()];
        long pos = 8 + FAT_ARCH_SIZE * sorted.size();
        for (int i = 0; i < sorted.size(); i++) {
            long align = 1L << sorted.get(i).alignPower();
            pos = (pos + align - 1) / align * align;
            offsets[i] = pos;
            pos += sorted.get(i).data().length;
        }
        if (pos > 0xffffffffL) {
            throw new BinaryFormatException("combined Mach-O would be " + pos + " bytes: over the 4 GiB a 32-bit fat header can address");
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream((int) pos);
        ByteBuffer header = ByteBuffer.allocate((int) (8 + FAT_ARCH_SIZE * sorted.size())).order(ByteOrder.BIG_ENDIAN);
        header.putInt(FAT_MAGIC).putInt(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Thin t = sorted.get(i);
            header.putInt(t.cputype()).putInt(t.cpusubtype())
                    .putInt((int) offsets[i]).putInt(t.data().length).putInt(t.alignPower());
        }
        out.writeBytes(header.array());
        long written = header.capacity();
        for (int i = 0; i < sorted.size(); i++) {
            while (written < offsets[i]) {
                out.write(0);
                written++;
            }
            out.writeBytes(sorted.get(i).data());
            written += sorted.get(i).data().length;
        }
        return out.toByteArray();
    }
}
