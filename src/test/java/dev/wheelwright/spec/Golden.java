package dev.wheelwright.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the golden files written by scripts/gen-golden-spec.py (tab-separated, '#' comments). */
final class Golden {
    private Golden() {}

    /** One data line: its line number (for messages) and its cells, untrimmed. */
    record Row(int line, String[] cells) {
        String get(int i) {
            return i < cells.length ? cells[i] : "";
        }

        @Override
        public String toString() {
            return "line " + line + ": " + String.join(" | ", cells);
        }
    }

    static Path dir() {
        return Path.of("testdata", "golden", "spec");
    }

    static List<Row> rows(String name) {
        try {
            List<String> lines = Files.readAllLines(dir().resolve(name), StandardCharsets.UTF_8);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (!l.startsWith("#")) {
                    rows.add(new Row(i + 1, l.split("\t", -1)));
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException(name + ": no rows");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Undoes Python's {@code unicode_escape} encoding used for inputs with odd characters. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case '\\' -> b.append('\\');
                case 'x' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    b.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                default -> throw new IllegalArgumentException("bad escape in " + s);
            }
        }
        return b.toString();
    }
}
