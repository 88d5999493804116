package dev.wheelwright.binary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A file of which only some ranges are held in memory: what a header parse of a large binary
 * needs (its first and last bytes, then the tables it points to), so that a 500 MB shared
 * library inside a wheel is read without holding it whole. A read of a byte that is not held
 * throws {@link Missing}, which names the range wanted; the caller fetches it (by streaming the
 * member again) and parses again. The windows a parser opens ({@link ByteView#sub}) are kept as
 * hints, so that one fetch brings a whole string or version table rather than one byte.
 */
public final class SparseBytes {
    private final long length;
    private final long[] starts;
    private final byte[][] chunks;
    private final List<long[]> windows = new ArrayList<>();
    private int last;

    /**
     * @param length the file's real length
     * @param ranges held ranges: {@code starts[i]} and its bytes; sorted, not overlapping
     */
    public SparseBytes(long length, long[] starts, byte[][] chunks) {
        if (starts.length != chunks.length) {
            throw new IllegalArgumentException("starts and chunks differ in length");
        }
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] < 0 || starts[i] + chunks[i].length > length
                    || (i > 0 && starts[i] < starts[i - 1] + chunks[i - 1].length)) {
                throw new IllegalArgumentException("ranges must be sorted, disjoint and inside the file");
            }
        }
        this.length = length;
        this.starts = starts.clone();
        this.chunks = chunks.clone();
    }

    public long length() {
        return length;
    }

    /** The bytes held, over all ranges. */
    public long held() {
        long n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        return n;
    }

    /** The held ranges as {start, end} pairs. */
    public List<long[]> ranges() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            out.add(new long[] {starts[i], starts[i] + chunks[i].length});
        }
        return out;
    }

    /** The windows parsers opened, as {start, end} pairs: hints of what a later fetch should bring. */
    public List<long[]> windows() {
        synchronized (windows) {
            return List.copyOf(windows);
        }
    }

    void window(long start, long end) {
        synchronized (windows) {
            if (windows.size() < 4096) {
                windows.add(new long[] {start, end});
            }
        }
    }

    /** The byte at {@code pos}, which the caller has checked is inside the file. */
    byte get(long pos) {
        int i = last;
        if (i >= starts.length || pos < starts[i] || pos >= starts[i] + chunks[i].length) {
            i = find(pos);
            if (i < 0) {
                throw new Missing(pos, this);
            }
            last = i;
        }
        return chunks[i][(int) (pos - starts[i])];
    }

    private int find(long pos) {
        int i = Arrays.binarySearch(starts, pos);
        if (i < 0) {
            i = -i - 2;
        }
        return i >= 0 && pos < starts[i] + chunks[i].length ? i : -1;
    }

    /** A read of a byte this file does not hold. */
    public static final class Missing extends BinaryFormatException {
        private final long offset;
        private final transient SparseBytes file;

        Missing(long offset, SparseBytes file) {
            super("byte " + offset + " of " + file.length + " is not held in memory");
            this.offset = offset;
            this.file = file;
        }

        public long offset() {
            return offset;
        }

        /**
         * The range to fetch next: the smallest window a parser opened around the byte, when it
         * is at most {@code max} bytes, else {@code fallback} bytes from the byte on.
         */
        public long[] wanted(long max, long fallback) {
            long[] best = null;
            for (long[] w : file.windows()) {
                if (w[0] <= offset && offset < w[1] && w[1] - w[0] <= max && (best == null || w[1] - w[0] < best[1] - best[0])) {
                    best = w;
                }
            }
            if (best != null) {
                return best.clone();
            }
            return new long[] {offset, Math.min(file.length, offset + fallback)};
        }
    }
}
