package dev.wheelwright.binary;

import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked window over untrusted bytes. Every read checks its offset against the window,
 * so a hostile header can never make a parser read past the end, allocate by an unchecked count
 * or loop beyond the window's size; a bad offset becomes a {@link BinaryFormatException} whose
 * message names the input and what was being read.
 */
public final class ByteView {
    private final byte[] data;
    private final SparseBytes sparse;
    private final int base;
    private final int length;
    private final boolean little;
    private final String context;

    /**
     * @param context the prefix of every error message, e.g. {@code "ext.so: Mach-O"}
     */
    public ByteView(byte[] data, int base, int length, boolean little, String context) {
        if (base < 0 || length < 0 || (long) base + length > data.length) {
            throw new BinaryFormatException(context + " window " + base + "+" + length + " is outside the file");
        }
        this.data = data;
        this.sparse = null;
        this.base = base;
        this.length = length;
        this.little = little;
        this.context = context;
    }

    private ByteView(byte[] data, SparseBytes sparse, int base, int length, boolean little, String context) {
        this.data = data;
        this.sparse = sparse;
        this.base = base;
        this.length = length;
        this.little = little;
        this.context = context;
    }

    public static ByteView of(byte[] data, boolean little, String context) {
        return new ByteView(data, 0, data.length, little, context);
    }

    /** A view of a file held in part; a read of a byte not held throws {@link SparseBytes.Missing}. */
    public static ByteView of(SparseBytes file, boolean little, String context) {
        if (file.length() > Integer.MAX_VALUE) {
            throw new BinaryFormatException(context + " file of " + file.length() + " bytes is too large to inspect");
        }
        return new ByteView(null, file, 0, (int) file.length(), little, context);
    }

    private byte at(int p) {
        return data != null ? data[p] : sparse.get(p);
    }

    /** A view of {@code len} bytes at {@code off} of this one, or an error naming {@code what}. */
    public ByteView sub(long off, long len, String what) {
        require(off, len, what);
        if (sparse != null) {
            sparse.window(base + off, base + off + len);
        }
        return new ByteView(data, sparse, base + (int) off, (int) len, little, context);
    }

    public ByteView withOrder(boolean littleEndian) {
        return new ByteView(data, sparse, base, length, littleEndian, context);
    }

    public ByteView withContext(String newContext) {
        return new ByteView(data, sparse, base, length, little, newContext);
    }

    public int length() {
        return length;
    }

    public boolean littleEndian() {
        return little;
    }

    public String context() {
        return context;
    }

    /** True when {@code len} bytes at {@code off} are inside the view. */
    public boolean fits(long off, long len) {
        return off >= 0 && len >= 0 && off <= length && len <= length - off;
    }

    /** Throws unless {@code len} bytes at {@code off} are inside the view. */
    public void require(long off, long len, String what) {
        if (!fits(off, len)) {
            throw fail(what + " (offset " + off + ", size " + len + ") extends past the end (" + length + " bytes)");
        }
    }

    public BinaryFormatException fail(String defect) {
        return new BinaryFormatException(context + " " + defect);
    }

    public int u8(long off, String what) {
        require(off, 1, what);
        return at(base + (int) off) & 0xff;
    }

    public int u16(long off, String what) {
        require(off, 2, what);
        int p = base + (int) off;
        int a = at(p) & 0xff;
        int b = at(p + 1) & 0xff;
        return little ? (b << 8 | a) : (a << 8 | b);
    }

    /** An unsigned 32-bit value as a long. */
    public long u32(long off, String what) {
        return i32(off, what) & 0xffffffffL;
    }

    public int i32(long off, String what) {
        require(off, 4, what);
        int p = base + (int) off;
        int a = at(p) & 0xff;
        int b = at(p + 1) & 0xff;
        int c = at(p + 2) & 0xff;
        int d = at(p + 3) & 0xff;
        return little ? (d << 24 | c << 16 | b << 8 | a) : (a << 24 | b << 16 | c << 8 | d);
    }

    /** A 64-bit value; callers compare it against the view's length before using it as an offset. */
    public long u64(long off, String what) {
        require(off, 8, what);
        long lo = i32(off + (little ? 0 : 4), what) & 0xffffffffL;
        long hi = i32(off + (little ? 4 : 0), what) & 0xffffffffL;
        return hi << 32 | lo;
    }

    /** Raw bytes (a copy). */
    public byte[] bytes(long off, int len, String what) {
        require(off, len, what);
        byte[] out = new byte[len];
        if (data != null) {
            System.arraycopy(data, base + (int) off, out, 0, len);
        } else {
            for (int i = 0; i < len; i++) {
                out[i] = sparse.get(base + off + i);
            }
        }
        return out;
    }

    /**
     * A NUL-terminated string starting at {@code off} that must end before {@code end}; when
     * {@code end} is reached without a NUL the string is cut there (Mach-O pads names with NULs
     * but a fixed-size field such as segname may fill all 16 bytes).
     */
    public String cstring(long off, long end, String what) {
        long limit = Math.min(end, length);
        require(off, 0, what);
        if (off > limit) {
            throw fail(what + " starts past its end");
        }
        int p = base + (int) off;
        int stop = base + (int) limit;
        int i = p;
        while (i < stop && at(i) != 0) {
            i++;
        }
        return text(p, i);
    }

    /** Like {@link #cstring} but a missing NUL before {@code end} is a defect. */
    public String cstringTerminated(long off, long end, String what) {
        long limit = Math.min(end, length);
        if (off < 0 || off >= limit) {
            throw fail(what + " offset " + off + " is outside its bounds");
        }
        int p = base + (int) off;
        int stop = base + (int) limit;
        int i = p;
        while (i < stop && at(i) != 0) {
            i++;
        }
        if (i == stop) {
            throw fail(what + " is not NUL-terminated");
        }
        return text(p, i);
    }

    private String text(int from, int to) {
        if (data != null) {
            return new String(data, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] b = new byte[to - from];
        for (int i = 0; i < b.length; i++) {
            b[i] = sparse.get(from + i);
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
