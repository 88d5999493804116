package dev.wheelwright.binary;

/** The container formats wheelwright reads; {@link #id()} is the name used in JSON. */
public enum BinaryFormat {
    MACHO("mach-o"), ELF("elf"), PE("pe");

    private final String id;

    BinaryFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
