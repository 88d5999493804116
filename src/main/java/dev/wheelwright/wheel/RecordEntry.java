package dev.wheelwright.wheel;

/**
 * One row of {@code RECORD}: {@code path,algorithm=digest,size} (PEP 376 as amended by the
 * binary distribution format: urlsafe base64 without padding; RECORD's own row has no hash).
 *
 * @param path      the member path as written
 * @param algorithm the hash algorithm, empty when the row has no hash
 * @param digest    the hash value, empty when none
 * @param size      the size column, -1 when empty or not a number
 * @param line      1-based line number in RECORD
 */
public record RecordEntry(String path, String algorithm, String digest, long size, int line) {}
