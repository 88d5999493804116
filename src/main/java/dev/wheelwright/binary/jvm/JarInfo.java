package dev.wheelwright.binary.jvm;

/**
 * What Java a jar needs.
 *
 * @param path         the name the jar was read under
 * @param maxMajor     the highest class-file major version, 0 when the jar holds no classes
 * @param javaRelease  the Java release that major version needs (52 → 8, 61 → 17), 0 when no classes
 * @param exampleClass an entry with the highest major version, null when no classes
 * @param classCount   class files counted (the base entries; see {@link JarScanner})
 */
public record JarInfo(String path, int maxMajor, int javaRelease, String exampleClass, int classCount) {}
