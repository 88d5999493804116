package dev.wheelwright.binary;

import java.util.List;

/**
 * An ELF image.
 *
 * @param arch          the Linux platform-tag arch: x86_64, i686, aarch64, armv7l, ppc64le, s390x, riscv64, ...
 * @param elfClass      32 or 64
 * @param littleEndian  EI_DATA
 * @param machine       e_machine
 * @param type          rel, exec, dyn, core
 * @param needed        DT_NEEDED in order
 * @param soname        DT_SONAME or null
 * @param rpath         DT_RPATH or null
 * @param runpath       DT_RUNPATH or null
 * @param versionNeeds  every required symbol version from .gnu.version_r, e.g. GLIBC_2.17 with its library
 * @param glibcMax      highest GLIBC_x.y required, e.g. "2.34", null if none
 * @param manylinux     most specific manylinux policy its libraries and symbol versions allow
 *                      (e.g. "manylinux_2_17"), null if none does
 * @param musl          links musl libc (interpreter or libc.musl-* in DT_NEEDED)
 * @param interpreter   PT_INTERP or null
 * @param execStack     a PT_GNU_STACK program header with PF_X: the loader makes the stack executable
 * @param x86IsaNeeded  x86-64 only: the GNU_PROPERTY_X86_ISA_1_NEEDED bits of the GNU property
 *                      note (1 baseline, 2 x86-64-v2, 4 v3, 8 v4), 0 when there is no such note
 * @param pythonImports the undefined global or weak symbols of .dynsym named {@code Py*} or
 *                      {@code _Py*}: what the binary asks of the interpreter, in symbol-table
 *                      order; empty without a dynamic symbol table or when it is larger than
 *                      {@link #MAX_DYNSYM} (extension modules are far smaller)
 * @param pythonExports the defined global or weak symbols of .dynsym named {@code Py*} or
 *                      {@code _Py*} other than {@code PyInit_*}: what a library that wraps the
 *                      C API exports under such names (PySide's {@code PySideProperty_TypeF})
 */
public record ElfSlice(String arch, int elfClass, boolean littleEndian, int machine, String type,
                       List<String> needed, String soname, String rpath, String runpath,
                       List<VersionNeed> versionNeeds, String glibcMax, String manylinux, boolean musl,
                       String interpreter, boolean execStack, int x86IsaNeeded, List<String> pythonImports,
                       List<String> pythonExports)
        implements Slice {

    /** A dynamic symbol table (or its string table) larger than this is not walked for Python imports. */
    public static final long MAX_DYNSYM = 8L << 20;

    public ElfSlice {
        needed = List.copyOf(needed);
        versionNeeds = List.copyOf(versionNeeds);
        pythonImports = List.copyOf(pythonImports);
        pythonExports = List.copyOf(pythonExports);
    }

    /** An image with no Python imports. */
    public ElfSlice(String arch, int elfClass, boolean littleEndian, int machine, String type,
                    List<String> needed, String soname, String rpath, String runpath,
                    List<VersionNeed> versionNeeds, String glibcMax, String manylinux, boolean musl,
                    String interpreter, boolean execStack, int x86IsaNeeded) {
        this(arch, elfClass, littleEndian, machine, type, needed, soname, rpath, runpath, versionNeeds, glibcMax,
                manylinux, musl, interpreter, execStack, x86IsaNeeded, List.of(), List.of());
    }

    /** The x86-64 micro-architecture level the ISA note asks for: "x86-64-v3", or null at baseline or without one. */
    public String x86IsaLevel() {
        if ((x86IsaNeeded & 8) != 0) {
            return "x86-64-v4";
        }
        if ((x86IsaNeeded & 4) != 0) {
            return "x86-64-v3";
        }
        if ((x86IsaNeeded & 2) != 0) {
            return "x86-64-v2";
        }
        return null;
    }

    /** A required symbol version (e.g. {@code GLIBC_2.17}) and the library that must provide it. */
    public record VersionNeed(String library, String version) {}
}
