package dev.wheelwright.wheel;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code RECORD}: CSV as Python's {@code csv} module writes it (comma, double-quote
 * quoting with doubled quotes), one row {@code path,hash,size} per line (PEP 376).
 */
final class RecordParser {
    private RecordParser() {}

    static List<RecordEntry> parse(String text) {
        List<RecordEntry> out = new ArrayList<>();
        String[] lines = text.split("\r\n|\n|\r");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> cols = split(lines[i]);
            String path = cols.get(0);
            String hash = cols.size() > 1 ? cols.get(1) : "";
            String sizeText = cols.size() > 2 ? cols.get(2).strip() : "";
            String algorithm = "";
            String digest = "";
            int eq = hash.indexOf('=');
            if (eq > 0) {
                algorithm = hash.substring(0, eq);
                digest = hash.substring(eq + 1);
            } else if (!hash.isEmpty()) {
                algorithm = hash;
            }
            long size;
            try {
                size = sizeText.isEmpty() ? -1 : Long.parseLong(sizeText);
            } catch (NumberFormatException e) {
                size = -1;
            }
            out.add(new RecordEntry(path, algorithm, digest, size, i + 1));
        }
        return out;
    }

    private static List<String> split(String line) {
        List<String> cols = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cols.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cols.add(cur.toString());
        return cols;
    }
}
