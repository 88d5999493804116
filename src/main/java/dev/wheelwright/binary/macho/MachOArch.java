package dev.wheelwright.binary.macho;

/**
 * Mach-O cpu types and subtypes, and the architecture names lipo and otool give them.
 * Constants from Apple's {@code <mach/machine.h>} (xnu, osfmk/mach/machine.h).
 */
public final class MachOArch {
    public static final int CPU_ARCH_ABI64 = 0x0100_0000;
    public static final int CPU_ARCH_ABI64_32 = 0x0200_0000;
    public static final int CPU_TYPE_X86 = 7;
    public static final int CPU_TYPE_X86_64 = CPU_TYPE_X86 | CPU_ARCH_ABI64;
    public static final int CPU_TYPE_ARM = 12;
    public static final int CPU_TYPE_ARM64 = CPU_TYPE_ARM | CPU_ARCH_ABI64;
    public static final int CPU_TYPE_ARM64_32 = CPU_TYPE_ARM | CPU_ARCH_ABI64_32;
    public static final int CPU_TYPE_POWERPC = 18;
    public static final int CPU_TYPE_POWERPC64 = CPU_TYPE_POWERPC | CPU_ARCH_ABI64;
    public static final int CPU_TYPE_MC680X0 = 6;
    public static final int CPU_TYPE_SPARC = 14;
    public static final int CPU_TYPE_I860 = 15;
    public static final int CPU_TYPE_HPPA = 11;
    /** The capability bits in the top byte of cpusubtype (e.g. the arm64e pointer-auth ABI). */
    public static final int CPU_SUBTYPE_MASK = 0xff00_0000;

    private MachOArch() {}

    /** lipo's name for a cputype/cpusubtype pair (subtype without capability bits). */
    public static String name(int cputype, int cpusubtype) {
        int sub = cpusubtype & ~CPU_SUBTYPE_MASK;
        switch (cputype) {
            case CPU_TYPE_X86:
                return "i386";
            case CPU_TYPE_X86_64:
                return sub == 8 ? "x86_64h" : "x86_64";
            case CPU_TYPE_ARM64:
                return sub == 2 ? "arm64e" : "arm64";
            case CPU_TYPE_ARM64_32:
                return "arm64_32";
            case CPU_TYPE_ARM:
                return switch (sub) {
                    case 5 -> "armv4t";
                    case 6 -> "armv6";
                    case 7 -> "armv5";
                    case 8 -> "xscale";
                    case 9 -> "armv7";
                    case 10 -> "armv7f";
                    case 11 -> "armv7s";
                    case 12 -> "armv7k";
                    case 13 -> "armv8";
                    case 14 -> "armv6m";
                    case 15 -> "armv7m";
                    case 16 -> "armv7em";
                    default -> "arm";
                };
            case CPU_TYPE_POWERPC:
                return switch (sub) {
                    case 1 -> "ppc601";
                    case 3 -> "ppc603";
                    case 4 -> "ppc603e";
                    case 5 -> "ppc603ev";
                    case 6 -> "ppc604";
                    case 7 -> "ppc604e";
                    case 8 -> "ppc750";
                    case 9 -> "ppc7400";
                    case 10 -> "ppc7450";
                    case 100 -> "ppc970";
                    default -> "ppc";
                };
            case CPU_TYPE_POWERPC64:
                return sub == 100 ? "ppc970-64" : "ppc64";
            case CPU_TYPE_MC680X0:
                return "m68k";
            case CPU_TYPE_SPARC:
                return "sparc";
            case CPU_TYPE_I860:
                return "i860";
            case CPU_TYPE_HPPA:
                return "hppa";
            default:
                // llvm-lipo spells unknown pairs the same way.
                return "unknown(" + cputype + "," + sub + ")";
        }
    }

    /** Whether this cpu type uses the 64-bit mach_header and nlist (and 8-byte load command alignment). */
    public static boolean is64(int cputype) {
        return (cputype & CPU_ARCH_ABI64) != 0;
    }
}
