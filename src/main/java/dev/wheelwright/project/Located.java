package dev.wheelwright.project;

/**
 * A value read from a project file together with where it was written, so that a finding can
 * point at the exact line.
 *
 * @param value the value
 * @param file  the file, relative to the project root, with forward slashes
 * @param line  1-based line, 0 when unknown
 */
public record Located<T>(T value, String file, int line) {}
