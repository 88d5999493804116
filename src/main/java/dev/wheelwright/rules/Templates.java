package dev.wheelwright.rules;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{|}}|\\{([A-Za-z_][A-Za-z0-9_]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?:\\|([^{}|]*))?}");

    public static String fill(String template, Function<String, Object> values) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("{{")) {
                replacement = "{";
            } else if (m.group().equals("}}")) {
                replacement = "}";
            } else {
                Object v = values.apply(m.group(1));
                String path = m.group(2);
                if (v != null && !path.isEmpty()) {
                    for (String f : path.substring(1).split("\\.")) {
                        try {
                            v = dev.wheelwright.rules.expr.Values.field(v, f);
                        } catch (IllegalStateException e) {
                            v = null;
                        }
                        if (v == null) {
                            break;
                        }
                    }
                }
                String dflt = m.group(3);
                if (dflt != null && (v == null || text(v).isEmpty())) {
                    replacement = dflt;
                } else {
                    replacement = v == null ? m.group() : text(v);
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
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
