package dev.wheelwright.binary.macho;

import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.MachOSlice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a fat (universal) Mach-O file from thin ones, laid out as lipo lays it out, so that
 * the result is deterministic and byte-identical to {@code lipo -create} on the same inputs.
 *
 * <p>Layout ({@code <mach-o/fat.h>}, big-endian): fat_header, one fat_arch per slice, then each
 * slice at the next multiple of its alignment, zero-filled in between. Alignment is the
 * platform page size: 2^12 for i386, x86_64 and PowerPC, 2^14 for ARM, and a 4 KiB page for
 * any other CPU. Slices are
 * ordered by alignment with arm64-family slices last, as Apple's lipo orders them (so a
 * universal2 file holds x86_64 then arm64).
 */
public final class MachOFatWriter {
    /** A thin Mach-O file to put into the fat file; {@code name} is used in errors. */
    public record Thin(String name, byte[] data) {}

    private record Planned(Thin thin, MachOSlice slice, int align) {}

    private MachOFatWriter() {}

    public static byte[] write(List<Thin> thins) {
        if (thins.isEmpty()) {
            throw new BinaryFormatException("fat file: no slices given");
        }
        List<Planned> planned = new ArrayList<>();
        for (Thin t : thins) {
            if (!MachOReader.isThin(t.data())) {
                throw new BinaryFormatException(t.name() + ": not a thin Mach-O file"
                        + (MachOReader.isFat(t.data()) ? " (it is already fat)" : ""));
            }
            BinaryInfo info = MachOReader.read(t.name(), t.data());
            MachOSlice s = (MachOSlice) info.slices().get(0);
            for (Planned p : planned) {
                if (p.slice.cputype() == s.cputype() && p.slice.cpusubtype() == s.cpusubtype()) {
                    throw new BinaryFormatException(t.name() + ": has the same architecture (" + s.arch() + ") as "
                            + p.thin.name());
                }
            }
            planned.add(new Planned(t, s, alignment(t.data(), s)));
        }
        // Stable: equal keys keep the caller's order.
        planned.sort(Comparator.comparingInt((Planned p) -> p.slice.cputype() == MachOArch.CPU_TYPE_ARM64 ? 1 : 0)
                .thenComparingInt(p -> p.slice.cputype() == MachOArch.CPU_TYPE_ARM64 ? p.slice.cpusubtype() : p.align));

        long offset = 8L + 20L * planned.size();
        long[] offsets = new long[planned.size()];
        for (int i = 0; i < planned.size(); i++) {
            long a = 1L << planned.get(i).align;
            offset = (offset + a - 1) / a * a;
            offsets[i] = offset;
            offset += planned.get(i).thin.data().length;
        }
        if (offset > 0xffff_ffffL || offset > Integer.MAX_VALUE - 8) {
            throw new BinaryFormatException("fat file: " + offset + " bytes is too large for a 32-bit fat header");
        }
        ByteBuffer out = ByteBuffer.allocate((int) offset).order(ByteOrder.BIG_ENDIAN);
        out.putInt(MachOReader.FAT_MAGIC);
        out.putInt(planned.size());
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            out.putInt(p.slice.cputype());
            out.putInt(rawSubtype(p.thin.data()));
            out.putInt((int) offsets[i]);
            out.putInt(p.thin.data().length);
            out.putInt(p.align);
        }
        for (int i = 0; i < planned.size(); i++) {
            out.put((int) offsets[i], planned.get(i).thin.data());
        }
        return out.array();
    }

    /** cpusubtype as the header stores it, capability bits included (lipo copies it verbatim). */
    private static int rawSubtype(byte[] thin) {
        boolean little = (thin[0] & 0xff) == 0xce || (thin[0] & 0xff) == 0xcf;
        ByteBuffer b = ByteBuffer.wrap(thin, 8, 4).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        return b.getInt();
    }

    /** The page-size alignment of a CPU, as a power of two. */
    static int alignment(byte[] data, MachOSlice s) {
        int cpu = s.cputype();
        if (cpu == MachOArch.CPU_TYPE_X86 || cpu == MachOArch.CPU_TYPE_X86_64
                || cpu == MachOArch.CPU_TYPE_POWERPC || cpu == MachOArch.CPU_TYPE_POWERPC64) {
            return 12;
        }
        if (cpu == MachOArch.CPU_TYPE_ARM || cpu == MachOArch.CPU_TYPE_ARM64 || cpu == MachOArch.CPU_TYPE_ARM64_32) {
            return 14;
        }
        return 12; // unusual CPUs: a page is the safe choice
    }
}
