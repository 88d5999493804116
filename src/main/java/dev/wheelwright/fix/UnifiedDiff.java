package dev.wheelwright.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs (the format of GNU diff -u and git diff) of a {@link FileEdit}, with three lines of
 * context, so the output can be read by people and applied with {@code patch -p1} or {@code git apply}.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    public static String of(FileEdit edit) {
        return of(edit, "");
    }

    /**
     * The diff with PREFIX (the project's folder inside its git repository, ending in "/") before
     * each path, so that {@code git apply} run from the repository root finds the files.
     */
    public static String of(FileEdit edit, String prefix) {
        List<String> a = edit.before() == null ? List.of() : lines(edit.before());
        List<String> b = lines(edit.after());
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(edit.createsFile() ? "/dev/null" : "a/" + prefix + edit.path()).append('\n');
        out.append("+++ b/").append(prefix).append(edit.path()).append('\n');
        List<int[]> ops = script(a, b); // {kind, indexA, indexB}: 0 same, 1 delete, 2 insert
        int i = 0;
        while (i < ops.size()) {
            // find the next change
            while (i < ops.size() && ops.get(i)[0] == 0) {
                i++;
            }
            if (i >= ops.size()) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < ops.size()) {
                if (ops.get(end)[0] != 0) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = -1;
            int bStart = -1;
            int aCount = 0;
            int bCount = 0;
            StringBuilder hunk = new StringBuilder();
            for (int k = start; k < end; k++) {
                int[] op = ops.get(k);
                if (op[0] != 2 && aStart < 0) {
                    aStart = op[1];
                }
                if (op[0] != 1 && bStart < 0) {
                    bStart = op[2];
                }
                switch (op[0]) {
                    case 0 -> {
                        hunk.append(' ').append(a.get(op[1])).append('\n');
                        aCount++;
                        bCount++;
                    }
                    case 1 -> {
                        hunk.append('-').append(a.get(op[1])).append('\n');
                        aCount++;
                    }
                    default -> {
                        hunk.append('+').append(b.get(op[2])).append('\n');
                        bCount++;
                    }
                }
            }
            // a range with no lines is written as the line before it (GNU diff convention)
            int aFrom = aCount == 0 ? firstIndexBefore(ops, start, true) : aStart + 1;
            int bFrom = bCount == 0 ? firstIndexBefore(ops, start, false) : bStart + 1;
            out.append("@@ -").append(range(aFrom, aCount)).append(" +").append(range(bFrom, bCount)).append(" @@\n");
            out.append(hunk);
            i = end;
        }
        return out.toString();
    }

    private static int firstIndexBefore(List<int[]> ops, int k, boolean sideA) {
        int count = 0;
        for (int j = 0; j < k; j++) {
            int kind = ops.get(j)[0];
            if (kind == 0 || (sideA ? kind == 1 : kind == 2)) {
                count++;
            }
        }
        return count;
    }

    private static String range(int from, int count) {
        return count == 1 ? String.valueOf(from) : from + "," + count;
    }

    /** Lines without their terminators (a missing final newline is not marked; the fixes always end files with one). */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** An edit script from the longest common subsequence (files here are small). */
    private static List<int[]> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a.get(x).equals(b.get(y)) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<int[]> ops = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (x < n || y < m) {
            if (x < n && y < m && a.get(x).equals(b.get(y))) {
                ops.add(new int[] {0, x++, y++});
            } else if (x < n && (y >= m || lcs[x + 1][y] >= lcs[x][y + 1])) {
                ops.add(new int[] {1, x++, y}); // deletions before insertions, as diff -u prints them
            } else {
                ops.add(new int[] {2, x, y++});
            }
        }
        return ops;
    }
}
