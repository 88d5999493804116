package dev.wheelwright.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers its line and column, so that a rule
 * file's errors can point at the exact field (Jackson's tree model drops locations).
 */
sealed interface YamlNode {
    int line();

    int column();

    /** A mapping, keys in file order. */
    record MapNode(Map<String, YamlNode> entries, Map<String, int[]> keyPositions, int line, int column) implements YamlNode {}

    record ListNode(List<YamlNode> items, int line, int column) implements YamlNode {}

    /**
     * A scalar; {@code text} is null for YAML null. {@code quoted} is false for plain scalars
     * ({@code true}, {@code 12}) and block scalars are reported as strings.
     */
    record Scalar(String text, JsonToken token, int line, int column) implements YamlNode {
        boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }
    }

    YAMLFactory FACTORY = new YAMLFactory();

    static YamlNode parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new MapNode(Map.of(), Map.of(), 1, 1);
            }
            return read(p);
        }
    }

    private static YamlNode read(JsonParser p) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> m = new LinkedHashMap<>();
                Map<String, int[]> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation kl = p.currentTokenLocation();
                    if (m.containsKey(key)) {
                        throw new YamlError("duplicate key '" + key + "'", kl.getLineNr(), kl.getColumnNr());
                    }
                    keys.put(key, new int[] {kl.getLineNr(), kl.getColumnNr()});
                    p.nextToken();
                    m.put(key, read(p));
                }
                return new MapNode(m, keys, line, col);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return new ListNode(items, line, col);
            }
            case VALUE_NULL -> {
                return new Scalar(null, t, line, col);
            }
            default -> {
                return new Scalar(p.getText(), t, line, col);
            }
        }
    }

    /** A structural error found while building the tree (a duplicate key). */
    final class YamlError extends IOException {
        final int line;
        final int column;

        YamlError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }
}
