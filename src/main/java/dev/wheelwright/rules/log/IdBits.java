package dev.wheelwright.rules.log;

import java.util.Arrays;

/**
 * A set of small non-negative ids (needles, patterns, rules) of a capacity fixed when made, for
 * the log scanner's per-line bookkeeping. It does what the scanner asked of {@link java.util.BitSet}
 * with less work a call: no growing, no invariant checks, and clearing, testing for empty and
 * iterating look only at the words that were written since the last clear (a line's ids are few
 * and low). The launcher runs C1 only, which does not inline BitSet's larger methods: on logs of
 * short lines they were a tenth of the scan.
 */
final class IdBits {
    private final long[] words;
    private int used;           // words at and after this index are zero

    /** A set that can hold the ids below {@code capacity}. */
    IdBits(int capacity) {
        words = new long[Math.max(1, (capacity + 63) >>> 6)];
    }

    void set(int id) {
        int k = id >>> 6;
        words[k] |= 1L << id;
        if (k >= used) {
            used = k + 1;
        }
    }

    boolean get(int id) {
        int k = id >>> 6;
        return k < used && (words[k] & (1L << id)) != 0;
    }

    void clear(int id) {
        int k = id >>> 6;
        if (k < used) {
            words[k] &= ~(1L << id);
        }
    }

    void clear() {
        for (int k = 0; k < used; k++) {
            words[k] = 0;
        }
        used = 0;
    }

    boolean isEmpty() {
        for (int k = 0; k < used; k++) {
            if (words[k] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The least id at or above {@code from} in the set, or -1. */
    int nextSetBit(int from) {
        int k = from >>> 6;
        if (k >= used) {
            return -1;
        }
        long w = words[k] & (-1L << from);
        while (true) {
            if (w != 0) {
                return (k << 6) + Long.numberOfTrailingZeros(w);
            }
            if (++k >= used) {
                return -1;
            }
            w = words[k];
        }
    }

    /** Whether this set and {@code other} share an id. */
    boolean intersects(IdBits other) {
        int n = Math.min(used, other.used);
        for (int k = 0; k < n; k++) {
            if ((words[k] & other.words[k]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Adds the ids of {@code other} (whose capacity is at most this one's). */
    void or(IdBits other) {
        for (int k = 0; k < other.used; k++) {
            words[k] |= other.words[k];
        }
        if (other.used > used) {
            used = other.used;
        }
    }

    /** Removes the ids of {@code other}. */
    void andNot(IdBits other) {
        int n = Math.min(used, other.used);
        for (int k = 0; k < n; k++) {
            words[k] &= ~other.words[k];
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IdBits other)) {
            return false;
        }
        int n = Math.max(used, other.used);
        for (int k = 0; k < n; k++) {
            long a = k < used ? words[k] : 0;
            long b = k < other.used ? other.words[k] : 0;
            if (a != b) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int n = used;
        while (n > 0 && words[n - 1] == 0) {
            n--;
        }
        return Arrays.hashCode(Arrays.copyOf(words, n));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = nextSetBit(0); i >= 0; i = nextSetBit(i + 1)) {
            sb.append(sb.length() > 1 ? ", " : "").append(i);
        }
        return sb.append('}').toString();
    }
}
