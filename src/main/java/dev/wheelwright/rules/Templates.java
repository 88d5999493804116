package dev.wheelwright.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Fills a rule's {@code {placeholder}} texts. A placeholder is a variable name (a capture, a
 * built-in such as {@code {package}}, a check's value) or a dotted path into one
 * ({@code {wheel.filename}}); {@code {{} and {@code }}} write literal braces. A placeholder
 * with no value is left as written, so a gap shows rather than an empty word; a placeholder
 * with a default, {@code {name|text}}, writes the text when the value is missing or empty (a
 * log pattern that matches a fragment of a message may not capture what the full one names).
 */
public final class Templates {
    private Templates() {}

    /**
     * The most characters one value writes into a message: a value read from a hostile input (a
     * METADATA field of megabytes, thousands of member names) is cut in the middle, so that a
     * finding stays a readable size whatever the input holds.
     */
    static final int MAX_VALUE = 1000;

    /**
     * Fills the placeholders in one left-to-right scan (a hand-written reader, linear in the
     * template: no pattern matching over texts that may come from a rule file or a finding).
     */
    public static String fill(String template, Function<String, Object> values) {
        if (template == null) {
            return null;
        }
        int n = template.length();
        StringBuilder sb = new StringBuilder(n + 16);
        int i = 0;
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < n && template.charAt(i + 1) == '{') {
                sb.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < n && template.charAt(i + 1) == '}') {
                sb.append('}');
                i += 2;
            } else if (c == '{') {
                int end = placeholder(template, i, values, sb);
                if (end < 0) {
                    sb.append(c);
                    i++;
                } else {
                    i = end;
                }
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    /**
     * Reads {@code {name.path|default}} at {@code start} and writes its text; returns the index
     * after it, or -1 (nothing written) when no placeholder starts there.
     */
    private static int placeholder(String t, int start, Function<String, Object> values, StringBuilder out) {
        int n = t.length();
        int i = start + 1;
        int nameEnd = identifier(t, i);
        if (nameEnd < 0) {
            return -1;
        }
        String name = t.substring(i, nameEnd);
        i = nameEnd;
        List<String> path = new ArrayList<>();
        while (i < n && t.charAt(i) == '.') {
            int e = identifier(t, i + 1);
            if (e < 0) {
                return -1;
            }
            path.add(t.substring(i + 1, e));
            i = e;
        }
        String dflt = null;
        if (i < n && t.charAt(i) == '|') {
            int e = i + 1;
            while (e < n && t.charAt(e) != '{' && t.charAt(e) != '}' && t.charAt(e) != '|') {
                e++;
            }
            dflt = t.substring(i + 1, e);
            i = e;
        }
        if (i >= n || t.charAt(i) != '}') {
            return -1;
        }
        i++;
        Object v = values.apply(name);
        for (String f : path) {
            if (v == null) {
                break;
            }
            try {
                v = dev.wheelwright.rules.expr.Values.field(v, f);
            } catch (IllegalStateException e) {
                v = null;
            }
        }
        if (dflt != null && (v == null || text(v).isEmpty())) {
            out.append(dflt);
        } else if (v == null) {
            out.append(t, start, i);
        } else {
            out.append(bounded(text(v)));
        }
        return i;
    }

    /** The end of a {@code [A-Za-z_][A-Za-z0-9_]*} identifier at {@code i}, or -1 when none starts there. */
    private static int identifier(String t, int i) {
        if (i >= t.length() || !(ascii(t.charAt(i)) && (Character.isLetter(t.charAt(i)) || t.charAt(i) == '_'))) {
            return -1;
        }
        int e = i + 1;
        while (e < t.length() && ascii(t.charAt(e)) && (Character.isLetterOrDigit(t.charAt(e)) || t.charAt(e) == '_')) {
            e++;
        }
        return e;
    }

    private static boolean ascii(char c) {
        return c < 0x80;
    }

    /** A value's text cut in the middle past {@link #MAX_VALUE} characters. */
    static String bounded(String s) {
        if (s.length() <= MAX_VALUE) {
            return s;
        }
        int head = MAX_VALUE * 2 / 3;
        int tail = MAX_VALUE - head;
        return s.substring(0, head) + "...(" + (s.length() - head - tail) + " more characters)..." + s.substring(s.length() - tail);
    }

    /**
     * A value as a message shows it. Numbers reach here as the condition language holds them
     * (every number a double, see {@code Values.normalize}); an integral one is written as an
     * integer ({@code 5}, not {@code 5.0}).
     */
    static String text(Object v) {
        Object n = dev.wheelwright.rules.expr.Values.normalize(v);
        if (n instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p53) {
            return Long.toString(d.longValue());
        }
        if (n instanceof java.util.Collection<?> c) {
            StringBuilder sb = new StringBuilder();
            for (Object o : c) {
                sb.append(sb.length() == 0 ? "" : ", ").append(text(o));
            }
            return sb.toString();
        }
        return String.valueOf(n);
    }
}
