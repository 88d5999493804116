package dev.wheelwright.rules.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CPython's stable ABI as data: {@code rules/tables/stable-abi.json}, which
 * {@code scripts/make-stable-abi-table.py} writes from CPython's {@code Misc/stable_abi.toml} and
 * which records that file's origin. Each function and data symbol an abi3 extension may import,
 * with the minor version of 3.x it was added in. Loaded once and validated: a table without a
 * source, with an unknown kind, a version that is not 3.N, an unknown feature macro, or without
 * the symbols every abi3 module links ({@code PyModule_Create2}, {@code _Py_Dealloc} from 3.2) is a
 * build defect, not a silent pass.
 */
final class StableAbi {
    static final String RESOURCE = "/rules/tables/stable-abi.json";
    private static final Pattern VERSION = Pattern.compile("3\\.(\\d{1,2})");

    /** One symbol of the stable ABI. */
    record Entry(String kind, int addedMinor, boolean abiOnly, String ifdef) {
        String added() {
            return "3." + addedMinor;
        }
    }

    final String source;
    final int newestMinor;
    final Map<String, Entry> symbols;

    private StableAbi(String source, int newestMinor, Map<String, Entry> symbols) {
        this.source = source;
        this.newestMinor = newestMinor;
        this.symbols = symbols;
    }

    private static final class Holder {
        static final StableAbi TABLE = load(StableAbi.class.getResourceAsStream(RESOURCE), RESOURCE);
    }

    static StableAbi table() {
        return Holder.TABLE;
    }

    /** Reads and validates a table; every problem is an {@link IllegalStateException} naming {@code where}. */
    static StableAbi load(InputStream in, String where) {
        if (in == null) {
            throw new IllegalStateException(where + " is missing from the build");
        }
        try (in) {
            JsonNode doc = new ObjectMapper().readTree(in);
            String source = doc.path("source").asText("");
            if (source.isBlank()) {
                throw new IllegalStateException(where + ": needs 'source' (where the stable ABI list comes from)");
            }
            Set<String> macros = new java.util.HashSet<>();
            doc.path("feature_macros").forEach(n -> macros.add(n.asText()));
            JsonNode list = doc.path("symbols");
            if (!list.isObject() || list.size() < 500) {
                throw new IllegalStateException(where + ": 'symbols' must map at least 500 symbols to their entries");
            }
            Map<String, Entry> symbols = new LinkedHashMap<>();
            int newest = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                JsonNode body = e.getValue();
                String kind = body.path("kind").asText("");
                if (!kind.equals("function") && !kind.equals("data")) {
                    throw new IllegalStateException(where + ": " + name + " has kind '" + kind + "' (function or data)");
                }
                var m = VERSION.matcher(body.path("added").asText(""));
                if (!m.matches()) {
                    throw new IllegalStateException(where + ": " + name + " has no 'added' version 3.N");
                }
                String ifdef = body.hasNonNull("ifdef") ? body.get("ifdef").asText() : null;
                if (ifdef != null && !macros.contains(ifdef)) {
                    throw new IllegalStateException(where + ": " + name + " names an unknown feature macro " + ifdef);
                }
                int minor = Integer.parseInt(m.group(1));
                newest = Math.max(newest, minor);
                symbols.put(name, new Entry(kind, minor, body.path("abi_only").asBoolean(false), ifdef));
            }
            for (String core : new String[] {"PyModule_Create2", "_Py_Dealloc", "PyExc_TypeError"}) {
                Entry c = symbols.get(core);
                if (c == null || c.addedMinor != 2) {
                    throw new IllegalStateException(where + ": " + core + " must be listed as added in 3.2");
                }
            }
            if (!doc.path("newest").asText("").equals("3." + newest)) {
                throw new IllegalStateException(where + ": 'newest' must be 3." + newest + ", the newest 'added'");
            }
            return new StableAbi(source, newest, Collections.unmodifiableMap(symbols));
        } catch (IOException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
    }
}
