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

    /** As {@link #of(String)}, keeping up to about {@code max} characters (a whole message rather than a quote in one). */
    public static String of(String s, int max) {
        if (s == null) {
            return "null";
        }
        if (s.length() <= max) {
            return printable(s, 0, s.length());
        }
        int head = max * 2 / 3;
        int tail = max / 4;
        return printable(s, 0, head) + "...(" + (s.length() - head - tail) + " more characters)..."
                + printable(s, s.length() - tail, s.length());
    }

    private static String printable(String s, int from, int to) {
        StringBuilder sb = null;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            String escaped = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == 0 ? "\\0"
                    : c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085'
                    ? String.format("\\x%02x", (int) c & 0xffff) : null;
            if (escaped != null && sb == null) {
                sb = new StringBuilder(to - from + 8).append(s, from, i);
            }
            if (sb != null) {
                if (escaped != null) {
                    sb.append(escaped);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s.substring(from, to) : sb.toString();
    }
}
