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
            return decoded(name, MappedFileInput.open(path));
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
        public InputStream open() throws IOException {
            return decoded(name, new ByteArrayInputStream(bytes));
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

    /**
     * A log read from a stream as it arrives (standard input), so that a log of any size costs
     * bounded memory. It can be opened once: the rule engine scans each log once.
     */
    public static final class StreamLog implements LogSource {
        private final String name;
        private InputStream in;

        public StreamLog(String name, InputStream in) {
            this.name = Objects.requireNonNull(name, "name");
            this.in = Objects.requireNonNull(in, "in");
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized InputStream open() throws IOException {
            if (in == null) {
                throw new IOException(name + ": a stream can be read only once");
            }
            InputStream s = in;
            in = null;
            return decoded(name, s);
        }

        @Override
        public long size() {
            return -1;
        }

        @Override
        public String toString() {
            return "StreamLog[" + name + "]";
        }
    }

    /**
     * The log's bytes as UTF-8 (or the 8-bit text they already are). A gzip-compressed log
     * ({@code build.log.gz}, RFC 1952 magic 1f 8b) is decompressed as it is read. A log with a
     * UTF-16 byte order mark, as Windows PowerShell 5 writes with {@code >} and {@code Out-File},
     * is transcoded on the fly to UTF-8, without its mark, so that the scanner, which works on
     * ASCII-compatible bytes, reads it like any other log; a UTF-8 mark is dropped too. An archive
     * or a native binary is not a log: that stops the run with one line naming it.
     */
    static InputStream decoded(String name, InputStream raw) throws IOException {
        java.io.PushbackInputStream in = new java.io.PushbackInputStream(raw, 4);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        if (n > 0) {
            in.unread(head, 0, n);
        }
        int b0 = n > 0 ? head[0] & 0xff : -1;
        int b1 = n > 1 ? head[1] & 0xff : -1;
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return decoded(name, new Gunzipped(new java.util.zip.GZIPInputStream(in, 1 << 16)));
            } catch (IOException e) {
                throw Gunzipped.described(e);
            }
        }
        String binary = binaryKind(head, n);
        if (binary != null) {
            in.close();
            throw new dev.wheelwright.WheelwrightException(name + ": " + binary + ", not a text log"
                    + (binary.startsWith("a zip") ? " (extract the log files from it first)" : ""));
        }
        // Unicode 15, 23.8 "Specials": U+FEFF as the first character is a byte order mark
        if (b0 == 0xFF && b1 == 0xFE) {
            in.skipNBytes(2);
            return new Utf8Encoding(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_16LE));
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            in.skipNBytes(2);
            return new Utf8Encoding(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_16BE));
        }
        if (n >= 3 && b0 == 0xEF && b1 == 0xBB && (head[2] & 0xff) == 0xBF) {
            in.skipNBytes(3);
        }
        return in;
    }

    /**
     * Gzip data whose errors say what is wrong: the JDK's EOFException for a truncated stream has
     * no message at all, so "cannot read log: null" was all a user saw.
     */
    private static final class Gunzipped extends java.io.FilterInputStream {
        Gunzipped(InputStream in) {
            super(in);
        }

        static IOException described(IOException e) {
            if (e instanceof java.io.EOFException) {
                return new IOException("the gzip data ends early (a truncated file?)", e);
            }
            if (e instanceof java.util.zip.ZipException) {
                return new IOException("not valid gzip data" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
            }
            return e;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw described(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw described(e);
            }
        }
    }

    /** What a file that is clearly not text is, from its magic bytes; null for anything else. */
    private static String binaryKind(byte[] h, int n) {
        if (n < 4) {
            return null;
        }
        int m = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        return switch (m) {
            case 0x504B0304, 0x504B0506 -> "a zip archive"; // APPNOTE 4.3.7 local header / empty archive
            case 0x7F454C46 -> "an ELF binary";
            case 0xFEEDFACE, 0xFEEDFACF, 0xCEFAEDFE, 0xCFFAEDFE, 0xCAFEBABE, 0xBEBAFECA -> "a Mach-O binary (or Java class)";
            default -> null;
        };
    }

    /** The UTF-8 bytes of a character stream, encoded as they are read (malformed input becomes U+FFFD). */
    private static final class Utf8Encoding extends InputStream {
        private final java.io.Reader reader;
        private final java.nio.charset.CharsetEncoder encoder = java.nio.charset.StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        private final java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(8192);
        private final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8192 * 3);
        private boolean eof;

        Utf8Encoding(java.io.Reader reader) {
            this.reader = reader;
            chars.flip();
            bytes.flip();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!bytes.hasRemaining()) {
                if (eof && !chars.hasRemaining()) {
                    return -1;
                }
                chars.compact();
                int n = eof ? -1 : reader.read(chars);
                chars.flip();
                if (n < 0) {
                    eof = true;
                }
                bytes.clear();
                encoder.encode(chars, bytes, eof);
                if (eof && !chars.hasRemaining()) {
                    encoder.flush(bytes);
                }
                bytes.flip();
            }
            int k = Math.min(len, bytes.remaining());
            bytes.get(b, off, k);
            return k;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
