package dev.wheelwright.rules.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The search for one further required literal clause of a pattern (one of its words must be
 * there: ".tar.gz" or ".zip", "whl"...), asked of a line only when an entry that needs it has
 * its own needle there: in a line's bytes, across the join of two lines, or in a text.
 *
 * <p>Words are compared folded as the literal filter folds them (ASCII letters as lower case).
 * A line's bytes are searched for one byte of each word, the one least common in build logs
 * (".tar.gz", ".tar.bz2" and ".zip" all hold a "z"), eight bytes at a time while the words'
 * chosen bytes take at most two values, and each place where one is found is checked for its
 * word. pip's "Downloading" lines, a million a GB of a pip log, each ask for
 * no-wheel-for-target's archive suffixes.
 */
final class ClauseSearch {
    /** Bytes as the automaton reads them: A-Z as a-z, every other byte as it is. */
    static final byte[] FOLD = new byte[256];

    static {
        for (int u = 0; u < 256; u++) {
            FOLD[u] = (byte) (u >= 'A' && u <= 'Z' ? u + 32 : u);
        }
    }

    /**
     * Bytes from the most to the least common in build logs, as far as it matters here: an
     * unlisted byte (other punctuation, controls, non-ASCII) counts as rarer than all of them.
     * Letters go by their frequency in English text; digits and the separators of paths,
     * versions and options are more common in logs than most letters.
     */
    private static final String COMMON = " e/.t-a_o0i1n2s3r:l4c5h6d7u8p9m,=\"'()[]gfywbvk+xjqz";

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    final String[] words;          // folded as the char matcher folds them
    final byte[][] bytes;          // their UTF-8, A-Z folded
    final int longest;             // the longest word's bytes
    private final int[] probeAt;   // per word: where its chosen byte is
    private final byte[] probeOf;  // per word: that byte
    private final boolean[] probe; // per byte value: its fold is some word's chosen byte
    private final int probes;      // distinct chosen bytes: 1 or 2 take the eight-byte test
    private final long seekA;      // the first chosen byte, in every byte of a long
    private final long maskA;      // 0x20 in every byte when the test ORs it in (A-Z and a-z alike)
    private final long seekB;
    private final long maskB;
    private final boolean space;   // some word holds a space (may cross a join with a space anywhere)
    private final long pairs;      // hashes of every two bytes in a row of a word (where it may cross a direct join)

    ClauseSearch(List<String> clause) {
        words = clause.stream().map(MultiLiteralMatcher::fold).filter(w -> !w.isEmpty()).toArray(String[]::new);
        bytes = new byte[words.length][];
        probeAt = new int[words.length];
        probeOf = new byte[words.length];
        probe = new boolean[256];
        boolean sp = false;
        long pr = 0;
        int[] seen = new int[2];
        int distinct = 0;
        for (int i = 0; i < words.length; i++) {
            byte[] w = words[i].getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k < w.length; k++) {
                w[k] = FOLD[w[k] & 0xff];
            }
            bytes[i] = w;
            int best = 0;
            for (int k = 1; k < w.length; k++) {
                if (rank(w[k]) > rank(w[best])) {
                    best = k;
                }
            }
            probeAt[i] = best;
            probeOf[i] = w[best];
            int v = w[best] & 0xff;
            boolean known = false;
            for (int j = 0; j < Math.min(distinct, 2); j++) {
                known |= seen[j] == v;
            }
            if (!known) {
                if (distinct < 2) {
                    seen[distinct] = v;
                }
                distinct++;
            }
            for (int u = 0; u < 256; u++) {
                probe[u] |= (FOLD[u] & 0xff) == v;
            }
            for (int k = 0; k < w.length; k++) {
                sp |= w[k] == ' ';
                if (k > 0) {
                    pr |= 1L << pairHash(w[k - 1], w[k]);
                }
            }
        }
        probes = distinct;
        seekA = ONES * seen[0];
        maskA = (seen[0] & 0x20) != 0 ? ONES * 0x20 : 0;
        seekB = distinct > 1 ? ONES * seen[1] : seekA; // (one chosen byte: the same test twice)
        maskB = distinct > 1 ? ((seen[1] & 0x20) != 0 ? ONES * 0x20 : 0) : maskA;
        space = sp;
        pairs = pr;
        int most = 0;
        for (byte[] w : bytes) {
            most = Math.max(most, w.length);
        }
        longest = most;
    }

    /** How rare a (folded) byte is in build logs: higher is rarer. */
    private static int rank(byte b) {
        int at = COMMON.indexOf((char) (b & 0xff));
        return at < 0 ? COMMON.length() : at;
    }

    private static int pairHash(int x, int y) {
        return ((x & 0xff) * 31 + (y & 0xff)) & 63;
    }

    /** Whether {@code b[from, to)} holds one of the words. */
    boolean in(byte[] b, int from, int to) {
        int p = from;
        if (probes <= 2) {
            final long seekA = this.seekA;
            final long maskA = this.maskA;
            final long seekB = this.seekB;
            final long maskB = this.maskB;
            for (; p + 8 <= to; p += 8) {
                long x = (long) LONGS.get(b, p);
                long a = (x | maskA) ^ seekA;
                long c = (x | maskB) ^ seekB;
                // a byte of a (or c) is zero where x holds the chosen byte (or, ORing 0x20, a byte 0x20 below it)
                if ((((a - ONES) & ~a | (c - ONES) & ~c) & HIGHS) != 0) {
                    for (int q = p; q < p + 8; q++) {
                        if (probe[b[q] & 0xff] && at(b, from, to, q)) {
                            return true;
                        }
                    }
                }
            }
        }
        for (; p < to; p++) {
            if (probe[b[p] & 0xff] && at(b, from, to, p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a word whose chosen byte is at {@code q} is in {@code b[from, to)} there. */
    private boolean at(byte[] b, int from, int to, int q) {
        byte v = FOLD[b[q] & 0xff];
        for (int i = 0; i < bytes.length; i++) {
            if (probeOf[i] == v) {
                byte[] w = bytes[i];
                int p = q - probeAt[i];
                if (p >= from && p + w.length <= to && equalsAt(b, p, w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean equalsAt(byte[] b, int p, byte[] w) {
        for (int k = 0; k < w.length; k++) {
            if (FOLD[b[p + k] & 0xff] != w[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether one of the words crosses the join of {@code b[aFrom, aTo)} and {@code b[bFrom, bTo)},
     * joined directly or with a space: it starts before the second part and ends after the first.
     * (A word crosses a direct join where two of its bytes in a row are the first part's last and
     * the second's first, and a join with a space where it holds a space: those are asked first.)
     */
    boolean crosses(byte[] b, int aFrom, int aTo, int bFrom, int bTo) {
        int last = aTo > aFrom ? FOLD[b[aTo - 1] & 0xff] : Integer.MIN_VALUE; // (no byte equals the empty part's)
        int first = bTo > bFrom ? FOLD[b[bFrom] & 0xff] : Integer.MIN_VALUE;
        if (!space && (aTo == aFrom || bTo == bFrom || (pairs & 1L << pairHash(last, first)) == 0)) {
            return false;
        }
        for (byte[] w : bytes) {
            for (int k = 0; k < w.length; k++) {
                // k bytes of w in the first part, then w[k] is the space, or (k > 0) the second part's first byte
                if (w[k] == ' ' && endsWith(b, aFrom, aTo, w, k) && startsWith(b, bFrom, bTo, w, k + 1)) {
                    return true;
                }
                if (k > 0 && w[k - 1] == last && w[k] == first && endsWith(b, aFrom, aTo, w, k) && startsWith(b, bFrom, bTo, w, k)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code b[from, to)} ends with {@code w[0, k)}, folded. */
    private static boolean endsWith(byte[] b, int from, int to, byte[] w, int k) {
        if (to - from < k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (FOLD[b[to - k + i] & 0xff] != w[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from, to)} starts with {@code w[k, w.length)}, folded. */
    private static boolean startsWith(byte[] b, int from, int to, byte[] w, int k) {
        if (to - from < w.length - k) {
            return false;
        }
        for (int i = k; i < w.length; i++) {
            if (FOLD[b[from + i - k] & 0xff] != w[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} holds one of the words, its chars folded as the char matcher folds them. */
    boolean in(CharSequence text) {
        int n = text.length();
        for (int p = 0; p < n; p++) {
            char c = MultiLiteralMatcher.fold(text.charAt(p));
            for (String w : words) {
                if (w.charAt(0) == c && w.length() <= n - p && at(text, p, w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean at(CharSequence text, int p, String w) {
        for (int k = 1; k < w.length(); k++) {
            if (MultiLiteralMatcher.fold(text.charAt(p + k)) != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
