package dev.wheelwright.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers its line, so that a finding about a CI
 * workflow can point at the line of {@code runs-on} or of an environment variable. Built from
 * Jackson's streaming YAML parser (the tree model drops locations).
 */
sealed interface YamlTree {

    int line();

    record YMap(Map<String, YamlTree> entries, Map<String, Integer> keyLines, int line) implements YamlTree {
        YamlTree get(String key) {
            return entries.get(key);
        }
    }

    record YList(List<YamlTree> items, int line) implements YamlTree {}

    /** A scalar; {@code value} is null for YAML null. */
    record YScalar(String value, int line) implements YamlTree {}

    YAMLFactory FACTORY = new YAMLFactory();

    /** Parses the first document of the text; throws with the line of a syntax error. */
    static YamlTree parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                return new YMap(Map.of(), Map.of(), 1);
            }
            return read(p);
        }
    }

    private static YamlTree read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        int line = p.currentTokenLocation().getLineNr();
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlTree> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                keyLines.put(key, p.currentTokenLocation().getLineNr());
                p.nextToken();
                entries.put(key, read(p));
            }
            return new YMap(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines), line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlTree> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p));
            }
            return new YList(List.copyOf(items), line);
        }
        return new YScalar(t == JsonToken.VALUE_NULL ? null : p.getText(), line);
    }

    /** The scalar text of a node, or null when it is not a scalar. */
    static String text(YamlTree node) {
        return node instanceof YScalar s ? s.value() : null;
    }
}
