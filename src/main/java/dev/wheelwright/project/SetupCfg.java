package dev.wheelwright.project;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code setup.cfg} read with the rules of Python's configparser as setuptools uses it:
 * {@code [section]} headers, {@code key = value} or {@code key: value}, values continued on
 * indented lines, whole-line comments starting with {@code #} or {@code ;}.
 *
 * @param file     path relative to the project root
 * @param text     the file's text
 * @param sections section name → option name (lower case) → entry, in file order
 */
public record SetupCfg(String file, String text, Map<String, Map<String, Entry>> sections) {

    /**
     * One option.
     *
     * @param key       the option name as written
     * @param value     the whole value (continuation lines joined with newlines, first line trimmed)
     * @param line      1-based line of the key
     * @param lastLine  1-based last line of the value (continuation lines included)
     */
    public record Entry(String key, String value, int line, int lastLine) {

        /** A list-valued option: one item per line, or comma/semicolon separated on one line. */
        public List<String> items() {
            List<String> out = new ArrayList<>();
            for (String l : value.split("\n")) {
                String t = l.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (!value.contains("\n") && t.contains(",")) {
                    for (String part : t.split("[,;]")) {
                        if (!part.isBlank()) {
                            out.add(part.strip());
                        }
                    }
                } else {
                    out.add(t);
                }
            }
            return out;
        }
    }

    public Optional<Entry> get(String section, String key) {
        Map<String, Entry> s = sections.get(section);
        return s == null ? Optional.empty() : Optional.ofNullable(s.get(key.toLowerCase(Locale.ROOT)));
    }

    /** Parses setup.cfg text; a line that is neither a header, an option nor a continuation is an error. */
    public static SetupCfg parse(String file, String text) {
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        // configparser reads the file in text mode, whose universal newlines end a line at "\r\n", "\n"
        // or a lone "\r" (old Mac files, or a stray one): the line numbers are Python's
        String[] lines = text.split("\r\n|\r|\n", -1);
        Map<String, Entry> current = null;
        // configparser's strict mode (setuptools' default) refuses a repeated section, or an
        // option repeated in one section; setuptools keeps option names as written (optionxform = str)
        Map<String, Integer> sectionLines = new java.util.HashMap<>();
        Map<String, Integer> optionLines = null;
        String sectionName = null;
        String key = null;
        StringBuilder value = null;
        int keyLine = 0;
        int last = 0;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = raw.strip();
            boolean indented = !raw.isEmpty() && Character.isWhitespace(raw.charAt(0));
            if (key != null && indented && !trimmed.isEmpty()) {
                if (!trimmed.startsWith("#") && !trimmed.startsWith(";")) {
                    value.append('\n').append(trimmed);
                    last = i + 1;
                }
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (key != null) {
                current.put(key.toLowerCase(Locale.ROOT), new Entry(key, value.toString(), keyLine, last));
                key = null;
            }
            if (trimmed.startsWith("[") && trimmed.lastIndexOf(']') > 1) {
                // configparser's SECTCRE "\[(?P<header>.+)\]": the header runs to the last "]"
                String name = trimmed.substring(1, trimmed.lastIndexOf(']'));
                Integer first = sectionLines.putIfAbsent(name, i + 1);
                if (first != null) {
                    throw new SetupCfgException(file, i + 1, "section [" + name + "] is repeated (first at line " + first
                            + "); configparser refuses duplicate sections");
                }
                current = sections.computeIfAbsent(name.strip(), k -> new LinkedHashMap<>());
                optionLines = new java.util.HashMap<>();
                sectionName = name;
                continue;
            }
            int eq = indexOfDelimiter(trimmed);
            if (eq <= 0 || current == null) {
                throw new SetupCfgException(file, i + 1,
                        (current == null ? "option outside any [section]" : "not a 'key = value' line")
                        + ": " + abbreviate(trimmed));
            }
            key = trimmed.substring(0, eq).strip();
            Integer firstOption = optionLines.putIfAbsent(key, i + 1);
            if (firstOption != null) {
                throw new SetupCfgException(file, i + 1, "option '" + key + "' is repeated in [" + sectionName + "] (first at line "
                        + firstOption + "); configparser refuses duplicate options");
            }
            value = new StringBuilder(trimmed.substring(eq + 1).strip());
            keyLine = i + 1;
            last = i + 1;
        }
        if (key != null) {
            current.put(key.toLowerCase(Locale.ROOT), new Entry(key, value.toString(), keyLine, last));
        }
        Map<String, Map<String, Entry>> frozen = new LinkedHashMap<>();
        sections.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        return new SetupCfg(file, text, Collections.unmodifiableMap(frozen));
    }

    private static int indexOfDelimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String abbreviate(String s) {
        String a = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        StringBuilder out = new StringBuilder(a.length());
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            // a control character (ESC, a form feed, U+0085) is shown escaped, not sent to the terminal
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A setup.cfg that configparser would reject. */
    public static final class SetupCfgException extends ProjectException {
        private final int line;
        private final String detail;

        public SetupCfgException(String file, int line, String detail) {
            super(file + ":" + line + ": " + detail);
            this.line = line;
            this.detail = detail;
        }

        public int line() {
            return line;
        }

        public String detail() {
            return detail;
        }
    }
}
