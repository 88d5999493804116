package dev.wheelwright.binary;

/** One architecture's image inside a binary. Closed set: one record per format. */
public sealed interface Slice permits MachOSlice, ElfSlice, PeSlice {
    /** The architecture name as tools and platform tags spell it (lipo's for Mach-O). */
    String arch();
}
