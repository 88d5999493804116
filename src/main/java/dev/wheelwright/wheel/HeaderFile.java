package dev.wheelwright.wheel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 822-style header file as used by {@code WHEEL} and {@code METADATA}: {@code Name: value}
 * lines, continuation lines starting with whitespace, repeated names for multi-use fields, then
 * an optional body after the first empty line (core metadata 2.1+: the description).
 *
 * <p>Names compare case-insensitively (email header semantics), but keep their first spelling
 * for display. Lines that are neither a header nor a continuation are kept as {@link #malformed()}.
 *
 * @param fields    header name (as first spelled) to its values in file order
 * @param body      text after the headers, or empty
 * @param malformed 1-based line numbers with the text of lines that are not headers
 */
public record HeaderFile(Map<String, List<String>> fields, String body, List<String> malformed) {

    public HeaderFile {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        fields = Collections.unmodifiableMap(copy);
        malformed = List.copyOf(malformed);
    }

    /** Parses the text of a header file. Never fails: bad lines are collected. */
    public static HeaderFile parse(String text) {
        // values grow in builders: a value folded over 100,000 continuation lines is linear work
        Map<String, List<StringBuilder>> building = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        List<StringBuilder> current = null;
        int n = text.length();
        int pos = 0;
        int lineNo = 0;
        boolean inBody = false;
        while (pos <= n && !inBody) {
            int end = lineEnd(text, pos);
            String line = text.substring(pos, end);
            lineNo++;
            pos = next(text, end);
            if (line.isEmpty()) {
                inBody = true;
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null && !current.isEmpty()) {
                // RFC 822 folding: a continuation line belongs to the previous value.
                current.get(current.size() - 1).append('\n').append(line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).isBlank() || line.substring(0, colon).contains(" ")) {
                malformed.add(lineNo + ": " + line);
                current = null;
                continue;
            }
            String name = line.substring(0, colon);
            String key = name.toLowerCase(Locale.ROOT);
            String display = spelling.computeIfAbsent(key, k -> name);
            current = building.computeIfAbsent(display, k -> new ArrayList<>());
            current.add(new StringBuilder(line.substring(colon + 1).strip()));
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        building.forEach((k, v) -> fields.put(k, v.stream().map(StringBuilder::toString).toList()));
        // the body: every line after the first empty one, line breaks written as \n
        StringBuilder body = new StringBuilder();
        if (inBody) {
            while (pos <= n) {
                int end = lineEnd(text, pos);
                body.append(text, pos, end);
                pos = next(text, end);
                if (pos <= n) {
                    body.append('\n');
                }
            }
        }
        return new HeaderFile(fields, body.toString(), malformed);
    }

    /** Where the line starting at {@code pos} ends (its \r, \n or the text's end). */
    private static int lineEnd(String text, int pos) {
        int i = pos;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** The start of the line after one ending at {@code end}; past the text's length when it was the last. */
    private static int next(String text, int end) {
        if (end >= text.length()) {
            return text.length() + 1;
        }
        return end + (text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? 2 : 1);
    }

    /** All values of a (case-insensitive) field, in file order; empty when absent. */
    public List<String> all(String name) {
        for (Map.Entry<String, List<String>> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** The first value of a field. */
    public Optional<String> first(String name) {
        List<String> all = all(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }
}
