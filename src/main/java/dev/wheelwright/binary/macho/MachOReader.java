package dev.wheelwright.binary.macho;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.ByteView;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.MachOSlice.CodeSignature;
import dev.wheelwright.binary.MachOSlice.Dylib;
import dev.wheelwright.binary.MachOSlice.ImportedSymbol;
import dev.wheelwright.binary.Slice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads thin and fat (universal) Mach-O files into a {@link BinaryInfo}.
 *
 * <p>Layouts and constants follow Apple's {@code <mach-o/loader.h>}, {@code <mach-o/fat.h>},
 * {@code <mach-o/nlist.h>} and the code-signing blob layout of xnu's {@code cs_blobs.h}. Every
 * offset and count read from the file is checked against the file before use; a defect is a
 * {@link BinaryFormatException} naming the file and the defect, in the spirit of llvm-objdump's
 * own errors.
 */
public final class MachOReader {
    // <mach-o/fat.h>: fat headers are always big-endian.
    static final int FAT_MAGIC = 0xcafebabe;
    static final int FAT_MAGIC_64 = 0xcafebabf;
    // <mach-o/loader.h>
    static final int MH_MAGIC = 0xfeedface;
    static final int MH_CIGAM = 0xcefaedfe;
    static final int MH_MAGIC_64 = 0xfeedfacf;
    static final int MH_CIGAM_64 = 0xcffaedfe;
    static final int MH_TWOLEVEL = 0x80;

    static final int LC_REQ_DYLD = 0x8000_0000;
    static final int LC_SEGMENT = 0x1;
    static final int LC_SYMTAB = 0x2;
    static final int LC_DYSYMTAB = 0xb;
    static final int LC_LOAD_DYLIB = 0xc;
    static final int LC_ID_DYLIB = 0xd;
    static final int LC_LOAD_WEAK_DYLIB = 0x18 | LC_REQ_DYLD;
    static final int LC_SEGMENT_64 = 0x19;
    static final int LC_UUID = 0x1b;
    static final int LC_RPATH = 0x1c | LC_REQ_DYLD;
    static final int LC_CODE_SIGNATURE = 0x1d;
    static final int LC_REEXPORT_DYLIB = 0x1f | LC_REQ_DYLD;
    static final int LC_LAZY_LOAD_DYLIB = 0x20;
    static final int LC_LOAD_UPWARD_DYLIB = 0x23 | LC_REQ_DYLD;
    static final int LC_VERSION_MIN_MACOSX = 0x24;
    static final int LC_VERSION_MIN_IPHONEOS = 0x25;
    static final int LC_VERSION_MIN_TVOS = 0x2f;
    static final int LC_VERSION_MIN_WATCHOS = 0x30;
    static final int LC_BUILD_VERSION = 0x32;

    // <mach-o/nlist.h>
    static final int N_STAB = 0xe0;
    static final int N_TYPE = 0x0e;
    static final int N_EXT = 0x01;
    static final int N_UNDF = 0x0;
    static final int DYNAMIC_LOOKUP_ORDINAL = 0xfe;
    static final int EXECUTABLE_ORDINAL = 0xff;

    // cs_blobs.h: code signing blobs are big-endian.
    static final int CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
    static final int CSMAGIC_CODEDIRECTORY = 0xfade0c02;
    static final int CSSLOT_CODEDIRECTORY = 0;
    static final int CS_ADHOC = 0x2;
    static final int CS_LINKER_SIGNED = 0x20000;

    /** lipo refuses alignments above 2^15; larger values only come from corrupt headers. */
    static final int MAX_ALIGN = 15;

    private MachOReader() {}

    /** Whether the first bytes are a thin Mach-O header (either byte order, 32 or 64 bit). */
    public static boolean isThin(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        int m = be32(head, 0);
        return m == MH_MAGIC || m == MH_CIGAM || m == MH_MAGIC_64 || m == MH_CIGAM_64;
    }

    /**
     * Whether the first bytes are a fat header. 0xcafebabe is also the magic of Java class files;
     * as in file(1)'s magic and LLVM's identify_magic, a class file has its major version
     * (45 or more) where a fat file has its small architecture count, so a count of 45 or more
     * with zero in the upper half is taken to be a class file.
     */
    public static boolean isFat(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        int m = be32(head, 0);
        if (m == FAT_MAGIC_64) {
            return true;
        }
        if (m != FAT_MAGIC) {
            return false;
        }
        int minor = (head[4] & 0xff) << 8 | (head[5] & 0xff);
        int major = (head[6] & 0xff) << 8 | (head[7] & 0xff);
        return !(minor == 0 && major >= 45 && major < 100);
    }

    private static int be32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** Reads a thin or fat Mach-O file. */
    public static BinaryInfo read(String name, byte[] data) {
        return read(name, ByteView.of(data, false, name + ": Mach-O"));
    }

    /** Reads a Mach-O file held in part (a large member of a wheel). */
    public static BinaryInfo read(String name, dev.wheelwright.binary.SparseBytes data) {
        return read(name, ByteView.of(data, false, name + ": Mach-O"));
    }

    private static BinaryInfo read(String name, ByteView file) {
        byte[] head = file.bytes(0, Math.min(8, file.length()), "magic");
        if (isFat(head)) {
            return readFat(name, file);
        }
        if (!isThin(head)) {
            throw new BinaryFormatException(name + ": not a Mach-O file (bad magic bytes)");
        }
        MachOSlice slice = readSlice(file, 0, file.length(), 0, null);
        return new BinaryInfo(name, BinaryFormat.MACHO, false, List.of(slice));
    }

    private record FatArch(int index, int cputype, int cpusubtype, long offset, long size, int align) {}

    private static BinaryInfo readFat(String name, ByteView file) {
        boolean is64 = file.i32(0, "fat header") == FAT_MAGIC_64;
        long nfat = file.u32(4, "fat header nfat_arch");
        int entry = is64 ? 32 : 20;
        if (nfat == 0) {
            throw file.fail("fat header has no architectures (nfat_arch 0)");
        }
        if (8 + nfat * entry > file.length()) {
            throw file.fail("fat header claims " + nfat + " architectures but the file (" + file.length()
                    + " bytes) cannot hold their " + entry + "-byte entries");
        }
        long headerEnd = 8 + nfat * entry;
        List<FatArch> archs = new ArrayList<>((int) nfat);
        for (int i = 0; i < nfat; i++) {
            long p = 8 + (long) i * entry;
            int cputype = file.i32(p, "fat_arch cputype");
            int cpusubtype = file.i32(p + 4, "fat_arch cpusubtype");
            long offset = is64 ? file.u64(p + 8, "fat_arch offset") : file.u32(p + 8, "fat_arch offset");
            long size = is64 ? file.u64(p + 16, "fat_arch size") : file.u32(p + 12, "fat_arch size");
            long align = file.u32(is64 ? p + 24 : p + 16, "fat_arch align");
            String arch = MachOArch.name(cputype, cpusubtype);
            if (offset < 0 || size < 0 || offset > file.length() || size > file.length() - offset) {
                throw file.fail("fat slice " + i + " (" + arch + ") at offset " + Long.toUnsignedString(offset)
                        + " with size " + Long.toUnsignedString(size) + " extends past the end of the file ("
                        + file.length() + " bytes)");
            }
            if (offset < headerEnd) {
                throw file.fail("fat slice " + i + " (" + arch + ") at offset " + offset
                        + " overlaps the fat header (which ends at " + headerEnd + ")");
            }
            if (align > MAX_ALIGN) {
                throw file.fail("fat slice " + i + " (" + arch + ") has alignment 2^" + align
                        + " (more than 2^" + MAX_ALIGN + ")");
            }
            if (offset % (1L << align) != 0) {
                throw file.fail("fat slice " + i + " (" + arch + ") offset " + offset
                        + " is not aligned to its alignment 2^" + align);
            }
            for (FatArch other : archs) {
                if (other.cputype == cputype && (other.cpusubtype & ~MachOArch.CPU_SUBTYPE_MASK)
                        == (cpusubtype & ~MachOArch.CPU_SUBTYPE_MASK)) {
                    throw file.fail("fat file contains two slices for " + arch + " (slices " + other.index + " and " + i + ")");
                }
            }
            archs.add(new FatArch(i, cputype, cpusubtype, offset, size, (int) align));
        }
        List<FatArch> byOffset = new ArrayList<>(archs);
        byOffset.sort(Comparator.comparingLong(FatArch::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            FatArch a = byOffset.get(i - 1);
            FatArch b = byOffset.get(i);
            if (a.offset + a.size > b.offset) {
                throw file.fail("fat slices " + a.index + " (" + MachOArch.name(a.cputype, a.cpusubtype) + ") and "
                        + b.index + " (" + MachOArch.name(b.cputype, b.cpusubtype) + ") overlap");
            }
        }
        List<Slice> slices = new ArrayList<>(archs.size());
        for (FatArch a : archs) {
            String arch = MachOArch.name(a.cputype, a.cpusubtype);
            ByteView view = file.sub(a.offset, a.size, "fat slice " + a.index)
                    .withContext(name + ": Mach-O slice " + a.index + " (" + arch + ")");
            MachOSlice s = readSlice(view, a.offset, a.size, a.align, a);
            slices.add(s);
        }
        return new BinaryInfo(name, BinaryFormat.MACHO, true, slices);
    }

    /** Reads one mach_header and its load commands; {@code fat} is the fat_arch it came from, if any. */
    private static MachOSlice readSlice(ByteView whole, long fileOffset, long size, int align, FatArch fat) {
        if (whole.length() < 4) {
            throw whole.fail("is too short for a Mach-O header (" + whole.length() + " bytes)");
        }
        int magicBe = whole.withOrder(false).i32(0, "magic");
        boolean is64;
        boolean little;
        switch (magicBe) {
            case MH_MAGIC -> { is64 = false; little = false; }
            case MH_MAGIC_64 -> { is64 = true; little = false; }
            case MH_CIGAM -> { is64 = false; little = true; }
            case MH_CIGAM_64 -> { is64 = true; little = true; }
            case FAT_MAGIC, FAT_MAGIC_64 -> throw whole.fail("fat slice contains another fat file");
            default -> throw whole.fail("slice does not start with a Mach-O header (bad magic 0x"
                    + Integer.toHexString(magicBe) + ")");
        }
        ByteView v = whole.withOrder(little);
        int headerSize = is64 ? 32 : 28;
        if (v.length() < headerSize) {
            throw v.fail("file is truncated: " + v.length() + " bytes, less than the " + headerSize
                    + "-byte mach_header");
        }
        int cputype = v.i32(4, "cputype");
        int cpusubtypeRaw = v.i32(8, "cpusubtype");
        int filetype = v.i32(12, "filetype");
        long ncmds = v.u32(16, "ncmds");
        long sizeofcmds = v.u32(20, "sizeofcmds");
        int flags = v.i32(24, "flags");
        if (fat != null && (fat.cputype != cputype)) {
            throw v.fail("fat header says cputype " + fat.cputype + " but the slice's header says " + cputype);
        }
        String arch = MachOArch.name(cputype, cpusubtypeRaw);
        if (sizeofcmds > v.length() - headerSize) {
            throw v.fail("load commands (sizeofcmds " + sizeofcmds + ") extend past the end of the file ("
                    + v.length() + " bytes)");
        }
        if (ncmds * 8 > sizeofcmds) {
            throw v.fail("header claims " + ncmds + " load commands but sizeofcmds " + sizeofcmds
                    + " cannot hold them");
        }
        long cmdsEnd = headerSize + sizeofcmds;

        String platform = null;
        String minos = null;
        String sdk = null;
        boolean haveBuildVersion = false;
        List<Dylib> dylibs = new ArrayList<>();
        List<String> rpaths = new ArrayList<>();
        String installName = null;
        String uuid = null;
        boolean codeSignature = false;
        CodeSignature signature = null;
        List<String> segments = new ArrayList<>();
        List<MachOSlice.BuildTool> tools = new ArrayList<>();
        long symoff = -1;
        long nsyms = 0;
        long stroff = 0;
        long strsize = 0;
        long iundef = -1;
        long nundef = 0;

        long p = headerSize;
        for (int i = 0; i < ncmds; i++) {
            if (p + 8 > cmdsEnd) {
                throw v.fail("load command " + i + " starts past the end of the load commands (sizeofcmds "
                        + sizeofcmds + ")");
            }
            int cmd = v.i32(p, "load command " + i);
            long cmdsize = v.u32(p + 4, "load command " + i + " cmdsize");
            if (cmdsize < 8) {
                throw v.fail("load command " + i + " has cmdsize " + cmdsize);
            }
            if (p + cmdsize > cmdsEnd) {
                throw v.fail("load command " + i + " (cmdsize " + cmdsize + ") extends past the end of the load commands"
                        + " (sizeofcmds " + sizeofcmds + ")");
            }
            ByteView c = v.sub(p, cmdsize, "load command " + i);
            String lc = "load command " + i + " (" + commandName(cmd) + ")";
            switch (cmd) {
                case LC_SEGMENT, LC_SEGMENT_64 -> {
                    c.require(8, 16, lc + " segname");
                    segments.add(c.cstring(8, 24, lc + " segname"));
                }
                case LC_SYMTAB -> {
                    c.require(8, 16, lc);
                    symoff = c.u32(8, lc);
                    nsyms = c.u32(12, lc);
                    stroff = c.u32(16, lc);
                    strsize = c.u32(20, lc);
                }
                case LC_DYSYMTAB -> {
                    c.require(8, 72, lc);
                    iundef = c.u32(24, lc);
                    nundef = c.u32(28, lc);
                }
                case LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB, LC_LAZY_LOAD_DYLIB,
                        LC_LOAD_UPWARD_DYLIB, LC_ID_DYLIB -> {
                    c.require(8, 16, lc);
                    String dylibName = lcStr(c, lc + " name");
                    String current = version3(c.u32(16, lc));
                    String compat = version3(c.u32(20, lc));
                    if (cmd == LC_ID_DYLIB) {
                        installName = dylibName;
                    } else {
                        dylibs.add(new Dylib(dylibName, dylibKind(cmd), current, compat));
                    }
                }
                case LC_RPATH -> rpaths.add(lcStr(c, lc + " path"));
                case LC_UUID -> {
                    c.require(8, 16, lc);
                    uuid = formatUuid(c.bytes(8, 16, lc));
                }
                case LC_CODE_SIGNATURE -> {
                    c.require(8, 8, lc);
                    codeSignature = true;
                    long dataoff = c.u32(8, lc);
                    long datasize = c.u32(12, lc);
                    if (!v.fits(dataoff, datasize)) {
                        throw v.fail(lc + " data (offset " + dataoff + ", size " + datasize
                                + ") extends past the end of the file");
                    }
                    signature = readSignature(v.sub(dataoff, datasize, lc).withOrder(false));
                }
                case LC_VERSION_MIN_MACOSX, LC_VERSION_MIN_IPHONEOS, LC_VERSION_MIN_TVOS, LC_VERSION_MIN_WATCHOS -> {
                    c.require(8, 8, lc);
                    // LC_BUILD_VERSION wins when a file carries both (ld64 writes one or the other).
                    if (!haveBuildVersion) {
                        platform = switch (cmd) {
                            case LC_VERSION_MIN_MACOSX -> "macos";
                            case LC_VERSION_MIN_IPHONEOS -> "ios";
                            case LC_VERSION_MIN_TVOS -> "tvos";
                            default -> "watchos";
                        };
                        minos = version(c.u32(8, lc));
                        sdk = sdkVersion(c.u32(12, lc));
                    }
                }
                case LC_BUILD_VERSION -> {
                    c.require(8, 16, lc);
                    haveBuildVersion = true;
                    platform = platformName(c.i32(8, lc));
                    minos = version(c.u32(12, lc));
                    sdk = sdkVersion(c.u32(16, lc));
                    long ntools = c.u32(20, lc);
                    if (24 + ntools * 8 > cmdsize) {
                        throw v.fail(lc + " lists " + ntools + " tools but its cmdsize " + cmdsize + " cannot hold them");
                    }
                    tools.clear();
                    for (int t = 0; t < ntools; t++) {
                        tools.add(new MachOSlice.BuildTool(toolName(c.i32(24 + t * 8L, lc)),
                                version(c.u32(28 + t * 8L, lc))));
                    }
                }
                default -> {
                    // Other commands carry nothing the rules read.
                }
            }
            p += cmdsize;
        }

        List<ImportedSymbol> undefined = (symoff >= 0)
                ? readUndefined(v, is64, (flags & MH_TWOLEVEL) != 0, symoff, nsyms, stroff, strsize,
                        iundef, nundef, dylibs)
                : List.of();
        return new MachOSlice(arch, cputype, cpusubtypeRaw & ~MachOArch.CPU_SUBTYPE_MASK, fileOffset, size, align,
                fileType(filetype), flags, platform, minos, sdk, dylibs, rpaths, installName, uuid, codeSignature,
                signature, segments, undefined, tools);
    }

    /** An lc_str: an offset from the command's start to a NUL-terminated string inside the command. */
    private static String lcStr(ByteView c, String what) {
        long off = c.u32(8, what);
        if (off < 12 || off >= c.length()) {
            throw c.fail(what + " offset " + off + " is outside the command (cmdsize " + c.length() + ")");
        }
        return c.cstringTerminated(off, c.length(), what);
    }

    private static List<ImportedSymbol> readUndefined(ByteView v, boolean is64, boolean twoLevel, long symoff,
                                                      long nsyms, long stroff, long strsize, long iundef,
                                                      long nundef, List<Dylib> dylibs) {
        int entry = is64 ? 16 : 12;
        if (!v.fits(symoff, nsyms * entry)) {
            throw v.fail("symbol table (offset " + symoff + ", " + nsyms + " symbols) extends past the end of the file");
        }
        if (!v.fits(stroff, strsize)) {
            throw v.fail("string table (offset " + stroff + ", size " + strsize + ") extends past the end of the file");
        }
        long first = 0;
        long count = nsyms;
        if (iundef >= 0) {
            if (iundef > nsyms || nundef > nsyms - iundef) {
                throw v.fail("dynamic symbol table's undefined symbols (" + iundef + "+" + nundef
                        + ") are outside the symbol table (" + nsyms + " symbols)");
            }
            first = iundef;
            count = nundef;
        }
        ByteView strings = v.sub(stroff, strsize, "string table");
        List<ImportedSymbol> out = new ArrayList<>();
        for (long i = first; i < first + count; i++) {
            long e = symoff + i * entry;
            long strx = v.u32(e, "symbol " + i);
            int type = v.u8(e + 4, "symbol " + i);
            int desc = v.u16(e + 6, "symbol " + i);
            if ((type & N_STAB) != 0 || (type & N_TYPE) != N_UNDF || (type & N_EXT) == 0) {
                continue;
            }
            if (strx >= strsize) {
                throw v.fail("symbol " + i + " name offset " + strx + " is outside the string table (" + strsize + " bytes)");
            }
            String name = strings.cstring(strx, strsize, "symbol " + i + " name");
            String library = null;
            if (twoLevel) {
                // <mach-o/nlist.h> GET_LIBRARY_ORDINAL: the high byte of n_desc, 1-based over the
                // dylib load commands; 0 self, 0xfe dynamic lookup, 0xff the main executable.
                int ordinal = (desc >> 8) & 0xff;
                if (ordinal >= 1 && ordinal <= dylibs.size()) {
                    library = dylibs.get(ordinal - 1).name();
                }
            }
            out.add(new ImportedSymbol(name, library));
        }
        return out;
    }

    /** Reads the CodeDirectory out of an embedded signature SuperBlob (cs_blobs.h, big-endian). */
    private static CodeSignature readSignature(ByteView sig) {
        if (sig.length() < 12 || sig.i32(0, "code signature") != CSMAGIC_EMBEDDED_SIGNATURE) {
            return new CodeSignature(false, false, null);
        }
        long count = sig.u32(8, "code signature blob count");
        if (12 + count * 8 > sig.length()) {
            throw sig.fail("code signature lists " + count + " blobs but holds only " + sig.length() + " bytes");
        }
        for (int i = 0; i < count; i++) {
            long type = sig.u32(12 + i * 8L, "code signature blob index");
            long off = sig.u32(16 + i * 8L, "code signature blob index");
            if (type != CSSLOT_CODEDIRECTORY) {
                continue;
            }
            if (!sig.fits(off, 44) || sig.i32(off, "code directory") != CSMAGIC_CODEDIRECTORY) {
                throw sig.fail("code signature's CodeDirectory at offset " + off + " is missing or truncated");
            }
            long len = sig.u32(off + 4, "code directory length");
            if (!sig.fits(off, len) || len < 44) {
                throw sig.fail("code signature's CodeDirectory (length " + len + ") extends past the signature");
            }
            ByteView cd = sig.sub(off, len, "code directory");
            int flags = cd.i32(12, "code directory flags");
            long identOffset = cd.u32(20, "code directory identOffset");
            String identifier = cd.fits(identOffset, 1) ? cd.cstring(identOffset, cd.length(), "identifier") : null;
            return new CodeSignature((flags & CS_ADHOC) != 0, (flags & CS_LINKER_SIGNED) != 0, identifier);
        }
        return new CodeSignature(false, false, null);
    }

    /** X.Y.Z packed as xxxx.yy.zz (loader.h), printed like otool: 11.0, 10.9, 10.13.4. */
    static String version(long packed) {
        long major = packed >>> 16;
        long minor = (packed >>> 8) & 0xff;
        long patch = packed & 0xff;
        return patch == 0 ? major + "." + minor : major + "." + minor + "." + patch;
    }

    /** The SDK field: 0 means "not set" (otool prints n/a). */
    static String sdkVersion(long packed) {
        return packed == 0 ? null : version(packed);
    }

    /** Dylib current/compatibility versions always with three parts, as otool -L prints them. */
    static String version3(long packed) {
        return (packed >>> 16) + "." + ((packed >>> 8) & 0xff) + "." + (packed & 0xff);
    }

    static String formatUuid(byte[] b) {
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(String.format("%02X", b[i] & 0xff));
        }
        return s.toString();
    }

    /** PLATFORM_* values of loader.h, named as Apple's tools spell them in lower case. */
    static String platformName(int platform) {
        return switch (platform) {
            case 1 -> "macos";
            case 2 -> "ios";
            case 3 -> "tvos";
            case 4 -> "watchos";
            case 5 -> "bridgeos";
            case 6 -> "maccatalyst";
            case 7 -> "iossimulator";
            case 8 -> "tvossimulator";
            case 9 -> "watchossimulator";
            case 10 -> "driverkit";
            case 11 -> "xros";
            case 12 -> "xrossimulator";
            default -> "platform" + platform;
        };
    }

    /** TOOL_* values of loader.h, as otool names them. */
    static String toolName(int tool) {
        return switch (tool) {
            case 1 -> "clang";
            case 2 -> "swift";
            case 3 -> "ld";
            case 4 -> "lld";
            case 1024 -> "metal";
            case 1025 -> "airlld";
            case 1026 -> "airnt";
            case 1027 -> "airnt-plugin";
            case 1028 -> "airpack";
            case 1031 -> "gpuarchiver";
            case 1032 -> "metal-framework";
            default -> "tool" + tool;
        };
    }

    /** MH_* file types, as otool names them (lower case). */
    static String fileType(int t) {
        return switch (t) {
            case 1 -> "object";
            case 2 -> "execute";
            case 3 -> "fvmlib";
            case 4 -> "core";
            case 5 -> "preload";
            case 6 -> "dylib";
            case 7 -> "dylinker";
            case 8 -> "bundle";
            case 9 -> "dylib_stub";
            case 10 -> "dsym";
            case 11 -> "kext_bundle";
            case 12 -> "fileset";
            default -> "filetype" + t;
        };
    }

    static String dylibKind(int cmd) {
        return switch (cmd) {
            case LC_LOAD_WEAK_DYLIB -> "weak";
            case LC_REEXPORT_DYLIB -> "reexport";
            case LC_LAZY_LOAD_DYLIB -> "lazy";
            case LC_LOAD_UPWARD_DYLIB -> "upward";
            default -> "load";
        };
    }

    static String commandName(int cmd) {
        return switch (cmd) {
            case LC_SEGMENT -> "LC_SEGMENT";
            case LC_SEGMENT_64 -> "LC_SEGMENT_64";
            case LC_SYMTAB -> "LC_SYMTAB";
            case LC_DYSYMTAB -> "LC_DYSYMTAB";
            case LC_LOAD_DYLIB -> "LC_LOAD_DYLIB";
            case LC_ID_DYLIB -> "LC_ID_DYLIB";
            case LC_LOAD_WEAK_DYLIB -> "LC_LOAD_WEAK_DYLIB";
            case LC_REEXPORT_DYLIB -> "LC_REEXPORT_DYLIB";
            case LC_LAZY_LOAD_DYLIB -> "LC_LAZY_LOAD_DYLIB";
            case LC_LOAD_UPWARD_DYLIB -> "LC_LOAD_UPWARD_DYLIB";
            case LC_UUID -> "LC_UUID";
            case LC_RPATH -> "LC_RPATH";
            case LC_CODE_SIGNATURE -> "LC_CODE_SIGNATURE";
            case LC_VERSION_MIN_MACOSX -> "LC_VERSION_MIN_MACOSX";
            case LC_VERSION_MIN_IPHONEOS -> "LC_VERSION_MIN_IPHONEOS";
            case LC_VERSION_MIN_TVOS -> "LC_VERSION_MIN_TVOS";
            case LC_VERSION_MIN_WATCHOS -> "LC_VERSION_MIN_WATCHOS";
            case LC_BUILD_VERSION -> "LC_BUILD_VERSION";
            default -> "cmd 0x" + Integer.toHexString(cmd);
        };
    }
}
