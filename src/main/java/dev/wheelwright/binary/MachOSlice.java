package dev.wheelwright.binary;

import java.util.List;

/**
 * One Mach-O image (a thin file, or one slice of a fat file).
 *
 * @param arch           lipo's name: x86_64, x86_64h, arm64, arm64e, i386, ppc, ...
 * @param cputype        mach_header.cputype
 * @param cpusubtype     mach_header.cpusubtype without the capability bits
 * @param offset         where the slice starts in the file (0 for a thin file)
 * @param size           the slice's size in bytes
 * @param align          the fat_arch alignment as a power of two (0 for a thin file)
 * @param filetype       object, execute, dylib, bundle, ... (lowercase, as otool names MH_*)
 * @param flags          mach_header.flags
 * @param platform       macos, ios, ... from LC_BUILD_VERSION; "macos" for LC_VERSION_MIN_MACOSX; null if neither
 * @param minos          minimum OS version, e.g. "11.0" (null if no version load command)
 * @param sdk            SDK version, e.g. "13.1" (null if none)
 * @param dylibs         every linked library in load-command order
 * @param rpaths         LC_RPATH paths in order
 * @param installName    LC_ID_DYLIB name, null when absent
 * @param uuid           LC_UUID in canonical upper-case 8-4-4-4-12 form, null when absent
 * @param codeSignature  LC_CODE_SIGNATURE present
 * @param signature      what the signature says, null when there is none
 * @param segments       segment names in order (__PAGEZERO, __TEXT, ...)
 * @param undefinedSymbols imported symbols with the library each binds to
 * @param buildTools     the tools LC_BUILD_VERSION records (e.g. ld 14.0.6), empty when none
 */
public record MachOSlice(String arch, int cputype, int cpusubtype, long offset, long size, int align,
                         String filetype, int flags, String platform, String minos, String sdk,
                         List<Dylib> dylibs, List<String> rpaths, String installName, String uuid,
                         boolean codeSignature, CodeSignature signature, List<String> segments,
                         List<ImportedSymbol> undefinedSymbols, List<BuildTool> buildTools) implements Slice {

    public MachOSlice {
        dylibs = List.copyOf(dylibs);
        rpaths = List.copyOf(rpaths);
        segments = List.copyOf(segments);
        undefinedSymbols = List.copyOf(undefinedSymbols);
        buildTools = List.copyOf(buildTools);
    }

    /** The linked library names in load-command order. */
    public List<String> dylibNames() {
        return dylibs.stream().map(Dylib::name).toList();
    }

    /**
     * A linked library.
     *
     * @param kind load, weak, reexport, lazy or upward (LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, ...)
     */
    public record Dylib(String name, String kind, String currentVersion, String compatibilityVersion) {}

    /**
     * The code signature's CodeDirectory facts.
     *
     * @param adhoc         CS_ADHOC flag set
     * @param linkerSigned  CS_LINKER_SIGNED flag set
     * @param identifier    the CodeDirectory identifier, null if unreadable
     */
    public record CodeSignature(boolean adhoc, boolean linkerSigned, String identifier) {}

    /** A tool LC_BUILD_VERSION names (clang, swift, ld, lld, ...) with its version. */
    public record BuildTool(String tool, String version) {}

    /** An undefined symbol and the library it binds to (two-level namespace), or null if flat/unknown. */
    public record ImportedSymbol(String name, String library) {}
}
