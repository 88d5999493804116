package dev.wheelwright.wheel;

import java.util.List;

/**
 * The wheels one run reads (the {@code audit} arguments, a wheelhouse), in the order given, and
 * the archives refused for going over an archive limit (each one finding, not the end of the run).
 */
public record WheelSet(List<WheelFacts> wheels, List<RefusedArchive> refused) {
    public WheelSet {
        wheels = List.copyOf(wheels);
        refused = List.copyOf(refused);
    }

    public WheelSet(List<WheelFacts> wheels) {
        this(wheels, List.of());
    }

    /**
     * An archive not audited because it trips an {@link ArchiveLimits} limit.
     *
     * @param archive  the archive as the user named it
     * @param filename its file name alone
     * @param limit    which limit: {@code members}, {@code name-length}, {@code uncompressed}, {@code ratio}
     * @param reason   the reader's one-line reason, without the archive's name
     */
    public record RefusedArchive(String archive, String filename, String limit, String reason) {}
}
