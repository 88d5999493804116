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
 * Immutable after construction and safe to share between threads.
 */
public final class MultiLiteralMatcher {
    private static final int ASCII = 128;

    private final int[][] ascii;          // state -> next state for chars < 128 (complete DFA)
    private final Map<Long, Integer> other; // (state << 32 | char) -> goto for non-ASCII
    private final int[] fail;
    private final int[][] outputs;        // state -> ids of needles ending here (incl. via fail links)
    private final int ids;

    /**
     * @param needles one list of alternative literals per id; id {@code i} is reported when any
     *                of {@code needles.get(i)} occurs
     */
    public MultiLiteralMatcher(List<List<String>> needles) {
        this.ids = needles.size();
        List<int[]> gotoAscii = new ArrayList<>();
        Map<Long, Integer> gotoOther = new HashMap<>();
        List<BitSet> out = new ArrayList<>();
        gotoAscii.add(newRow());
        out.add(new BitSet());
        for (int id = 0; id < needles.size(); id++) {
            for (String needle : needles.get(id)) {
                String n = lower(needle);
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
        this.ascii = gotoAscii.toArray(new int[0][]);
        this.other = gotoOther;
        this.fail = f;
        this.outputs = new int[n][];
        for (int s = 0; s < n; s++) {
            outputs[s] = out.get(s).stream().toArray();
        }
    }

    /** How many ids the matcher knows. */
    public int size() {
        return ids;
    }

    /** Sets in {@code found} the ids of the needles occurring in {@code text}. */
    public void find(CharSequence text, BitSet found) {
        int s = 0;
        int[][] table = ascii;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < ASCII) {
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
                s = table[s][c];
            } else {
                c = Character.toLowerCase(c);
                Integer g;
                while ((g = other.get(key(s, c))) == null && s != 0) {
                    s = fail[s];
                }
                s = g == null ? 0 : g;
            }
            int[] o = outputs[s];
            for (int id : o) {
                found.set(id);
            }
        }
    }

    private static int[] newRow() {
        int[] row = new int[ASCII];
        Arrays.fill(row, -1);
        return row;
    }

    private static long key(int state, char c) {
        return ((long) state << 32) | c;
    }

    private static String lower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < ASCII ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }
}
