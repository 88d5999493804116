package dev.wheelwright.rules.log;

import java.util.regex.Pattern;

/**
 * What a pattern anchored at the start of the line ({@code ^[\s*>-]*[Pp]ip...},
 * {@code ^\s*Stored in directory: }) asks of the line's first characters: after a run of
 * characters from the sets of its leading starred items, the first other character is one
 * of its first required item's. The log scanner tests this on a line's raw ASCII bytes
 * before it makes the line's text and runs the regex: pip's {@code .cache/pip/wheels} on
 * every "Stored in directory" line holds the needle {@code pip} of a pattern that wants a
 * line starting with "pip", and no longer costs a string and a regex run each.
 *
 * <p>Only what the pattern text makes certain is used: leading inline flags, {@code ^},
 * items that are a character, an escaped punctuation character, {@code \s}, {@code \d},
 * {@code \w} or a class of those (with ranges), each followed by {@code *}, {@code ?} or
 * {@code +} (all read as "any number": a superset), then one such item without a
 * quantifier. Anything else, and a first item that shares a character with the skipped
 * run, gives no test. A non-ASCII character (pip's progress bar before the next line, in a
 * join) is decided by the non-ASCII characters the items list, unless case folding beyond
 * ASCII is on.
 */
final class AnchoredStart {
    private final boolean[] skip = new boolean[128];
    private final boolean[] first = new boolean[128];
    // the non-ASCII characters of both sets (BMP, no surrogates), and whether those lists are whole:
    // not when a member is a surrogate, or case folding beyond ASCII is on, or the sets share one
    private final java.util.BitSet skipHigh = new java.util.BitSet();
    private final java.util.BitSet firstHigh = new java.util.BitSet();
    private boolean highDecided = true;

    /** The characters an item or group can match: ASCII ones by code, other BMP ones listed. */
    private static final class Members {
        final boolean[] ascii = new boolean[128];
        final java.util.BitSet high = new java.util.BitSet();
        boolean wide;       // some member is a surrogate: not listed

        void add(int c) {
            if (c < 128) {
                ascii[c] = true;
            } else if (Character.isSurrogate((char) c)) {
                wide = true;
            } else {
                high.set(c);
            }
        }
    }

    private AnchoredStart() {
    }

    /** The test for {@code p}, or null when its text makes none certain. */
    static AnchoredStart of(Pattern p) {
        if ((p.flags() & (Pattern.MULTILINE | Pattern.COMMENTS | Pattern.LITERAL | Pattern.UNICODE_CHARACTER_CLASS)) != 0) {
            return null;
        }
        boolean ci = (p.flags() & Pattern.CASE_INSENSITIVE) != 0;
        boolean unicodeCase = (p.flags() & Pattern.UNICODE_CASE) != 0;
        String r = p.pattern();
        int i = 0;
        while (r.startsWith("(?", i)) {
            int j = i + 2;
            while (j < r.length() && Character.isLetter(r.charAt(j))) {
                char f = r.charAt(j);
                if (f == 'i') {
                    ci = true;
                } else if (f == 'u') {
                    unicodeCase = true;
                } else {
                    return null;
                }
                j++;
            }
            if (j == i + 2 || j >= r.length() || r.charAt(j) != ')') {
                return null;
            }
            i = j + 1;
        }
        if (!r.startsWith("^", i)) {
            return null;
        }
        i++;
        AnchoredStart a = new AnchoredStart();
        a.highDecided = !(ci && unicodeCase);
        int[] at = {i};
        int[] groupEnds = new int[16]; // the ')' of each required group entered, innermost last
        int groups = 0;
        while (true) {
            while (groups > 0 && at[0] == groupEnds[groups - 1]) {
                at[0]++; // leaving a required group (its quantifier, if any, is one at least)
                if (at[0] < r.length() && r.charAt(at[0]) == '+') {
                    at[0]++;
                }
                groups--;
            }
            int g = groupStart(r, at[0]);
            if (g > 0) {
                int close = closing(r, g);
                if (close < 0) {
                    return null;
                }
                int q = close + 1;
                boolean optional = q < r.length() && "*?{".indexOf(r.charAt(q)) >= 0;
                if (optional) {
                    // an optional group: every character it can match may be in the skipped run
                    Members set = new Members();
                    if (r.charAt(q) == '{' || !chars(r, g, close, set)) {
                        return null;
                    }
                    if (ci) {
                        fold(set.ascii);
                    }
                    a.addSkipped(set);
                    at[0] = q + 1;
                    if (at[0] < r.length() && (r.charAt(at[0]) == '?' || r.charAt(at[0]) == '+')) {
                        at[0]++;
                    }
                    continue;
                }
                if (hasAlternatives(r, g, close) || groups == groupEnds.length) {
                    return null;
                }
                groupEnds[groups++] = close; // a required group of one sequence: its items are the pattern's
                at[0] = g;
                continue;
            }
            Members set = new Members();
            if (!item(r, at, set)) {
                return null;
            }
            if (ci) {
                fold(set.ascii);
            }
            int q = at[0];
            if (q < r.length() && "*?+".indexOf(r.charAt(q)) >= 0) {
                q++;
                if (q < r.length() && (r.charAt(q) == '?' || r.charAt(q) == '+')) {
                    q++; // lazy or possessive: the same characters
                }
                a.addSkipped(set);
                at[0] = q;
                continue;
            }
            if (q < r.length() && r.charAt(q) == '{') {
                return null;
            }
            boolean any = false;
            for (int c = 0; c < 128; c++) {
                if (set.ascii[c] && a.skip[c]) {
                    return null; // the first item's character may be taken for a skipped one
                }
                a.first[c] = set.ascii[c];
                any |= set.ascii[c];
            }
            a.firstHigh.or(set.high);
            if (set.wide || set.high.intersects(a.skipHigh)) {
                a.highDecided = false;
            }
            // a first item of non-ASCII characters only: every ASCII byte there is rejected
            return any || hasNonAscii(r, i, at[0]) ? a : null;
        }
    }

    private void addSkipped(Members set) {
        for (int c = 0; c < 128; c++) {
            skip[c] |= set.ascii[c];
        }
        skipHigh.or(set.high);
        highDecided &= !set.wide;
    }

    /** Where a group's content starts, for a capturing, named or non-capturing group at {@code i}; else -1. */
    private static int groupStart(String r, int i) {
        if (i >= r.length() || r.charAt(i) != '(') {
            return -1;
        }
        if (r.startsWith("(?:", i)) {
            return i + 3;
        }
        if (r.startsWith("(?<", i) && i + 3 < r.length() && Character.isLetter(r.charAt(i + 3))) {
            int j = r.indexOf('>', i);
            return j < 0 ? -1 : j + 1;
        }
        return r.startsWith("(?", i) ? -1 : i + 1;
    }

    /** The index of the ')' closing the group whose content starts at {@code from}, or -1. */
    private static int closing(String r, int from) {
        int k = RequiredLiterals.skipAlternative(r, from);
        while (k < r.length() && r.charAt(k) == '|') {
            k = RequiredLiterals.skipAlternative(r, k + 1);
        }
        return k < r.length() ? k : -1;
    }

    /** Whether the group content {@code r[from, to)} has alternatives at its own level. */
    private static boolean hasAlternatives(String r, int from, int to) {
        return RequiredLiterals.skipAlternative(r, from) != to;
    }

    /**
     * Every character the text {@code r[from, to)} (a group's content) can match: its items,
     * whatever their quantifiers, alternatives and nested groups; false when some part is not one
     * this class reads ({@code .}, a negated class, a look-around, an escape like {@code \S}).
     */
    private static boolean chars(String r, int from, int to, Members set) {
        int[] at = {from};
        while (at[0] < to) {
            char c = r.charAt(at[0]);
            if (c == '|' || c == ')' || c == '*' || c == '?' || c == '+') {
                at[0]++;
                continue;
            }
            if (c == '{') {
                int k = r.indexOf('}', at[0]);
                if (k < 0 || k > to) {
                    return false;
                }
                at[0] = k + 1;
                continue;
            }
            if (c == '(') {
                int g = groupStart(r, at[0]);
                if (g < 0) {
                    return false;
                }
                at[0] = g;
                continue;
            }
            if (!item(r, at, set)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNonAscii(String r, int from, int to) {
        for (int k = from; k < to && k < r.length(); k++) {
            if (r.charAt(k) >= 128) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads one item at {@code at[0]} into {@code set}; false when it is not one this class
     * understands.
     */
    private static boolean item(String r, int[] at, Members set) {
        int i = at[0];
        if (i >= r.length()) {
            return false;
        }
        char c = r.charAt(i);
        if (c == '\\') {
            if (i + 1 >= r.length() || !escape(r.charAt(i + 1), set.ascii)) {
                return false;
            }
            at[0] = i + 2;
            return true;
        }
        if (c == '[') {
            int j = i + 1;
            if (j < r.length() && r.charAt(j) == '^') {
                return false;
            }
            boolean firstMember = true;
            while (j < r.length() && (r.charAt(j) != ']' || firstMember)) {
                char m = r.charAt(j);
                firstMember = false;
                if (m == '[' || (m == '&' && j + 1 < r.length() && r.charAt(j + 1) == '&')) {
                    return false;
                }
                if (m == '\\') {
                    if (j + 1 >= r.length() || !escape(r.charAt(j + 1), set.ascii)) {
                        return false;
                    }
                    j += 2;
                    continue;
                }
                if (j + 2 < r.length() && r.charAt(j + 1) == '-' && r.charAt(j + 2) != ']') {
                    char hi = r.charAt(j + 2);
                    if (hi == '\\' || hi == '[') {
                        return false;
                    }
                    for (int x = m; x <= hi; x++) {
                        set.add(x);
                    }
                    j += 3;
                    continue;
                }
                set.add(m);
                j++;
            }
            if (j >= r.length()) {
                return false;
            }
            at[0] = j + 1;
            return true;
        }
        if ("()|.$^?*+{}]".indexOf(c) >= 0) {
            return false;
        }
        set.add(c);
        at[0] = i + 1;
        return true;
    }

    private static boolean escape(char d, boolean[] set) {
        switch (d) {
            case 's' -> {
                for (char w : new char[] {' ', '\t', '\n', 0x0B, '\f', '\r'}) {
                    set[w] = true;
                }
            }
            case 'd' -> {
                for (int x = '0'; x <= '9'; x++) {
                    set[x] = true;
                }
            }
            case 'w' -> {
                for (int x = 0; x < 128; x++) {
                    set[x] |= Character.isLetterOrDigit(x) || x == '_';
                }
            }
            case 't' -> set['\t'] = true;
            default -> {
                if (Character.isLetterOrDigit(d) || d >= 128) {
                    return false; // \S, \b, \Q, a back reference, \p{..}: not read here
                }
                set[d] = true;
            }
        }
        return true;
    }

    private static void fold(boolean[] set) {
        for (int c = 'a'; c <= 'z'; c++) {
            boolean either = set[c] || set[c - 32];
            set[c] = either;
            set[c - 32] = either;
        }
    }

    /**
     * Whether the pattern cannot match at the start of the text {@code b[from, to)} (UTF-8): the
     * first character past the skipped run is not a first item's. Undecided (false) on a line
     * that is all skipped characters, and on a non-ASCII character when the non-ASCII members
     * are not all listed or the bytes are not a well-formed BMP character.
     */
    boolean rejects(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int u = b[i];
            if (u < 0) {
                if (!highDecided) {
                    return false;
                }
                int c;
                int n;
                if ((u & 0xE0) == 0xC0 && i + 1 < to && (b[i + 1] & 0xC0) == 0x80) {
                    c = (u & 0x1F) << 6 | b[i + 1] & 0x3F;
                    n = 2;
                } else if ((u & 0xF0) == 0xE0 && i + 2 < to && (b[i + 1] & 0xC0) == 0x80 && (b[i + 2] & 0xC0) == 0x80) {
                    c = (u & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | b[i + 2] & 0x3F;
                    n = 3;
                } else {
                    return false;
                }
                if (c < (n == 2 ? 0x80 : 0x800) || Character.isSurrogate((char) c)) {
                    return false; // over-long or a surrogate: the decoder makes U+FFFD of it
                }
                if (skipHigh.get(c)) {
                    i += n - 1;
                    continue;
                }
                return !firstHigh.get(c);
            }
            if (!skip[u]) {
                return !first[u];
            }
        }
        return false;
    }
}
