package dev.wheelwright.binary.elf;

/** e_machine values (System V gABI, "Machine" table) and their Linux platform-tag arch names. */
public final class ElfMachine {
    public static final int EM_386 = 3;
    public static final int EM_MIPS = 8;
    public static final int EM_PPC = 20;
    public static final int EM_PPC64 = 21;
    public static final int EM_S390 = 22;
    public static final int EM_ARM = 40;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int EM_LOONGARCH = 258;

    private ElfMachine() {}

    /**
     * The arch part of a Linux platform tag ({@code manylinux_2_17_<arch>}): what
     * {@code sysconfig.get_platform()} / {@code uname -m} report, with 32-bit x86 as i686 and
     * 32-bit ARM as armv7l as PEP 599 names them.
     */
    public static String arch(int machine, boolean is64, boolean little) {
        return switch (machine) {
            case EM_386 -> "i686";
            case EM_X86_64 -> is64 ? "x86_64" : "x32";
            case EM_AARCH64 -> little ? "aarch64" : "aarch64_be";
            case EM_ARM -> little ? "armv7l" : "armeb";
            case EM_PPC64 -> little ? "ppc64le" : "ppc64";
            case EM_PPC -> "ppc";
            case EM_S390 -> is64 ? "s390x" : "s390";
            case EM_RISCV -> is64 ? "riscv64" : "riscv32";
            case EM_LOONGARCH -> is64 ? "loongarch64" : "loongarch32";
            case EM_MIPS -> is64 ? (little ? "mips64el" : "mips64") : (little ? "mipsel" : "mips");
            default -> "machine" + machine;
        };
    }
}
