package dev.wheelwright.facts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A large log file's bytes through a memory mapping: one copy, from the page cache into the
 * reader's array. A file stream's read(2) copies into a native buffer and then into the array,
 * and that was a tenth of {@code doctor}'s CPU on a 1 GB log.
 *
 * <p>The file is mapped a window at a time, and a window is unmapped as soon as it is read
 * (through {@code sun.misc.Unsafe.invokeCleaner}, which no JDK up to 25 deprecates): left to the
 * garbage collector, the windows of a 2 GB log stayed mapped and counted as resident memory
 * (1 GB with {@code -Xmx256m}). Where that cannot be done, and on Windows, and for small files,
 * the file is read as a plain stream. What the file holds past its size at open (a log still
 * being written) is read through the channel, so the stream ends where a file stream would. A
 * file cut short while mapped makes the JVM fail the copy; that is reported as an I/O error
 * naming the file.
 */
final class MappedFileInput extends InputStream {
    static final long MIN_SIZE = 1 << 20;
    static final long WINDOW = 32L << 20;
    private static final java.lang.invoke.MethodHandle UNMAP = unmapper();

    private static java.lang.invoke.MethodHandle unmapper() {
        try {
            Class<?> unsafe = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field f = unsafe.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return java.lang.invoke.MethodHandles.lookup()
                    .findVirtual(unsafe, "invokeCleaner", java.lang.invoke.MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final long mappedEnd;       // the file's size at open
    private final long windowSize;
    private long pos;
    private MappedByteBuffer window;
    private long windowStart;

    /** The file's bytes: mapped when it is large enough and mapping is safe here, else a plain stream. */
    static InputStream open(Path path) throws IOException {
        return open(path, MIN_SIZE, WINDOW);
    }

    static InputStream open(Path path, long minSize, long windowSize) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < minSize || java.io.File.separatorChar != '/' || UNMAP == null) {
                return Channels.newInputStream(ch);
            }
            return new MappedFileInput(path, ch, size, windowSize);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private MappedFileInput(Path path, FileChannel channel, long size, long windowSize) {
        this.path = path;
        this.channel = channel;
        this.mappedEnd = size;
        this.windowSize = windowSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos >= mappedEnd) {
            unmap();
            int n = channel.read(ByteBuffer.wrap(b, off, len), pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }
        if (window == null || pos >= windowStart + window.capacity()) {
            unmap();
            windowStart = pos;
            window = channel.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(windowSize, mappedEnd - pos));
        }
        int n = (int) Math.min(len, windowStart + window.capacity() - pos);
        try {
            window.get((int) (pos - windowStart), b, off, n);
        } catch (InternalError e) {
            // (what the JVM throws when the mapped pages are gone: the file was truncated)
            throw new IOException(path + ": the file was cut short while it was read", e);
        }
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        long to = Math.min(pos + n, Math.max(mappedEnd, channel.size()));
        long skipped = Math.max(0, to - pos);
        pos += skipped;
        return skipped;
    }

    /** Unmaps the window now; nothing reads it after this (the stream is read by one thread). */
    private void unmap() {
        MappedByteBuffer w = window;
        window = null;
        if (w != null) {
            try {
                UNMAP.invokeExact((ByteBuffer) w);
            } catch (Throwable e) {
                // (left to the collector)
            }
        }
    }

    @Override
    public void close() throws IOException {
        unmap();
        channel.close();
    }
}
