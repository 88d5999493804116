package dev.wheelwright.binary;

import java.util.List;

/**
 * What one native binary is: its format, whether it is a fat (universal) file, and one slice per
 * architecture it holds (thin files and ELF/PE files have exactly one). Shape follows the
 * BINARY object of cli.md.
 *
 * @param path   the name it was read under (a file path or a wheel member name)
 * @param format its container format
 * @param fat    true for a Mach-O fat/universal file
 * @param slices one per architecture, in file order
 */
public record BinaryInfo(String path, BinaryFormat format, boolean fat, List<Slice> slices) {
    public BinaryInfo {
        slices = List.copyOf(slices);
    }

    /** The arch names of all slices, in order. */
    public List<String> archs() {
        return slices.stream().map(Slice::arch).toList();
    }
}
