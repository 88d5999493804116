package dev.wheelwright.rules.log;

import java.util.Arrays;

/**
 * The byte automaton's pass over a chunk's lines, two lines at a time, leaving a record per line
 * for the scanner to go through in order.
 *
 * <p>A walk of the automaton is one dependent load per byte: the next row is not known until
 * the last one has been read. Two walks over independent lines overlap their loads, so a block
 * of lines is cut in two halves at a line end and both halves are walked in one loop (a third
 * less time per byte on pip's logs than one walk). Only the common step, a transition that asks
 * for no look, stays in that loop; a line end, a needle found, a carriage return, an escape or
 * a non-ASCII byte is handled for its half alone. The halves are recorded separately and joined
 * in line order when the block is done.
 *
 * <p>A half is walked without a bound check: both end in a line end inside the chunk. A block
 * that cannot be cut (one line, or a last line without a line end) is walked as one half with
 * the check.
 */
final class LineScan {
    /** Bytes per block: the consumer reads the block's lines again while they are in the cache. */
    static final int BLOCK = 1 << 16;

    static final int ESCAPE = 1;    // the line holds ESC or a C1 CSI
    static final int HIGH = 2;      // the line holds a non-ASCII byte

    private static final int LOOK = MultiLiteralMatcher.Compact.LOOK;
    private static final int EMITS = MultiLiteralMatcher.Compact.EMITS;

    private final byte[] b;
    private final int len;
    private final int nl;
    private final boolean skipPrefix;
    private final int[] table;
    private final int[] cls;
    private final int[][] outputs;
    private final int lastEnd;      // the index after the chunk's last line end, or 0
    private final int blockSize;
    private final Half one = new Half();
    private final Half two = new Half();

    /** How many blocks were walked as two halves (for tests). */
    int halved;

    /** The block's lines, in order. */
    final Records lines = new Records();

    LineScan(MultiLiteralMatcher.Compact compact, byte[] buf, int len, boolean crOnly, boolean skipPrefix) {
        this(compact, buf, len, crOnly, skipPrefix, BLOCK);
    }

    /** With another block size: small blocks let tests cut lines into halves often. */
    LineScan(MultiLiteralMatcher.Compact compact, byte[] buf, int len, boolean crOnly, boolean skipPrefix, int blockSize) {
        this.blockSize = blockSize;
        this.b = buf;
        this.len = len;
        this.nl = crOnly ? '\r' : '\n';
        this.skipPrefix = skipPrefix;
        this.table = compact.table;
        this.cls = compact.cls;
        this.outputs = compact.outputs;
        int e = len;
        while (e > 0 && b[e - 1] != nl) {
            e--;
        }
        this.lastEnd = e;
    }

    /**
     * Walks the lines from {@code start} (a line start below the chunk's length) to the first
     * line end at or after {@code start} plus the block size, or the chunk's end, into {@link #lines}.
     * Returns where the next block starts (past the chunk's length after a last line without a
     * line end).
     */
    int block(int start) {
        lines.clear();
        int stop = (int) Math.min((long) start + blockSize, len);
        int mid = -1;
        if (stop <= lastEnd) {
            // the second half ends at a line end at or after stop, inside the chunk
            int m = start + (stop - start) / 2;
            while (m < stop && b[m] != nl) {
                m++;
            }
            if (m + 1 < stop) {
                mid = m + 1;
            }
        }
        if (mid < 0) {
            one.begin(start, stop, lines);
            alone(one);
            return one.next;
        }
        halved++;
        two.records.clear();
        one.begin(start, mid, lines);
        two.begin(mid, stop, two.records);
        both();
        lines.append(two.records);
        return two.next;
    }

    /** Both halves in one loop until one is done, then the other alone. */
    private void both() {
        final byte[] b = this.b;
        final int[] table = this.table;
        final int[] cls = this.cls;
        final int[][] outputs = this.outputs;
        final Half x = one;
        final Half y = two;
        int i1 = x.i;
        int s1 = x.s;
        int i2 = y.i;
        int s2 = y.s;
        while (true) {
            int t1;
            int t2;
            while (true) {
                t1 = table[s1 + cls[b[i1] & 0xff]];
                t2 = table[s2 + cls[b[i2] & 0xff]];
                if (((t1 | t2) & LOOK) != 0) {
                    break;
                }
                s1 = t1;
                s2 = t2;
                i1++;
                i2++;
            }
            if ((t1 & LOOK) == 0) {
                s1 = t1;
                i1++;
            } else if (b[i1] >= 0x20) {
                // a needle ends at a printable ASCII byte: noted here, without a call (most looks in pip's lines)
                x.out.ids(outputs[(t1 & ~3) >> 4]);
                s1 = t1 & ~3;
                i1++;
            } else {
                x.i = i1;
                x.s = s1;
                if (!x.look(t1)) {
                    y.i = i2;
                    y.s = s2;
                    alone(y);
                    return;
                }
                i1 = x.i;
                s1 = x.s;
            }
            if ((t2 & LOOK) == 0) {
                s2 = t2;
                i2++;
            } else if (b[i2] >= 0x20) {
                y.out.ids(outputs[(t2 & ~3) >> 4]);
                s2 = t2 & ~3;
                i2++;
            } else {
                y.i = i2;
                y.s = s2;
                if (!y.look(t2)) {
                    alone(x);
                    return;
                }
                i2 = y.i;
                s2 = y.s;
            }
        }
    }

    /** One half to its end, with a bound check: the chunk's last line may have no line end. */
    private void alone(Half h) {
        final byte[] b = this.b;
        final int[] table = this.table;
        final int[] cls = this.cls;
        final int n = len;
        int i = h.i;
        int s = h.s;
        while (true) {
            if (i >= n) {
                h.i = i;
                h.s = s;
                h.endAtChunkEnd();
                return;
            }
            int t = table[s + cls[b[i] & 0xff]];
            if ((t & LOOK) == 0) {
                // the common case in a loop of its own: few live values, so that C1 (the launcher's
                // JIT) keeps them in registers
                s = t;
                while (++i < n && ((t = table[s + cls[b[i] & 0xff]]) & LOOK) == 0) {
                    s = t;
                }
                if (i == n) {
                    continue;
                }
            }
            h.i = i;
            h.s = s;
            if (!h.look(t)) {
                return;
            }
            i = h.i;
            s = h.s;
        }
    }

    /** A half's walk: where it is, and what its current line has shown so far. */
    private final class Half {
        final Records records = new Records();
        Records out;
        int stop;           // the half is done at the first line end at or after stop - 1
        int next;           // where the line after the half's last one starts
        int i;              // the byte to look at
        int s;              // the automaton's state, as a row offset
        int lineStart;
        int lineFrom;
        int crState;
        int firstCr;
        int flags;

        void begin(int start, int stop, Records out) {
            this.out = out;
            this.stop = stop;
            line(start);
        }

        private void line(int start) {
            lineStart = start;
            lineFrom = skipPrefix ? LineNormalizer.prefixEnd(b, start, len) : start;
            i = lineFrom;
            s = 0;
            crState = 0;
            firstCr = -1;
            flags = 0;
        }

        void endAtChunkEnd() {
            out.add(lineStart, lineFrom, len, s, crState, firstCr, flags);
            next = len + 1;
        }

        /**
         * The byte at {@code i}, whose transition {@code t} asks for a look. Returns false when
         * it ended the half's last line.
         */
        boolean look(int t) {
            int i = this.i;
            int u = b[i] & 0xff;
            if (u == nl) {
                out.add(lineStart, lineFrom, i, s, crState, firstCr, flags);
                if (i + 1 >= stop) {
                    next = i + 1;
                    return false;
                }
                line(i + 1);
                return true;
            }
            if (u >= 0x80) {
                // a run of non-ASCII bytes (progress bars, box drawing, CJK) in a loop of its own
                flags |= HIGH;
                int p = i > lineFrom ? b[i - 1] & 0xff : 0;
                int lead = -1;          // the last three-byte character walked, and the state before it
                int leadState = -1;
                while (true) {
                    if (u == 0x9B && p == 0xC2) {
                        flags |= ESCAPE; // C1 CSI, U+009B
                    }
                    if ((t & EMITS) != 0) {
                        out.ids(outputs[(t & ~3) >> 4]);
                    }
                    s = t & ~3;
                    if (i + 1 >= len || b[i + 1] >= 0) {
                        break;
                    }
                    int v = b[i + 1] & 0xff;
                    if (v >= 0xE0 && v <= 0xEF) {
                        // a progress bar repeats one character: bytes that took the walk from a state back to it
                        // do so again, with the same needles (noted) and the same escapes (none: no 0x9B after
                        // 0xC2 starts in a character led by 0xE0-0xEF), so copies of that character are skipped
                        if (s == leadState && lead == i - 2) {
                            while (i + 3 < len && b[i + 1] == b[lead] && b[i + 2] == b[lead + 1] && b[i + 3] == b[lead + 2]) {
                                i += 3;
                                lead += 3;
                            }
                            if (i + 1 >= len || b[i + 1] >= 0) {
                                break;
                            }
                            v = b[i + 1] & 0xff;
                        }
                        if (v >= 0xE0 && v <= 0xEF) {
                            lead = i + 1;
                            leadState = s;
                        }
                    }
                    i++;
                    p = u;
                    u = b[i] & 0xff;
                    t = table[s + cls[u]];
                }
                this.i = i + 1;
                return true;
            }
            if (u == '\r') {
                crState = s;
                if (firstCr < 0) {
                    firstCr = i;
                }
            } else if (u == 0x1B) {
                flags |= ESCAPE;
            }
            if ((t & EMITS) != 0) {
                out.ids(outputs[(t & ~3) >> 4]);
            }
            s = t & ~3;
            this.i = i + 1;
            return true;
        }
    }

    /** Per line: its start, where its scanned text starts, its end, what the walk saw; the needles found. */
    static final class Records {
        int count;
        int[] start = new int[256];
        int[] from = new int[256];
        int[] end = new int[256];
        int[] state = new int[256];     // the automaton's state (a row offset) at the line end
        int[] crState = new int[256];   // the state before the line's last carriage return
        int[] firstCr = new int[256];   // the line's first carriage return, or -1
        int[] flags = new int[256];
        int[] idEnd = new int[256];     // the line's needle ids are ids[idEnd[k - 1] .. idEnd[k])
        int[] ids = new int[1024];
        int idCount;

        void clear() {
            count = 0;
            idCount = 0;
        }

        int idStart(int k) {
            return k == 0 ? 0 : idEnd[k - 1];
        }

        void ids(int[] found) {
            if (idCount + found.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, idCount + found.length));
            }
            System.arraycopy(found, 0, ids, idCount, found.length);
            idCount += found.length;
        }

        void add(int lineStart, int lineFrom, int lineEnd, int endState, int cr, int firstCarriage, int f) {
            if (count == start.length) {
                grow(count * 2);
            }
            int k = count++;
            start[k] = lineStart;
            from[k] = lineFrom;
            end[k] = lineEnd;
            state[k] = endState;
            crState[k] = cr;
            firstCr[k] = firstCarriage;
            flags[k] = f;
            idEnd[k] = idCount;
        }

        void append(Records r) {
            if (count + r.count > start.length) {
                grow(Math.max(start.length * 2, count + r.count));
            }
            if (idCount + r.idCount > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, idCount + r.idCount));
            }
            System.arraycopy(r.start, 0, start, count, r.count);
            System.arraycopy(r.from, 0, from, count, r.count);
            System.arraycopy(r.end, 0, end, count, r.count);
            System.arraycopy(r.state, 0, state, count, r.count);
            System.arraycopy(r.crState, 0, crState, count, r.count);
            System.arraycopy(r.firstCr, 0, firstCr, count, r.count);
            System.arraycopy(r.flags, 0, flags, count, r.count);
            for (int k = 0; k < r.count; k++) {
                idEnd[count + k] = r.idEnd[k] + idCount;
            }
            System.arraycopy(r.ids, 0, ids, idCount, r.idCount);
            count += r.count;
            idCount += r.idCount;
        }

        private void grow(int size) {
            start = Arrays.copyOf(start, size);
            from = Arrays.copyOf(from, size);
            end = Arrays.copyOf(end, size);
            state = Arrays.copyOf(state, size);
            crState = Arrays.copyOf(crState, size);
            firstCr = Arrays.copyOf(firstCr, size);
            flags = Arrays.copyOf(flags, size);
            idEnd = Arrays.copyOf(idEnd, size);
        }
    }
}
