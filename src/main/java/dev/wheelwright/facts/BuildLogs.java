package dev.wheelwright.facts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The build and install logs a run reads (doctor {@code --log}, the logs of {@code build}).
 *
 * <p>A log is kept as a source to open, not as its text: the log scanner streams it line by
 * line, so a 10 GB CI log costs bounded memory. Standard input, which can be read only once,
 * is kept as bytes.
 *
 * @param logs the logs, in the order they were given
 */
public record BuildLogs(List<LogSource> logs) {

    public BuildLogs {
        logs = List.copyOf(logs);
    }

    public static BuildLogs of(LogSource... logs) {
        return new BuildLogs(List.of(logs));
    }

    /** One named log. The name is what findings show as their file (e.g. {@code logs/build-arm64.log}). */
    public sealed interface LogSource {
        String name();

        /** A fresh stream over the log's bytes; the caller closes it. */
        InputStream open() throws IOException;

        /** Size in bytes when known cheaply, else -1. */
        long size();
    }

    /** A log file on disk, opened anew by each reader. */
    public record FileLog(String name, Path path) implements LogSource {
        public FileLog {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }

        public static FileLog of(Path path) {
            return new FileLog(path.toString(), path);
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public long size() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                return -1;
            }
        }
    }

    /** A log held in memory (standard input, a log captured from a child process, a test). */
    public record BytesLog(String name, byte[] bytes) implements LogSource {
        public BytesLog {
            Objects.requireNonNull(name, "name");
            bytes = bytes.clone();
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BytesLog b && b.name.equals(name) && java.util.Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BytesLog[" + name + ", " + bytes.length + " bytes]";
        }
    }
}
