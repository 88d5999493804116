package dev.wheelwright.wheel;

/**
 * A wheel (or sdist) refused because it goes over an {@link ArchiveLimits} limit: too many
 * members, an overlong name, too many uncompressed bytes, an expansion ratio no honest
 * compressor reaches. In a batch this is a finding for that archive, not the end of the run.
 *
 * @see ArchiveLimits
 */
public final class ArchiveLimitException extends WheelException {
    private final String limit;

    /** @param limit which limit it trips: {@code members}, {@code name-length}, {@code uncompressed}, {@code ratio} */
    public ArchiveLimitException(String message, String limit) {
        super(message);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }
}
