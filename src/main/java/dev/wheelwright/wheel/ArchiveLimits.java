package dev.wheelwright.wheel;

/**
 * Hard limits that keep a hostile archive from exhausting memory, disk or time. A wheel over
 * any of them is refused as a whole (one line naming the wheel and the limit), because nothing
 * read from it after that point could be trusted.
 *
 * @param maxMembers          most entries in the central directory
 * @param maxNameLength       longest member name in bytes (zip allows 65535; file systems 255 per segment)
 * @param maxTotalSize        most uncompressed bytes over all members
 * @param maxRatio            highest uncompressed/compressed ratio of one member, checked for
 *                            members larger than {@code ratioFloor} (deflate cannot exceed ~1032:1,
 *                            so a higher ratio is a lie in the headers or a bomb)
 * @param ratioFloor          members at most this large are never refused for their ratio
 * @param maxBinarySize       largest member kept in memory to read its Mach-O/ELF/PE headers
 */
public record ArchiveLimits(int maxMembers, int maxNameLength, long maxTotalSize, double maxRatio,
                            long ratioFloor, long maxBinarySize) {

    /** Limits no real wheel reaches: PyTorch-size wheels are ~2.5 GB uncompressed with ~20k members. */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(100_000, 1024, 8L << 30, 200.0, 16L << 20, 512L << 20);
    }

    public ArchiveLimits withMaxTotalSize(long bytes) {
        return new ArchiveLimits(maxMembers, maxNameLength, bytes, maxRatio, ratioFloor, maxBinarySize);
    }

    public ArchiveLimits withMaxMembers(int count) {
        return new ArchiveLimits(count, maxNameLength, maxTotalSize, maxRatio, ratioFloor, maxBinarySize);
    }
}
