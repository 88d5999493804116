package dev.wheelwright.binary;

import java.util.List;

/**
 * A PE/COFF image.
 *
 * @param arch            amd64, x86 or arm64 (as in win_amd64, win32, win_arm64); other machines by name
 * @param machine         IMAGE_FILE_HEADER.Machine
 * @param characteristics IMAGE_FILE_HEADER.Characteristics
 * @param dll             IMAGE_FILE_DLL set
 * @param subsystem       the optional header's subsystem name (windows_gui, windows_cui, ...), null if none
 * @param imports         DLL names of the import table, then of the delay-load table, in file order
 * @param pythonImports   the names imported (not by ordinal) from {@code python3*.dll} through the
 *                        import table, in file order
 */
public record PeSlice(String arch, int machine, int characteristics, boolean dll, String subsystem,
                      List<String> imports, List<String> pythonImports) implements Slice {
    public PeSlice {
        imports = List.copyOf(imports);
        pythonImports = List.copyOf(pythonImports);
    }

    /** An image with no Python imports. */
    public PeSlice(String arch, int machine, int characteristics, boolean dll, String subsystem, List<String> imports) {
        this(arch, machine, characteristics, dll, subsystem, imports, List.of());
    }
}
