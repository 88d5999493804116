package dev.wheelwright.rules.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A version compared the way people read release numbers: dotted numeric parts left to right,
 * missing parts count as zero ({@code 10.9 < 10.10}, {@code 11 == 11.0}). A trailing
 * non-numeric suffix of a part ({@code 1.0rc1}) is ignored except that a part with a suffix
 * sorts before the same number without one, which orders pre-releases before the release.
 * Good enough for macOS, glibc, pip, Python and tool versions; full PEP 440 ordering lives in
 * the {@code spec} package.
 */
public record DottedVersion(String text, List<Long> parts, boolean preRelease) implements Comparable<DottedVersion> {

    public static DottedVersion parse(String text) {
        String t = text.trim();
        if (t.startsWith("v") || t.startsWith("V")) {
            t = t.substring(1);
        }
        List<Long> parts = new ArrayList<>();
        boolean pre = false;
        for (String piece : t.split("[._-]", -1)) {
            int i = 0;
            while (i < piece.length() && Character.isDigit(piece.charAt(i))) {
                i++;
            }
            if (i == 0) {
                pre = pre || !piece.isEmpty();
                break;
            }
            parts.add(Long.parseLong(piece.substring(0, Math.min(i, 18))));
            if (i < piece.length()) {
                pre = true;
                break;
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("not a version: '" + text + "'");
        }
        return new DottedVersion(text, List.copyOf(parts), pre);
    }

    @Override
    public int compareTo(DottedVersion o) {
        int n = Math.max(parts.size(), o.parts.size());
        for (int i = 0; i < n; i++) {
            long a = i < parts.size() ? parts.get(i) : 0;
            long b = i < o.parts.size() ? o.parts.get(i) : 0;
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        return Boolean.compare(o.preRelease, preRelease);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DottedVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        List<Long> p = new ArrayList<>(parts);
        while (!p.isEmpty() && p.get(p.size() - 1) == 0) {
            p.remove(p.size() - 1);
        }
        return p.hashCode() * 2 + (preRelease ? 1 : 0);
    }

    @Override
    public String toString() {
        return text;
    }
}
