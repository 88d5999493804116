package dev.wheelwright.wheel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code entry_points.txt} (entry points specification: an INI file, sections are groups,
 * {@code name = object.reference [extras]}, {@code #}/{@code ;} comments).
 */
final class EntryPoints {
    private EntryPoints() {}

    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\r\n|\n|\r")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = groups.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current != null && eq > 0) {
                current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return groups;
    }
}
