package dev.wheelwright.rules.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho–Corasick automaton over many needles, matched case-insensitively (needles and text are
 * lower-cased), used as the log scanner's pre-filter: one pass over a line tells which needles,
 * and so which patterns, can match it. ASCII transitions are a dense table with failure links
 * resolved in advance (a DFA); other characters fall back to a map with failure links.
 *
 * <p>The same needles are also compiled to a DFA over UTF-8 bytes ({@link Bytes}), so that the
 * scanner can filter raw log bytes without decoding them. Over bytes, ASCII letters fold
 * (which is all that Java's {@code CASE_INSENSITIVE} folds without {@code UNICODE_CASE}) and
 * other bytes match exactly; {@link Bytes#exactForNonAscii()} says whether that equals the
 * char matcher's Unicode folding for every needle.
 * Immutable after construction and safe to share between threads.
 */
public final class MultiLiteralMatcher {
    private static final int ASCII = 128;

    private final int[] ascii;            // state * 128 + char -> next state for chars < 128 (complete DFA, case-folded)
    private final boolean[] emits;        // whether a state has outputs
    private final Map<Long, Integer> other; // (state << 32 | char) -> goto for non-ASCII
    private final int[] fail;
    private final int[][] outputs;        // state -> ids of needles ending here (incl. via fail links)
    private final int ids;
    private final int longest;
    private final Bytes bytes;

    /**
     * @param needles one list of alternative literals per id; id {@code i} is reported when any
     *                of {@code needles.get(i)} occurs
     */
    public MultiLiteralMatcher(List<List<String>> needles) {
        this.ids = needles.size();
        this.longest = needles.stream().flatMap(List::stream).mapToInt(String::length).max().orElse(0);
        List<int[]> gotoAscii = new ArrayList<>();
        Map<Long, Integer> gotoOther = new HashMap<>();
        List<BitSet> out = new ArrayList<>();
        gotoAscii.add(newRow());
        out.add(new BitSet());
        for (int id = 0; id < needles.size(); id++) {
            for (String needle : needles.get(id)) {
                String n = fold(needle);
                if (n.isEmpty()) {
                    continue;
                }
                int s = 0;
                for (int i = 0; i < n.length(); i++) {
                    char c = n.charAt(i);
                    int next = c < ASCII ? gotoAscii.get(s)[c] : gotoOther.getOrDefault(key(s, c), -1);
                    if (next < 0) {
                        next = gotoAscii.size();
                        gotoAscii.add(newRow());
                        out.add(new BitSet());
                        if (c < ASCII) {
                            gotoAscii.get(s)[c] = next;
                        } else {
                            gotoOther.put(key(s, c), next);
                        }
                    }
                    s = next;
                }
                out.get(s).set(id);
            }
        }
        int n = gotoAscii.size();
        int[] f = new int[n];
        // breadth-first: failure links, merged outputs, complete ASCII transitions
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] root = gotoAscii.get(0);
        for (int c = 0; c < ASCII; c++) {
            if (root[c] < 0) {
                root[c] = 0;
            } else {
                f[root[c]] = 0;
                queue.add(root[c]);
            }
        }
        Map<Integer, List<long[]>> otherChildren = new HashMap<>();
        for (Map.Entry<Long, Integer> e : gotoOther.entrySet()) {
            int from = (int) (e.getKey() >>> 32);
            otherChildren.computeIfAbsent(from, k -> new ArrayList<>()).add(new long[] {e.getKey() & 0xffffffffL, e.getValue()});
        }
        for (long[] child : otherChildren.getOrDefault(0, List.of())) {
            f[(int) child[1]] = 0;
            queue.add((int) child[1]);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).or(out.get(f[s]));
            int[] row = gotoAscii.get(s);
            int[] failRow = gotoAscii.get(f[s]);
            for (int c = 0; c < ASCII; c++) {
                if (row[c] < 0) {
                    row[c] = failRow[c];
                } else {
                    f[row[c]] = failRow[c];
                    queue.add(row[c]);
                }
            }
            for (long[] child : otherChildren.getOrDefault(s, List.of())) {
                char c = (char) child[0];
                int t = f[s];
                Integer g;
                while ((g = gotoOther.get(key(t, c))) == null && t != 0) {
                    t = f[t];
                }
                g = gotoOther.get(key(t, c));
                f[(int) child[1]] = g != null && g != (int) child[1] ? g : 0;
                queue.add((int) child[1]);
            }
        }
        this.ascii = new int[n * ASCII];
        for (int st = 0; st < n; st++) {
            int[] row = gotoAscii.get(st);
            for (int c = 0; c < ASCII; c++) {
                // upper-case ASCII letters move like their lower-case form: no per-character folding
                ascii[st * ASCII + c] = (c >= 'A' && c <= 'Z') ? row[c + 32] : row[c];
            }
        }
        this.emits = new boolean[n];
        this.other = gotoOther;
        this.fail = f;
        this.outputs = new int[n][];
        for (int s = 0; s < n; s++) {
            outputs[s] = out.get(s).stream().toArray();
            emits[s] = outputs[s].length > 0;
        }
        this.bytes = new Bytes(needles);
    }

    /** The byte-level automaton over the same needles. */
    public Bytes bytes() {
        return bytes;
    }

    /** How many ids the matcher knows. */
    public int size() {
        return ids;
    }

    /** Sets in {@code found} the ids of the needles occurring in {@code text}. */
    void find(CharSequence text, IdBits found) {
        find(text, 0, text.length(), found);
    }

    /** Like {@link #find(CharSequence, IdBits)} over {@code text[from, to)}. */
    void find(CharSequence text, int from, int to, IdBits found) {
        int s = 0;
        final int[] table = ascii;
        final boolean[] emit = emits;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < ASCII) {
                s = table[(s << 7) | c];
            } else {
                c = Character.toLowerCase(c);
                Integer g;
                while ((g = other.get(key(s, c))) == null && s != 0) {
                    s = fail[s];
                }
                s = g == null ? 0 : g;
            }
            if (emit[s]) {
                for (int id : outputs[s]) {
                    found.set(id);
                }
            }
        }
    }

    /** The length of the longest needle, in characters. */
    public int longest() {
        return longest;
    }

    private static int[] newRow() {
        int[] row = new int[ASCII];
        Arrays.fill(row, -1);
        return row;
    }

    private static long key(int state, char c) {
        return ((long) state << 32) | c;
    }

    /** A needle as the matcher looks for it: A-Z as a-z, other chars in lower case. */
    static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(fold(s.charAt(i)));
        }
        return sb.toString();
    }

    /** A char of the text as the char matcher compares it with a needle's. */
    static char fold(char c) {
        return c < ASCII ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
    }

    /**
     * A complete DFA over the UTF-8 bytes of the (lower-cased) needles. Bytes are first mapped
     * to a class (every byte that occurs in no needle is class 0, which always leads back to the
     * start state; an upper-case ASCII letter shares its lower-case letter's class), so a
     * transition is {@code table[state << shift | cls[b & 0xff]]}. The arrays are exposed to the
     * scanner's inner loop, which reads them and never writes them.
     */
    public static final class Bytes {
        final int[] cls = new int[256];
        final int shift;
        final int[] table;
        final boolean[] emits;
        final int[][] outputs;
        final int[] depth;          // length of the needle prefix a state stands for
        private final boolean exactForNonAscii;

        Bytes(List<List<String>> needles) {
            List<byte[]> words = new ArrayList<>();
            List<Integer> wordIds = new ArrayList<>();
            boolean exact = true;
            for (int id = 0; id < needles.size(); id++) {
                for (String needle : needles.get(id)) {
                    String n = fold(needle);
                    if (n.isEmpty()) {
                        continue;
                    }
                    for (int i = 0; i < n.length(); i++) {
                        char c = n.charAt(i);
                        // a needle char that some other char folds to (upper case, title case) can only be found by the char matcher
                        if (c >= ASCII && (Character.toUpperCase(c) != c || Character.toTitleCase(c) != c)) {
                            exact = false;
                        }
                    }
                    words.add(n.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    wordIds.add(id);
                }
            }
            // classes: 0 for bytes in no needle, then one per distinct (case-folded) byte
            int count = 1;
            for (byte[] w : words) {
                for (byte b : w) {
                    int u = b & 0xff;
                    if (cls[u] == 0) {
                        cls[u] = count++;
                    }
                }
            }
            for (int u = 'A'; u <= 'Z'; u++) {
                cls[u] = cls[u + 32];
            }
            int sh = 0;
            while ((1 << sh) < count) {
                sh++;
            }
            this.shift = sh;
            int width = 1 << sh;
            List<int[]> rows = new ArrayList<>();
            List<BitSet> out = new ArrayList<>();
            List<Integer> dep = new ArrayList<>();
            rows.add(filled(width));
            out.add(new BitSet());
            dep.add(0);
            for (int w = 0; w < words.size(); w++) {
                int s = 0;
                for (byte b : words.get(w)) {
                    int c = cls[b & 0xff];
                    int next = rows.get(s)[c];
                    if (next < 0) {
                        next = rows.size();
                        rows.add(filled(width));
                        out.add(new BitSet());
                        dep.add(dep.get(s) + 1);
                        rows.get(s)[c] = next;
                    }
                    s = next;
                }
                out.get(s).set(wordIds.get(w));
            }
            int n = rows.size();
            int[] f = new int[n];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            int[] root = rows.get(0);
            for (int c = 0; c < width; c++) {
                if (root[c] < 0 || c == 0) {
                    root[c] = 0;
                } else {
                    queue.add(root[c]);
                }
            }
            while (!queue.isEmpty()) {
                int s = queue.poll();
                out.get(s).or(out.get(f[s]));
                int[] row = rows.get(s);
                int[] failRow = rows.get(f[s]);
                for (int c = 0; c < width; c++) {
                    if (row[c] < 0) {
                        row[c] = failRow[c];
                    } else {
                        f[row[c]] = failRow[c];
                        queue.add(row[c]);
                    }
                }
            }
            this.table = new int[n << sh];
            this.emits = new boolean[n];
            this.outputs = new int[n][];
            this.depth = new int[n];
            for (int s = 0; s < n; s++) {
                System.arraycopy(rows.get(s), 0, table, s << sh, width);
                outputs[s] = out.get(s).stream().toArray();
                emits[s] = outputs[s].length > 0;
                depth[s] = dep.get(s);
            }
            if ((long) n << sh >= Integer.MAX_VALUE) {
                throw new IllegalStateException("too many needles for the byte automaton");
            }
            this.exactForNonAscii = exact;
        }

        /**
         * The transitions in the form the scanner's inner loop reads, {@code table[s + cls[b]]}
         * (see {@link Compact}). {@code look[b]} marks the bytes the caller wants to see (line
         * ends, controls, non-ASCII): every transition on them has {@link Compact#LOOK} set, as
         * has every transition into a state with outputs, which also has {@link Compact#EMITS}.
         */
        public Compact compact(boolean[] look) {
            int n = depth.length;
            int classes = 0;
            for (int u = 0; u < 256; u++) {
                classes = Math.max(classes, cls[u] + 1);
            }
            int[] c = new int[256];
            boolean[] lookClass = new boolean[classes + 1];
            int other = classes; // bytes in no needle that the caller wants to see: class 0's moves, flagged
            for (int u = 0; u < 256; u++) {
                c[u] = look[u] && cls[u] == 0 ? other : cls[u];
            }
            for (int u = 0; u < 256; u++) {
                if (look[u] && cls[u] != 0) {
                    // a byte of some needle: its class is that byte alone (an ASCII letter's is the two cases, never looked at)
                    for (int v = 0; v < 256; v++) {
                        if (cls[v] == cls[u] && !look[v]) {
                            throw new IllegalStateException("byte class mixes looked-at and other bytes");
                        }
                    }
                    lookClass[cls[u]] = true;
                }
            }
            lookClass[other] = true;
            int width = (classes + 1 + 15) & ~15; // a multiple of 16: an entry's two low bits are flags, offset >> 4 indexes outputs
            if ((long) n * width >= Integer.MAX_VALUE) {
                throw new IllegalStateException("too many needles for the byte automaton");
            }
            int[] t = new int[n * width];
            for (int st = 0; st < n; st++) {
                for (int k = 0; k <= classes; k++) {
                    int next = table[(st << shift) | (k == other ? 0 : k)];
                    int e = next * width;
                    if (emits[next]) {
                        e |= Compact.EMITS | Compact.LOOK;
                    }
                    if (lookClass[k]) {
                        e |= Compact.LOOK;
                    }
                    t[st * width + k] = e;
                }
            }
            int[][] out = new int[n * (width >> 4)][];
            int[] dep = new int[n * (width >> 4)];
            for (int st = 0; st < n; st++) {
                out[st * (width >> 4)] = outputs[st];
                dep[st * (width >> 4)] = depth[st];
            }
            return new Compact(c, t, width, out, dep);
        }

        /** How many states the automaton has. */
        public int states() {
            return depth.length;
        }

        private static int[] filled(int width) {
            int[] row = new int[width];
            Arrays.fill(row, -1);
            return row;
        }

        /**
         * Whether matching raw UTF-8 bytes finds the same needles as the char matcher on the
         * decoded text, also for non-ASCII text: true unless a needle holds a non-ASCII letter
         * with case forms.
         */
        public boolean exactForNonAscii() {
            return exactForNonAscii;
        }

        /** Runs the DFA from {@code state} over {@code data[from, to)}, setting found ids; returns the end state. */
        public int run(int state, byte[] data, int from, int to, IdBits found) {
            int s = state;
            for (int i = from; i < to; i++) {
                s = table[(s << shift) | cls[data[i] & 0xff]];
                if (emits[s]) {
                    for (int id : outputs[s]) {
                        found.set(id);
                    }
                }
            }
            return s;
        }

        /** One step of the DFA, with any found ids set. */
        public int step(int state, int b, IdBits found) {
            int s = table[(state << shift) | cls[b & 0xff]];
            if (emits[s]) {
                for (int id : outputs[s]) {
                    found.set(id);
                }
            }
            return s;
        }

        /** How many bytes of a needle the state has matched so far. */
        public int depth(int state) {
            return depth[state];
        }
    }

    /**
     * The byte automaton laid out for a tight loop: bytes map to classes ({@code cls}; the bytes
     * of no needle share class 0), and a state's row holds one int per class, so a row is a few
     * cache lines rather than 256 ints (most of the scan's time went to cache misses on the
     * wide rows of the states along common needle prefixes). An entry is the next state's row
     * offset ({@code state * width}) with two flags in its low bits; {@code table[s + cls[b]]}
     * with {@code s} the current offset is one step, and an entry without flags is the next
     * offset as it is.
     */
    public static final class Compact {
        /** The transition needs a look: the byte was asked for, or the next state has outputs. */
        public static final int LOOK = 1;
        /** The next state has outputs. */
        public static final int EMITS = 2;
        final int[] cls;
        final int[] table;
        final int width;
        /** The ids of the needles ending in a state, at {@code offset >> 4}: the loop finds them without a division. */
        final int[][] outputs;
        /** How many bytes of a needle a state has matched so far, at {@code offset >> 4}. */
        final int[] depth;

        Compact(int[] cls, int[] table, int width, int[][] outputs, int[] depth) {
            this.cls = cls;
            this.table = table;
            this.width = width;
            this.outputs = outputs;
            this.depth = depth;
        }

        /** The state an entry (or a row offset) leads to. */
        public int state(int entry) {
            return (entry & ~3) / width;
        }

        /** The row offset of a state: what the loop starts from. */
        public int offset(int state) {
            return state * width;
        }
    }
}
