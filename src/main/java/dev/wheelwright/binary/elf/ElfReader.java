package dev.wheelwright.binary.elf;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.ByteView;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.ElfSlice.VersionNeed;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ELF file's identity and dynamic-linking facts: DT_NEEDED, DT_SONAME, DT_RPATH,
 * DT_RUNPATH, PT_INTERP and the required symbol versions of {@code .gnu.version_r}.
 *
 * <p>Layouts follow the System V gABI (ELF header, program and section headers, the dynamic
 * section) and the LSB's symbol versioning (Elfxx_Verneed/Elfxx_Vernaux). The dynamic section is
 * found through PT_DYNAMIC, as the dynamic loader finds it, falling back to the SHT_DYNAMIC
 * section; its string-table and version-needs addresses are mapped to file offsets through the
 * PT_LOAD segments, or taken from the section headers when there are no segments. The undefined
 * {@code Py*}/{@code _Py*} symbols of the dynamic symbol table ({@code SHT_DYNSYM}, found through
 * the section headers) are what an extension module imports from the interpreter.
 */
public final class ElfReader {
    static final int PT_LOAD = 1;
    static final int PT_DYNAMIC = 2;
    static final int PT_INTERP = 3;
    static final int SHT_DYNAMIC = 6;
    static final int SHT_GNU_VERNEED = 0x6ffffffe;
    static final int SHT_DYNSYM = 11;
    static final int PT_NOTE = 4;
    static final int PT_GNU_STACK = 0x6474e551;
    static final int PT_GNU_PROPERTY = 0x6474e553;
    static final int PF_X = 1;
    static final int NT_GNU_PROPERTY_TYPE_0 = 5;
    static final long GNU_PROPERTY_X86_ISA_1_NEEDED = 0xc0008002L;
    static final int EM_X86_64 = 62;

    static final long DT_NULL = 0;
    static final long DT_NEEDED = 1;
    static final long DT_STRTAB = 5;
    static final long DT_STRSZ = 10;
    static final long DT_SONAME = 14;
    static final long DT_RPATH = 15;
    static final long DT_RUNPATH = 29;
    static final long DT_VERNEED = 0x6ffffffe;
    static final long DT_VERNEEDNUM = 0x6fffffff;

    private ElfReader() {}

    public static boolean isElf(byte[] head) {
        return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    private record Segment(int type, int flags, long offset, long vaddr, long filesz) {}

    private record Section(int type, long offset, long size, long link, long info) {}

    /** Reads one ELF file. */
    public static BinaryInfo read(String name, byte[] data) {
        return read(name, ByteView.of(data, true, name + ": ELF"), true);
    }

    /** Reads one ELF file held in part (a large member of a wheel). */
    public static BinaryInfo read(String name, dev.wheelwright.binary.SparseBytes data) {
        return read(name, ByteView.of(data, true, name + ": ELF"), false);
    }

    /**
     * @param whole the file is held whole; of a large file held in part (a {@code SparseBytes})
     *              the property note is read only where the held ranges have it: a read outside
     *              them would fetch the member again
     */
    private static BinaryInfo read(String name, ByteView f, boolean whole) {
        int fileLength = f.length();
        if (fileLength < 16) {
            throw f.fail("file is truncated: " + fileLength + " bytes, less than the 16-byte e_ident");
        }
        int cls = f.u8(4, "EI_CLASS");
        int enc = f.u8(5, "EI_DATA");
        if (cls != 1 && cls != 2) {
            throw f.fail("has an invalid class (EI_CLASS " + cls + ")");
        }
        if (enc != 1 && enc != 2) {
            throw f.fail("has an invalid data encoding (EI_DATA " + enc + ")");
        }
        boolean is64 = cls == 2;
        boolean little = enc == 1;
        ByteView v = f.withOrder(little);
        int ehsize = is64 ? 64 : 52;
        if (fileLength < ehsize) {
            throw v.fail("file is truncated: " + fileLength + " bytes, less than the " + ehsize + "-byte ELF header");
        }
        int type = v.u16(16, "e_type");
        int machine = v.u16(18, "e_machine");
        long phoff = is64 ? v.u64(32, "e_phoff") : v.u32(28, "e_phoff");
        long shoff = is64 ? v.u64(40, "e_shoff") : v.u32(32, "e_shoff");
        int phentsize = v.u16(is64 ? 54 : 42, "e_phentsize");
        int phnum = v.u16(is64 ? 56 : 44, "e_phnum");
        int shentsize = v.u16(is64 ? 58 : 46, "e_shentsize");
        int shnum = v.u16(is64 ? 60 : 48, "e_shnum");

        List<Segment> segments = new ArrayList<>();
        if (phnum > 0) {
            int min = is64 ? 56 : 32;
            if (phentsize < min) {
                throw v.fail("program header entry size " + phentsize + " is smaller than " + min);
            }
            if (!v.fits(phoff, (long) phnum * phentsize)) {
                throw v.fail("program headers (offset " + Long.toUnsignedString(phoff) + ", " + phnum
                        + " entries) extend past the end of the file (" + fileLength + " bytes)");
            }
            for (int i = 0; i < phnum; i++) {
                long p = phoff + (long) i * phentsize;
                int ptype = v.i32(p, "program header " + i);
                int pflags = v.i32(is64 ? p + 4 : p + 24, "program header " + i);
                long off = is64 ? v.u64(p + 8, "program header") : v.u32(p + 4, "program header");
                long vaddr = is64 ? v.u64(p + 16, "program header") : v.u32(p + 8, "program header");
                long filesz = is64 ? v.u64(p + 32, "program header") : v.u32(p + 16, "program header");
                segments.add(new Segment(ptype, pflags, off, vaddr, filesz));
            }
        }
        List<Section> sections = new ArrayList<>();
        if (shnum > 0 && shoff != 0) {
            int min = is64 ? 64 : 40;
            if (shentsize < min) {
                throw v.fail("section header entry size " + shentsize + " is smaller than " + min);
            }
            if (!v.fits(shoff, (long) shnum * shentsize)) {
                throw v.fail("section headers (offset " + Long.toUnsignedString(shoff) + ", " + shnum
                        + " entries) extend past the end of the file (" + fileLength + " bytes)");
            }
            for (int i = 0; i < shnum; i++) {
                long p = shoff + (long) i * shentsize;
                int stype = v.i32(p + 4, "section header " + i);
                long off = is64 ? v.u64(p + 24, "section header") : v.u32(p + 16, "section header");
                long size = is64 ? v.u64(p + 32, "section header") : v.u32(p + 20, "section header");
                long link = v.u32(is64 ? p + 40 : p + 24, "section header");
                long info = v.u32(is64 ? p + 44 : p + 28, "section header");
                sections.add(new Section(stype, off, size, link, info));
            }
        }

        String interpreter = null;
        for (Segment s : segments) {
            if (s.type == PT_INTERP) {
                requireInFile(v, s.offset, s.filesz, "PT_INTERP segment");
                interpreter = v.cstring(s.offset, s.offset + s.filesz, "PT_INTERP");
            }
        }

        // Locate the dynamic section.
        long dynOff = -1;
        long dynSize = 0;
        for (Segment s : segments) {
            if (s.type == PT_DYNAMIC) {
                dynOff = s.offset;
                dynSize = s.filesz;
            }
        }
        Section dynSection = null;
        for (Section s : sections) {
            if (s.type == SHT_DYNAMIC) {
                dynSection = s;
                if (dynOff < 0) {
                    dynOff = s.offset;
                    dynSize = s.size;
                }
            }
        }
        List<String> needed = new ArrayList<>();
        String soname = null;
        String rpath = null;
        String runpath = null;
        List<VersionNeed> versionNeeds = new ArrayList<>();
        if (dynOff >= 0) {
            requireInFile(v, dynOff, dynSize, "dynamic section");
            int entry = is64 ? 16 : 8;
            long strtabAddr = -1;
            long strsz = -1;
            long verneedAddr = -1;
            long verneedNum = 0;
            List<long[]> strEntries = new ArrayList<>(); // {tag, value}
            for (long p = dynOff; p + entry <= dynOff + dynSize; p += entry) {
                long tag = is64 ? v.u64(p, "dynamic entry") : v.i32(p, "dynamic entry");
                long val = is64 ? v.u64(p + 8, "dynamic entry") : v.u32(p + 4, "dynamic entry");
                if (tag == DT_NULL) {
                    break;
                }
                if (tag == DT_STRTAB) {
                    strtabAddr = val;
                } else if (tag == DT_STRSZ) {
                    strsz = val;
                } else if (tag == DT_VERNEED) {
                    verneedAddr = val;
                } else if (tag == DT_VERNEEDNUM) {
                    verneedNum = val;
                } else if (tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH || tag == DT_RUNPATH) {
                    strEntries.add(new long[] {tag, val});
                }
            }
            // The string table: by address through PT_LOAD, else the dynamic section's sh_link.
            long strOff = -1;
            long strLen = -1;
            if (strtabAddr >= 0 && !segments.isEmpty()) {
                strOff = toOffset(v, segments, strtabAddr, "DT_STRTAB");
                strLen = strsz >= 0 ? strsz : v.length() - strOff;
            } else if (dynSection != null && dynSection.link < sections.size()) {
                Section s = sections.get((int) dynSection.link);
                strOff = s.offset;
                strLen = s.size;
            }
            if (!strEntries.isEmpty()) {
                if (strOff < 0) {
                    throw v.fail("dynamic section has no string table (DT_STRTAB)");
                }
                requireInFile(v, strOff, strLen, "dynamic string table");
                ByteView strings = v.sub(strOff, strLen, "dynamic string table");
                for (long[] e : strEntries) {
                    String s = dynString(strings, e[1], e[0]);
                    if (e[0] == DT_NEEDED) {
                        needed.add(s);
                    } else if (e[0] == DT_SONAME) {
                        soname = s;
                    } else if (e[0] == DT_RPATH) {
                        rpath = s;
                    } else {
                        runpath = s;
                    }
                }
            }
            long vnOff = -1;
            if (verneedAddr >= 0 && !segments.isEmpty()) {
                vnOff = toOffset(v, segments, verneedAddr, "DT_VERNEED");
            } else {
                for (Section s : sections) {
                    if (s.type == SHT_GNU_VERNEED) {
                        vnOff = s.offset;
                        if (verneedNum == 0) {
                            verneedNum = s.info;
                        }
                    }
                }
            }
            if (vnOff >= 0 && verneedNum > 0) {
                if (strOff < 0) {
                    throw v.fail("version needs have no string table (DT_STRTAB)");
                }
                readVerneed(v, vnOff, verneedNum, v.sub(strOff, strLen, "dynamic string table"), versionNeeds);
            }
        }

        String arch = ElfMachine.arch(machine, is64, little);
        String glibcMax = glibcMax(versionNeeds);
        boolean musl = (interpreter != null && interpreter.contains("ld-musl-"))
                || needed.stream().anyMatch(n -> n.startsWith("libc.musl-"));
        String manylinux = musl ? null : ManylinuxPolicies.builtin().mostCompatible(arch, needed, versionNeeds)
                .map(ManylinuxPolicies.Policy::name).orElse(null);
        boolean execStack = segments.stream().anyMatch(s -> s.type == PT_GNU_STACK && (s.flags & PF_X) != 0);
        int isa = 0;
        if (machine == EM_X86_64) {
            try {
                isa = x86IsaNeeded(v, segments, is64);
            } catch (dev.wheelwright.binary.SparseBytes.Missing e) {
                isa = 0; // not among the held ranges: unknown, not worth a second pass over the member
            }
        }
        List<String> pythonImports = new ArrayList<>();
        List<String> pythonExports = new ArrayList<>();
        pythonSymbols(v, sections, is64, pythonImports, pythonExports);
        ElfSlice slice = new ElfSlice(arch, is64 ? 64 : 32, little, machine, typeName(type), needed, soname, rpath,
                runpath, versionNeeds, glibcMax, manylinux, musl, interpreter, execStack, isa, pythonImports, pythonExports);
        return new BinaryInfo(name, BinaryFormat.ELF, false, List.of(slice));
    }

    /**
     * The GNU_PROPERTY_X86_ISA_1_NEEDED bits of the NT_GNU_PROPERTY_TYPE_0 note (x86-64 psABI
     * "Program Property"), read from PT_GNU_PROPERTY or else the PT_NOTE segments, as auditwheel
     * reads it; 0 without one. A malformed note is ignored (it says nothing the loader enforces).
     */
    private static int x86IsaNeeded(ByteView v, List<Segment> segments, boolean is64) {
        boolean property = segments.stream().anyMatch(s -> s.type == PT_GNU_PROPERTY);
        for (Segment s : segments) {
            if ((property ? s.type != PT_GNU_PROPERTY : s.type != PT_NOTE) || s.filesz > (1 << 16) || !v.fits(s.offset, s.filesz)) {
                continue;
            }
            long p = s.offset;
            long end = s.offset + s.filesz;
            int align = is64 ? 8 : 4;
            while (p + 12 <= end) {
                long namesz = v.u32(p, "note namesz");
                long descsz = v.u32(p + 4, "note descsz");
                long ntype = v.u32(p + 8, "note type");
                long name = p + 12;
                int a = ntype == NT_GNU_PROPERTY_TYPE_0 ? align : 4; // property notes are 8-aligned in ELF64
                long desc = (name + namesz + a - 1) & -(long) a;
                if (namesz > 64 || descsz > end - p || desc + descsz > end) {
                    break;
                }
                if (ntype == NT_GNU_PROPERTY_TYPE_0 && namesz == 4 && "GNU".equals(v.cstring(name, name + 4, "note name"))) {
                    long q = desc;
                    while (q + 8 <= desc + descsz) {
                        long prType = v.u32(q, "pr_type");
                        long prSize = v.u32(q + 4, "pr_datasz");
                        if (prType == GNU_PROPERTY_X86_ISA_1_NEEDED && prSize == 4 && q + 12 <= desc + descsz) {
                            return (int) v.u32(q + 8, "pr_data");
                        }
                        q += 8 + ((prSize + align - 1) & -(long) align);
                    }
                }
                long next = (desc + descsz + a - 1) & -(long) a;
                if (next <= p) {
                    break;
                }
                p = next;
            }
        }
        return 0;
    }

    /**
     * The symbols of {@code .dynsym} with STB_GLOBAL or STB_WEAK binding whose names start with
     * {@code Py} or {@code _Py}: the undefined ones into {@code imports}, the defined ones (but
     * {@code PyInit_*}) into {@code exports} (gABI "Symbol Table": Elf32_Sym is 16 bytes with st_info at 12
     * and st_shndx at 14, Elf64_Sym 24 bytes with them at 4 and 6; entry 0 is the null symbol).
     * Read through windows of the file, so that a file held in part fetches the two tables and
     * gives the same list as a whole one; empty when either table is larger than
     * {@link ElfSlice#MAX_DYNSYM} or outside the file.
     */
    private static void pythonSymbols(ByteView v, List<Section> sections, boolean is64, List<String> imports,
                                      List<String> exports) {
        int entry = is64 ? 24 : 16;
        for (Section s : sections) {
            if (s.type != SHT_DYNSYM || s.size > ElfSlice.MAX_DYNSYM || s.link >= sections.size()
                    || !v.fits(s.offset, s.size)) {
                continue;
            }
            Section str = sections.get((int) s.link);
            if (str.size > ElfSlice.MAX_DYNSYM || !v.fits(str.offset, str.size)) {
                continue;
            }
            ByteView symbols = v.sub(s.offset, s.size, "dynamic symbol table");
            ByteView strings = v.sub(str.offset, str.size, "dynamic symbol names");
            for (long p = entry; p + entry <= symbols.length(); p += entry) {
                long nameOff = symbols.u32(p, "st_name");
                int info = symbols.u8(is64 ? p + 4 : p + 12, "st_info");
                int shndx = symbols.u16(is64 ? p + 6 : p + 14, "st_shndx");
                int bind = info >> 4;
                if ((bind != 1 && bind != 2) || nameOff == 0 || nameOff >= strings.length()) {
                    continue; // local, or nameless
                }
                int first = strings.u8(nameOff, "symbol name");
                if (first != 'P' && first != '_') {
                    continue;
                }
                String name = strings.cstring(nameOff, strings.length(), "symbol name");
                if (!name.startsWith("Py") && !name.startsWith("_Py")) {
                    continue;
                }
                if (shndx == 0) {
                    imports.add(name);
                } else if (!name.startsWith("PyInit_")) {
                    exports.add(name);
                }
            }
        }
    }

    private static void requireInFile(ByteView v, long off, long len, String what) {
        if (!v.fits(off, len)) {
            throw v.fail(what + " (offset " + Long.toUnsignedString(off) + ", size " + Long.toUnsignedString(len)
                    + ") extends past the end of the file (" + v.length() + " bytes)");
        }
    }

    private static long toOffset(ByteView v, List<Segment> segments, long addr, String what) {
        for (Segment s : segments) {
            if (s.type == PT_LOAD && Long.compareUnsigned(addr, s.vaddr) >= 0
                    && Long.compareUnsigned(addr - s.vaddr, s.filesz) < 0) {
                long off = s.offset + (addr - s.vaddr);
                if (!v.fits(off, 1)) {
                    throw v.fail(what + " address 0x" + Long.toHexString(addr) + " maps to offset " + off
                            + " past the end of the file (" + v.length() + " bytes)");
                }
                return off;
            }
        }
        throw v.fail(what + " address 0x" + Long.toHexString(addr) + " is not inside any PT_LOAD segment");
    }

    private static String dynString(ByteView strings, long off, long tag) {
        String what = switch ((int) tag) {
            case 1 -> "DT_NEEDED";
            case 14 -> "DT_SONAME";
            case 15 -> "DT_RPATH";
            default -> "DT_RUNPATH";
        };
        if (off < 0 || off >= strings.length()) {
            throw strings.fail(what + " string offset " + off + " is outside the dynamic string table ("
                    + strings.length() + " bytes)");
        }
        return strings.cstring(off, strings.length(), what);
    }

    /** Walks the Elfxx_Verneed list (LSB "Symbol Versioning"); entries are 16 bytes in both classes. */
    private static void readVerneed(ByteView v, long start, long count, ByteView strings, List<VersionNeed> out) {
        long maxEntries = v.length() / 16; // bounds every walk by the file size, even with cyclic links
        if (count > maxEntries) {
            throw v.fail("version needs claim " + count + " entries, more than the file can hold");
        }
        long p = start;
        long budget = maxEntries;
        for (long i = 0; i < count; i++) {
            v.require(p, 16, ".gnu.version_r entry " + i);
            int cnt = v.u16(p + 2, "vn_cnt");
            long file = v.u32(p + 4, "vn_file");
            long aux = v.u32(p + 8, "vn_aux");
            long next = v.u32(p + 12, "vn_next");
            String library = dynStringAt(strings, file, "vn_file");
            long a = p + aux;
            for (int j = 0; j < cnt; j++) {
                if (--budget < 0) {
                    throw v.fail(".gnu.version_r links loop");
                }
                v.require(a, 16, ".gnu.version_r auxiliary entry");
                long nameOff = v.u32(a + 8, "vna_name");
                long anext = v.u32(a + 12, "vna_next");
                out.add(new VersionNeed(library, dynStringAt(strings, nameOff, "vna_name")));
                if (anext == 0) {
                    break;
                }
                a += anext;
            }
            if (next == 0) {
                break;
            }
            p += next;
        }
    }

    private static String dynStringAt(ByteView strings, long off, String what) {
        if (off >= strings.length()) {
            throw strings.fail(what + " string offset " + off + " is outside the dynamic string table");
        }
        return strings.cstring(off, strings.length(), what);
    }

    /** The highest GLIBC_x.y[.z] version required, compared numerically; null if none. */
    static String glibcMax(List<VersionNeed> needs) {
        int[] best = null;
        String bestText = null;
        for (VersionNeed n : needs) {
            if (!n.version().startsWith("GLIBC_")) {
                continue;
            }
            int[] ver = SymbolVersion.parse(n.version().substring(6));
            if (ver == null) {
                continue; // GLIBC_PRIVATE and the like
            }
            if (best == null || SymbolVersion.compare(ver, best) > 0) {
                best = ver;
                bestText = n.version().substring(6);
            }
        }
        return bestText;
    }

    static String typeName(int type) {
        return switch (type) {
            case 0 -> "none";
            case 1 -> "rel";
            case 2 -> "exec";
            case 3 -> "dyn";
            case 4 -> "core";
            default -> "type" + type;
        };
    }
}
