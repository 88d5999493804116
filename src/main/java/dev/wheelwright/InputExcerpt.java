package dev.wheelwright;

/**
 * A piece of untrusted input as an error message or a finding quotes it: on one line (control
 * characters written as {@code \n}, {@code \0}, {@code \x1b}) and at most about
 * {@link #MAX} characters, the start and the end kept and the middle counted. A message names
 * its input with this, so that a 100,000-character member name or a line with no end never
 * makes a message of its size.
 */
public final class InputExcerpt {
    /** The most characters an excerpt shows of its text. */
    public static final int MAX = 120;

    private InputExcerpt() {}

    /** The text itself when short and printable, else its start and end with the length between. */
    public static String of(String s) {
        return of(s, MAX);
    }

    /**
     * As {@link #of(String)}, at most about {@code max} characters of output (a whole message rather
     * than a quote in one); escapes count as the characters they write.
     */
    public static String of(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder head = new StringBuilder();
        int i = 0;
        while (i < s.length() && head.length() <= max) {
            head.append(shown(s.charAt(i++)));
        }
        if (i == s.length() && head.length() <= max) {
            return head.toString();
        }
        // too long: the first two thirds and the last quarter of the budget, the rest counted
        int headBudget = max * 2 / 3;
        head.setLength(0);
        i = 0;
        while (i < s.length() && head.length() + shown(s.charAt(i)).length() <= headBudget) {
            head.append(shown(s.charAt(i++)));
        }
        int tailBudget = max / 4;
        int j = s.length();
        int tailLength = 0;
        while (j > i && tailLength + shown(s.charAt(j - 1)).length() <= tailBudget) {
            tailLength += shown(s.charAt(--j)).length();
        }
        StringBuilder tail = new StringBuilder();
        for (int k = j; k < s.length(); k++) {
            tail.append(shown(s.charAt(k)));
        }
        return head + "...(" + (j - i) + " more characters)..." + tail;
    }

    /** One character as an excerpt writes it. */
    private static String shown(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0 -> "\\0";
            default -> c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085'
                    ? String.format("\\x%02x", (int) c) : String.valueOf(c);
        };
    }
}
