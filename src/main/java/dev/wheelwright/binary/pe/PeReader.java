package dev.wheelwright.binary.pe;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.ByteView;
import dev.wheelwright.binary.PeSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PE/COFF image: machine, characteristics, subsystem and the DLL names of the import and
 * delay-load import tables. Layouts from Microsoft's "PE Format" specification (MS-DOS stub,
 * COFF file header, optional header data directories 1 = import table and 13 = delay import
 * descriptor, section table). Of the DLLs named {@code python3*.dll} it also reads the imported
 * names (the import lookup table's hint/name entries): what an extension asks of the interpreter.
 */
public final class PeReader {
    static final int IMAGE_FILE_DLL = 0x2000;
    static final int PE32 = 0x10b;
    static final int PE32_PLUS = 0x20b;
    static final int DIR_IMPORT = 1;
    static final int DIR_DELAY_IMPORT = 13;

    private PeReader() {}

    /** "MZ": the MS-DOS header every PE image starts with. */
    public static boolean isMz(byte[] head) {
        return head.length >= 2 && head[0] == 'M' && head[1] == 'Z';
    }

    private record Section(long va, long vsize, long rawSize, long rawPtr) {}

    public static BinaryInfo read(String name, byte[] data) {
        return read(name, ByteView.of(data, true, name + ": PE"));
    }

    /** Reads a PE file held in part (a large member of a wheel). */
    public static BinaryInfo read(String name, dev.wheelwright.binary.SparseBytes data) {
        return read(name, ByteView.of(data, true, name + ": PE"));
    }

    private static BinaryInfo read(String name, ByteView v) {
        int fileLength = v.length();
        if (fileLength < 0x40) {
            throw v.fail("file is truncated: " + fileLength + " bytes, less than the 64-byte MS-DOS header");
        }
        long lfanew = v.u32(0x3c, "e_lfanew");
        if (!v.fits(lfanew, 24)) {
            throw v.fail("e_lfanew 0x" + Long.toHexString(lfanew) + " points outside the file (" + fileLength + " bytes)");
        }
        if (v.i32(lfanew, "PE signature") != 0x00004550) {
            throw v.fail("has no PE signature at e_lfanew 0x" + Long.toHexString(lfanew) + " (an MS-DOS program?)");
        }
        long coff = lfanew + 4;
        int machine = v.u16(coff, "Machine");
        int nsections = v.u16(coff + 2, "NumberOfSections");
        int optSize = v.u16(coff + 16, "SizeOfOptionalHeader");
        int characteristics = v.u16(coff + 18, "Characteristics");
        long opt = coff + 20;
        if (!v.fits(opt, optSize)) {
            throw v.fail("optional header (size " + optSize + ") extends past the end of the file");
        }
        long secTable = opt + optSize;
        if (!v.fits(secTable, nsections * 40L)) {
            throw v.fail("section table (" + nsections + " sections) extends past the end of the file");
        }
        List<Section> sections = new ArrayList<>(nsections);
        for (int i = 0; i < nsections; i++) {
            long s = secTable + i * 40L;
            sections.add(new Section(v.u32(s + 12, "section"), v.u32(s + 8, "section"),
                    v.u32(s + 16, "section"), v.u32(s + 20, "section")));
        }
        String subsystem = null;
        List<String> imports = new ArrayList<>();
        List<String> pythonImports = new ArrayList<>();
        if (optSize >= 2) {
            int magic = v.u16(opt, "optional header magic");
            if (magic != PE32 && magic != PE32_PLUS) {
                throw v.fail("optional header has an unknown magic 0x" + Integer.toHexString(magic));
            }
            boolean plus = magic == PE32_PLUS;
            if (optSize >= 70) {
                subsystem = subsystemName(v.u16(opt + 68, "Subsystem"));
            }
            long imageBase = plus ? (optSize >= 32 ? v.u64(opt + 24, "ImageBase") : 0)
                    : (optSize >= 32 ? v.u32(opt + 28, "ImageBase") : 0);
            long countAt = plus ? 108 : 92;
            long dirs = plus ? 112 : 96;
            long ndirs = optSize >= countAt + 4 ? v.u32(opt + countAt, "NumberOfRvaAndSizes") : 0;
            long fitting = Math.max(0, (optSize - dirs) / 8);
            ndirs = Math.min(ndirs, fitting);
            if (ndirs > DIR_IMPORT) {
                long rva = v.u32(opt + dirs + DIR_IMPORT * 8L, "import directory");
                if (rva != 0) {
                    readImports(v, sections, rva, plus, imports, pythonImports);
                }
            }
            if (ndirs > DIR_DELAY_IMPORT) {
                long rva = v.u32(opt + dirs + DIR_DELAY_IMPORT * 8L, "delay import directory");
                if (rva != 0) {
                    readDelayImports(v, sections, rva, imageBase, imports);
                }
            }
        }
        PeSlice slice = new PeSlice(archName(machine), machine, characteristics, (characteristics & IMAGE_FILE_DLL) != 0,
                subsystem, imports, pythonImports);
        return new BinaryInfo(name, BinaryFormat.PE, false, List.of(slice));
    }

    /** IMAGE_IMPORT_DESCRIPTOR: 20 bytes, Name RVA at +12, the table ends with an all-zero entry. */
    private static void readImports(ByteView v, List<Section> sections, long rva, boolean plus, List<String> out,
                                    List<String> pythonImports) {
        long off = toOffset(v, sections, rva, "import table");
        for (long p = off; ; p += 20) {
            if (!v.fits(p, 20)) {
                throw v.fail("import table at offset " + off + " runs past the end of the file without its closing entry");
            }
            long origThunk = v.u32(p, "import descriptor");
            long nameRva = v.u32(p + 12, "import descriptor");
            long firstThunk = v.u32(p + 16, "import descriptor");
            if (origThunk == 0 && nameRva == 0 && firstThunk == 0) {
                return;
            }
            long nameOff = toOffset(v, sections, nameRva, "import DLL name");
            String dll = v.cstringTerminated(nameOff, v.length(), "import DLL name");
            out.add(dll);
            if (PYTHON_DLL.matcher(dll).matches()) {
                readNames(v, sections, origThunk != 0 ? origThunk : firstThunk, plus, pythonImports);
            }
        }
    }

    /** python3.dll (the stable ABI's DLL), python311.dll, python3_d.dll, ... */
    private static final java.util.regex.Pattern PYTHON_DLL =
            java.util.regex.Pattern.compile("(?i)python3\\d*(_d)?\\.dll");

    /**
     * The names of an import lookup table: 4-byte (PE32) or 8-byte (PE32+) entries ending with 0;
     * the top bit marks an import by ordinal (no name), else the low 31 bits are the RVA of a
     * hint/name entry (2-byte hint, then the name). At most as many entries as the file could hold.
     */
    private static void readNames(ByteView v, List<Section> sections, long rva, boolean plus, List<String> out) {
        if (rva == 0) {
            return;
        }
        int size = plus ? 8 : 4;
        long off = toOffset(v, sections, rva, "import lookup table");
        for (long p = off; ; p += size) {
            if (!v.fits(p, size)) {
                throw v.fail("import lookup table at offset " + off + " runs past the end of the file without its closing entry");
            }
            long entry = plus ? v.u64(p, "import lookup entry") : v.u32(p, "import lookup entry");
            if (entry == 0) {
                return;
            }
            boolean ordinal = plus ? entry < 0 : (entry & 0x80000000L) != 0;
            if (ordinal) {
                continue;
            }
            long hintName = toOffset(v, sections, entry & 0x7fffffffL, "import name");
            out.add(v.cstringTerminated(hintName + 2, v.length(), "import name"));
        }
    }

    /** ImgDelayDescr: 32 bytes, DllNameRVA at +4; Attributes bit 0 clear means old VA-based entries. */
    private static void readDelayImports(ByteView v, List<Section> sections, long rva, long imageBase, List<String> out) {
        long off = toOffset(v, sections, rva, "delay import table");
        for (long p = off; ; p += 32) {
            if (!v.fits(p, 32)) {
                throw v.fail("delay import table runs past the end of the file without its closing entry");
            }
            long attributes = v.u32(p, "delay import descriptor");
            long nameRva = v.u32(p + 4, "delay import descriptor");
            if (nameRva == 0) {
                return;
            }
            if ((attributes & 1) == 0 && imageBase != 0 && nameRva >= imageBase) {
                nameRva -= imageBase;
            }
            long nameOff = toOffset(v, sections, nameRva, "delay import DLL name");
            out.add(v.cstringTerminated(nameOff, v.length(), "delay import DLL name"));
        }
    }

    private static long toOffset(ByteView v, List<Section> sections, long rva, String what) {
        for (Section s : sections) {
            long span = Math.max(s.vsize, s.rawSize);
            if (rva >= s.va && rva < s.va + span) {
                long off = s.rawPtr + (rva - s.va);
                if (rva - s.va >= s.rawSize || !v.fits(off, 1)) {
                    throw v.fail(what + " at RVA 0x" + Long.toHexString(rva) + " has no data in the file");
                }
                return off;
            }
        }
        throw v.fail(what + " at RVA 0x" + Long.toHexString(rva) + " is not inside any section");
    }

    /** IMAGE_FILE_MACHINE_* named as the Windows platform tags name them (win_amd64, win32, win_arm64). */
    static String archName(int machine) {
        return switch (machine) {
            case 0x8664 -> "amd64";
            case 0x14c -> "x86";
            case 0xaa64 -> "arm64";
            case 0xa641 -> "arm64ec";
            case 0x1c4 -> "arm";
            case 0x200 -> "ia64";
            default -> "machine0x" + Integer.toHexString(machine);
        };
    }

    static String subsystemName(int s) {
        return switch (s) {
            case 0 -> null;
            case 1 -> "native";
            case 2 -> "windows_gui";
            case 3 -> "windows_cui";
            case 5 -> "os2_cui";
            case 7 -> "posix_cui";
            case 9 -> "windows_ce_gui";
            case 10 -> "efi_application";
            case 11 -> "efi_boot_service_driver";
            case 12 -> "efi_runtime_driver";
            case 13 -> "efi_rom";
            case 14 -> "xbox";
            case 16 -> "windows_boot_application";
            default -> "subsystem" + s;
        };
    }
}
