package dev.wheelwright.binary.elf;

import dev.wheelwright.binary.BinaryFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the dynamic-linking names of an ELF file in pure Java, as {@code patchelf
 * --replace-needed/--set-soname/--set-rpath} does: DT_NEEDED values replaced, DT_SONAME set,
 * DT_RPATH and DT_RUNPATH replaced by one DT_RUNPATH (or removed).
 *
 * <p>Strings already in {@code .dynstr} are reused (a string may be the tail of another, as
 * linkers merge them). When a new string is needed, the string table is copied, with the new
 * strings appended, into a new loadable segment at the end of the file, as patchelf does for
 * shared libraries: the program header table moves there too (it needs one more entry and has no
 * room where it is), DT_STRTAB and DT_STRSZ and the section headers follow. When the dynamic
 * section has no free DT_NULL slot for an added entry it moves into that segment as well, which is
 * then writable (the loader may write to it) and PT_DYNAMIC follows. Old bytes stay where they
 * were; every offset into the old string table (symbol names, version needs) stays valid because
 * the new table starts with the old one. The library names of {@code .gnu.version_r} (vn_file)
 * follow a replaced DT_NEEDED, since ld.so pairs them with DT_NEEDED by name.
 */
public final class ElfPatcher {
    static final int PT_LOAD = 1;
    static final int PT_DYNAMIC = 2;
    static final int PT_PHDR = 6;
    static final int SHT_DYNAMIC = 6;
    static final int PF_W = 2;
    static final int PF_R = 4;

    private ElfPatcher() {}

    /**
     * What to change.
     *
     * @param replaceNeeded old DT_NEEDED name to new name
     * @param soname        the new DT_SONAME (added if missing), null to keep it
     * @param runpath       the new DT_RUNPATH (any DT_RPATH is dropped), "" to remove both, null to keep them
     */
    public record Edit(Map<String, String> replaceNeeded, String soname, String runpath) {
        public Edit {
            replaceNeeded = Map.copyOf(replaceNeeded);
        }

        public boolean isEmpty() {
            return replaceNeeded.isEmpty() && soname == null && runpath == null;
        }
    }

    private record Phdr(int type, int flags, long offset, long vaddr, long paddr, long filesz, long memsz, long align) {}

    /** Returns the patched copy of {@code data}; {@code name} names the file in errors. */
    public static byte[] patch(String name, byte[] data, Edit edit) {
        if (data.length < 64 || !ElfReader.isElf(data)) {
            throw new BinaryFormatException(name + ": not an ELF file");
        }
        boolean is64 = data[4] == 2;
        boolean little = data[5] == 1;
        if ((data[4] != 1 && data[4] != 2) || (data[5] != 1 && data[5] != 2)) {
            throw new BinaryFormatException(name + ": invalid ELF class or data encoding");
        }
        Io in = new Io(data, little, is64, name);
        long phoff = is64 ? in.u64(32) : in.u32(28);
        long shoff = is64 ? in.u64(40) : in.u32(32);
        int phentsize = in.u16(is64 ? 54 : 42);
        int phnum = in.u16(is64 ? 56 : 44);
        int shentsize = in.u16(is64 ? 58 : 46);
        int shnum = in.u16(is64 ? 60 : 48);
        if (phnum == 0 || phentsize < (is64 ? 56 : 32)) {
            throw new BinaryFormatException(name + ": has no program headers: not a loadable ELF file");
        }
        List<Phdr> phdrs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            long p = phoff + (long) i * phentsize;
            in.require(p, phentsize, "program header " + i);
            phdrs.add(is64
                    ? new Phdr(in.i32(p), in.i32(p + 4), in.u64(p + 8), in.u64(p + 16), in.u64(p + 24), in.u64(p + 32),
                            in.u64(p + 40), in.u64(p + 48))
                    : new Phdr(in.i32(p), in.i32(p + 24), in.u32(p + 4), in.u32(p + 8), in.u32(p + 12), in.u32(p + 16),
                            in.u32(p + 20), in.u32(p + 28)));
        }
        Phdr dyn = phdrs.stream().filter(h -> h.type == PT_DYNAMIC).findFirst()
                .orElseThrow(() -> new BinaryFormatException(name + ": has no dynamic section (PT_DYNAMIC): a static binary"));
        int entsize = is64 ? 16 : 8;
        in.require(dyn.offset, dyn.filesz, "dynamic section");
        int slots = (int) (dyn.filesz / entsize);
        List<long[]> entries = new ArrayList<>();
        long strtab = -1;
        long strsz = -1;
        for (int i = 0; i < slots; i++) {
            long p = dyn.offset + (long) i * entsize;
            long tag = is64 ? in.u64(p) : in.i32(p);
            long val = is64 ? in.u64(p + 8) : in.u32(p + 4);
            if (tag == ElfReader.DT_NULL) {
                break;
            }
            if (tag == ElfReader.DT_STRTAB) {
                strtab = val;
            } else if (tag == ElfReader.DT_STRSZ) {
                strsz = val;
            }
            entries.add(new long[] {tag, val});
        }
        if (strtab < 0 || strsz < 0) {
            throw new BinaryFormatException(name + ": the dynamic section has no DT_STRTAB/DT_STRSZ");
        }
        long strOff = toOffset(name, phdrs, strtab);
        in.require(strOff, strsz, "dynamic string table");
        byte[] oldStrings = Arrays.copyOfRange(data, (int) strOff, (int) (strOff + strsz));
        Strings strings = new Strings(oldStrings);

        // the new list of entries
        List<long[]> out = new ArrayList<>();
        boolean sonameSeen = false;
        int rpathAt = -1;
        int lastNameAt = -1;
        for (long[] e : entries) {
            long tag = e[0];
            if (tag == ElfReader.DT_NEEDED) {
                String old = strings.at(name, e[1]);
                String repl = edit.replaceNeeded().get(old);
                out.add(new long[] {tag, repl == null ? e[1] : strings.offsetOf(repl)});
                lastNameAt = out.size();
            } else if (tag == ElfReader.DT_SONAME) {
                sonameSeen = true;
                out.add(new long[] {tag, edit.soname() == null ? e[1] : strings.offsetOf(edit.soname())});
                lastNameAt = out.size();
            } else if ((tag == ElfReader.DT_RPATH || tag == ElfReader.DT_RUNPATH) && edit.runpath() != null) {
                if (rpathAt < 0) {
                    rpathAt = out.size();
                }
            } else {
                out.add(e);
            }
        }
        if (edit.soname() != null && !sonameSeen) {
            out.add(Math.max(lastNameAt, 0), new long[] {ElfReader.DT_SONAME, strings.offsetOf(edit.soname())});
            if (rpathAt >= Math.max(lastNameAt, 0)) {
                rpathAt++;
            }
            lastNameAt = Math.max(lastNameAt, 0) + 1;
        }
        if (edit.runpath() != null && !edit.runpath().isEmpty()) {
            int at = rpathAt >= 0 ? rpathAt : Math.max(lastNameAt, 0);
            out.add(at, new long[] {ElfReader.DT_RUNPATH, strings.offsetOf(edit.runpath())});
        }
        // .gnu.version_r names each library it needs versions from (vn_file); ld.so matches those names
        // against DT_NEEDED, so they follow a replaced DT_NEEDED, as patchelf --replace-needed does
        List<long[]> verneedFixes = new ArrayList<>(); // {file offset of vn_file, new string offset}
        long verneed = -1;
        long verneedNum = 0;
        for (long[] e : entries) {
            if (e[0] == ElfReader.DT_VERNEED) {
                verneed = e[1];
            } else if (e[0] == ElfReader.DT_VERNEEDNUM) {
                verneedNum = e[1];
            }
        }
        if (verneed >= 0 && !edit.replaceNeeded().isEmpty()) {
            long vp = toOffset(name, phdrs, verneed);
            for (long i = 0; i < verneedNum && i < data.length / 16; i++) {
                in.require(vp, 16, ".gnu.version_r entry " + i);
                String file = strings.at(name, in.u32(vp + 4));
                String repl = edit.replaceNeeded().get(file);
                if (repl != null) {
                    verneedFixes.add(new long[] {vp + 4, strings.offsetOf(repl)});
                }
                long next = in.u32(vp + 12);
                if (next == 0) {
                    break;
                }
                vp += next;
            }
        }
        byte[] extra = strings.extra();
        boolean moveStrings = extra.length > 0;
        boolean moveDynamic = out.size() + 1 > slots;
        byte[] result = data.clone();
        Io w = new Io(result, little, is64, name);
        for (long[] f : verneedFixes) {
            w.put32(f[0], f[1]);
        }
        if (!moveStrings && !moveDynamic) {
            writeDynamic(w, dyn.offset, slots, out, is64);
            return result;
        }

        // a new PT_LOAD at the end: [program headers][string table][dynamic section]
        long align = 0x1000;
        long memEnd = 0;
        for (Phdr h : phdrs) {
            if (h.type == PT_LOAD) {
                align = Math.max(align, h.align);
                memEnd = Math.max(memEnd, h.vaddr + h.memsz);
            }
        }
        long segOff = roundUp(data.length, align);
        long segVaddr = roundUp(memEnd, align);
        int newPhnum = phnum + 1;
        long phSize = (long) newPhnum * phentsize;
        long strPos = roundUp(phSize, 8);
        byte[] newStrings = moveStrings ? concat(oldStrings, extra) : oldStrings;
        long dynPos = roundUp(strPos + (moveStrings ? newStrings.length : 0), 8);
        int newSlots = moveDynamic ? out.size() + 1 : slots;
        long segSize = moveDynamic ? dynPos + (long) newSlots * entsize : strPos + (moveStrings ? newStrings.length : 0);
        if (moveStrings) {
            for (long[] e : out) {
                if (e[0] == ElfReader.DT_STRTAB) {
                    e[1] = segVaddr + strPos;
                } else if (e[0] == ElfReader.DT_STRSZ) {
                    e[1] = newStrings.length;
                }
            }
        }
        byte[] grown = Arrays.copyOf(result, (int) (segOff + segSize));
        w = new Io(grown, little, is64, name);
        // program headers: PT_PHDR and PT_DYNAMIC follow, the new PT_LOAD goes after the last PT_LOAD
        List<Phdr> newPhdrs = new ArrayList<>();
        int lastLoad = -1;
        for (int i = 0; i < phdrs.size(); i++) {
            Phdr h = phdrs.get(i);
            if (h.type == PT_PHDR) {
                h = new Phdr(h.type, h.flags, segOff, segVaddr, segVaddr, phSize, phSize, h.align);
            } else if (h.type == PT_DYNAMIC && moveDynamic) {
                long sz = (long) newSlots * entsize;
                h = new Phdr(h.type, h.flags | PF_W, segOff + dynPos, segVaddr + dynPos, segVaddr + dynPos, sz, sz, h.align);
            }
            newPhdrs.add(h);
            if (h.type == PT_LOAD) {
                lastLoad = newPhdrs.size();
            }
        }
        int flags = PF_R | (moveDynamic ? PF_W : 0);
        newPhdrs.add(lastLoad < 0 ? newPhdrs.size() : lastLoad,
                new Phdr(PT_LOAD, flags, segOff, segVaddr, segVaddr, segSize, segSize, align));
        for (int i = 0; i < newPhdrs.size(); i++) {
            writePhdr(w, segOff + (long) i * phentsize, newPhdrs.get(i), is64);
        }
        if (is64) {
            w.put64(32, segOff);
            w.put16(56, newPhnum);
        } else {
            w.put32(28, segOff);
            w.put16(44, newPhnum);
        }
        if (moveStrings) {
            System.arraycopy(newStrings, 0, grown, (int) (segOff + strPos), newStrings.length);
        }
        if (moveDynamic) {
            writeDynamic(w, segOff + dynPos, newSlots, out, is64);
        } else {
            writeDynamic(w, dyn.offset, slots, out, is64);
        }
        // section headers, so that tools reading sections see the same tables the loader does
        if (shoff != 0 && shnum > 0 && shentsize >= (is64 ? 64 : 40) && in.fits(shoff, (long) shnum * shentsize)) {
            for (int i = 0; i < shnum; i++) {
                long p = shoff + (long) i * shentsize;
                long addr = is64 ? in.u64(p + 16) : in.u32(p + 12);
                int type = in.i32(p + 4);
                if (moveStrings && addr == strtab && addr != 0) {
                    writeSection(w, p, segVaddr + strPos, segOff + strPos, newStrings.length, is64);
                } else if (moveDynamic && type == SHT_DYNAMIC) {
                    writeSection(w, p, segVaddr + dynPos, segOff + dynPos, (long) newSlots * entsize, is64);
                }
            }
        }
        return grown;
    }

    private static void writeSection(Io w, long p, long addr, long offset, long size, boolean is64) {
        if (is64) {
            w.put64(p + 16, addr);
            w.put64(p + 24, offset);
            w.put64(p + 32, size);
        } else {
            w.put32(p + 12, addr);
            w.put32(p + 16, offset);
            w.put32(p + 20, size);
        }
    }

    private static void writePhdr(Io w, long p, Phdr h, boolean is64) {
        if (is64) {
            w.put32(p, h.type);
            w.put32(p + 4, h.flags);
            w.put64(p + 8, h.offset);
            w.put64(p + 16, h.vaddr);
            w.put64(p + 24, h.paddr);
            w.put64(p + 32, h.filesz);
            w.put64(p + 40, h.memsz);
            w.put64(p + 48, h.align);
        } else {
            w.put32(p, h.type);
            w.put32(p + 4, h.offset);
            w.put32(p + 8, h.vaddr);
            w.put32(p + 12, h.paddr);
            w.put32(p + 16, h.filesz);
            w.put32(p + 20, h.memsz);
            w.put32(p + 24, h.flags);
            w.put32(p + 28, h.align);
        }
    }

    private static void writeDynamic(Io w, long off, int slots, List<long[]> entries, boolean is64) {
        int entsize = is64 ? 16 : 8;
        for (int i = 0; i < slots; i++) {
            long p = off + (long) i * entsize;
            long tag = i < entries.size() ? entries.get(i)[0] : 0;
            long val = i < entries.size() ? entries.get(i)[1] : 0;
            if (is64) {
                w.put64(p, tag);
                w.put64(p + 8, val);
            } else {
                w.put32(p, tag);
                w.put32(p + 4, val);
            }
        }
    }

    private static long toOffset(String name, List<Phdr> phdrs, long addr) {
        for (Phdr h : phdrs) {
            if (h.type == PT_LOAD && addr >= h.vaddr && addr - h.vaddr < h.filesz) {
                return h.offset + (addr - h.vaddr);
            }
        }
        throw new BinaryFormatException(name + ": DT_STRTAB address 0x" + Long.toHexString(addr) + " is not inside any PT_LOAD segment");
    }

    private static long roundUp(long v, long a) {
        return (v + a - 1) / a * a;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The string table: the old bytes plus the strings added to it. */
    private static final class Strings {
        private final byte[] old;
        private final ByteArrayOutputStream extra = new ByteArrayOutputStream();
        private final Map<String, Long> added = new LinkedHashMap<>();

        Strings(byte[] old) {
            this.old = old;
        }

        String at(String name, long off) {
            if (off < 0 || off >= old.length) {
                throw new BinaryFormatException(name + ": dynamic string offset " + off + " is outside the string table");
            }
            int end = (int) off;
            while (end < old.length && old[end] != 0) {
                end++;
            }
            return new String(old, (int) off, end - (int) off, StandardCharsets.UTF_8);
        }

        long offsetOf(String s) {
            byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
            int found = indexOf(old, b);
            if (found >= 0) {
                return found;
            }
            Long a = added.get(s);
            if (a != null) {
                return a;
            }
            long off = old.length + extra.size();
            extra.writeBytes(b);
            added.put(s, off);
            return off;
        }

        byte[] extra() {
            return extra.toByteArray();
        }

        private static int indexOf(byte[] hay, byte[] needle) {
            // an empty string is any NUL byte; others must end at a NUL
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** Bounds-checked little/big-endian access to the file's bytes. */
    private static final class Io {
        private final ByteBuffer b;
        private final boolean is64;
        private final String name;

        Io(byte[] data, boolean little, boolean is64, String name) {
            this.b = ByteBuffer.wrap(data).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            this.is64 = is64;
            this.name = name;
        }

        boolean fits(long off, long len) {
            return off >= 0 && len >= 0 && off + len <= b.capacity();
        }

        void require(long off, long len, String what) {
            if (!fits(off, len)) {
                throw new BinaryFormatException(name + ": " + what + " (offset " + off + ", size " + len
                        + ") extends past the end of the file (" + b.capacity() + " bytes)");
            }
        }

        int u16(long p) {
            require(p, 2, "field");
            return b.getShort((int) p) & 0xffff;
        }

        int i32(long p) {
            require(p, 4, "field");
            return b.getInt((int) p);
        }

        long u32(long p) {
            return i32(p) & 0xffffffffL;
        }

        long u64(long p) {
            require(p, 8, "field");
            return b.getLong((int) p);
        }

        void put16(long p, int v) {
            b.putShort((int) p, (short) v);
        }

        void put32(long p, long v) {
            b.putInt((int) p, (int) v);
        }

        void put64(long p, long v) {
            b.putLong((int) p, v);
        }
    }
}
