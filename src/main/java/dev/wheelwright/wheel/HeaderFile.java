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
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        List<String> current = null;
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                i++;
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null && !current.isEmpty()) {
                // RFC 822 folding: a continuation line belongs to the previous value.
                int last = current.size() - 1;
                current.set(last, current.get(last) + "\n" + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).isBlank() || line.substring(0, colon).contains(" ")) {
                malformed.add((i + 1) + ": " + line);
                current = null;
                continue;
            }
            String name = line.substring(0, colon);
            String key = name.toLowerCase(Locale.ROOT);
            String display = spelling.computeIfAbsent(key, k -> name);
            current = fields.computeIfAbsent(display, k -> new ArrayList<>());
            current.add(line.substring(colon + 1).strip());
        }
        StringBuilder body = new StringBuilder();
        for (int j = i; j < lines.length; j++) {
            body.append(lines[j]);
            if (j < lines.length - 1) {
                body.append('\n');
            }
        }
        return new HeaderFile(fields, body.toString(), malformed);
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
