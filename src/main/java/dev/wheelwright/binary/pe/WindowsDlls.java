package dev.wheelwright.binary.pe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BuiltinTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The DLLs a Windows wheel may expect on the target system, as delvewheel decides
 * ({@code rules/tables/windows-dlls.json}, written by {@code scripts/make-windows-dll-table.py}
 * from delvewheel's {@code _dll_list.py}, validated at load): every DLL of Windows 7 SP1 and later
 * for the machine, names matching the interpreter/API-set patterns, and the C runtime DLLs the
 * CPython (PyPy, GraalPy) build for the wheel's ABI and platform tags ships.
 */
public final class WindowsDlls {
    public static final String RESOURCE = "/rules/tables/windows-dlls.json";

    private record Row(Pattern tags, Set<String> dlls) {}

    private static volatile WindowsDlls builtin;

    private final String source;
    private final List<Pattern> regexes;
    private final List<Row> byAbiPlatform;
    private final List<Row> byAbi3;
    private final Map<String, Set<String>> dependencies;
    private final Map<String, Set<String>> system;

    private WindowsDlls(String source, List<Pattern> regexes, List<Row> byAbiPlatform, List<Row> byAbi3,
                        Map<String, Set<String>> dependencies, Map<String, Set<String>> system) {
        this.source = source;
        this.regexes = regexes;
        this.byAbiPlatform = byAbiPlatform;
        this.byAbi3 = byAbi3;
        this.dependencies = dependencies;
        this.system = system;
    }

    /** The table shipped with wheelwright, loaded once. */
    public static WindowsDlls builtin() {
        WindowsDlls t = builtin;
        if (t == null) {
            t = parse(RESOURCE, BuiltinTable.bytes(WindowsDlls.class, RESOURCE));
            builtin = t;
        }
        return t;
    }

    /** Where the data comes from (the delvewheel commit). */
    public String source() {
        return source;
    }

    /** Whether {@code dll} is Windows' own for the machine (amd64, x86, arm64) or matches the interpreter/API-set patterns. */
    public boolean isSystem(String dll, String arch) {
        String n = dll.toLowerCase(Locale.ROOT);
        Set<String> names = system.get(arch);
        if (names != null && names.contains(n)) {
            return true;
        }
        for (Pattern p : regexes) {
            if (p.matcher(n).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A dependency delvewheel never follows ({@code msvcp140.dll} on {@code concrt140.dll}). */
    public boolean ignoredDependency(String needer, String dll) {
        return dependencies.getOrDefault(needer.toLowerCase(Locale.ROOT), Set.of()).contains(dll.toLowerCase(Locale.ROOT));
    }

    /**
     * The runtime DLLs every interpreter the wheel's tags name ships (delvewheel's
     * ignore_by_abi_platform, and ignore_abi3 when every ABI tag is abi3/abi3t): the intersection
     * over the tags of the first row each matches; none when one tag matches no row.
     */
    public Set<String> shippedByInterpreter(Set<String> pythonTags, Set<String> abiTags, String platform) {
        Set<String> out = intersect(abiTags, platform, byAbiPlatform);
        if (!abiTags.isEmpty() && Set.of("abi3", "abi3t").containsAll(abiTags)) {
            out.addAll(intersect(pythonTags, platform, byAbi3));
        }
        return out;
    }

    private static Set<String> intersect(Set<String> tags, String platform, List<Row> rows) {
        Set<String> out = null;
        for (String tag : tags) {
            Row hit = null;
            for (Row r : rows) {
                if (r.tags().matcher(tag + "-" + platform).matches()) {
                    hit = r;
                    break;
                }
            }
            if (hit == null) {
                return new LinkedHashSet<>();
            }
            if (out == null) {
                out = new LinkedHashSet<>(hit.dlls());
            } else {
                out.retainAll(hit.dlls());
            }
        }
        return out == null ? new LinkedHashSet<>() : out;
    }

    /** Parses and validates a table; {@code source} names it in errors. */
    public static WindowsDlls parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new BinaryFormatException(source + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new BinaryFormatException(source + ": the top level must be an object");
        }
        JsonNode from = root.get("source");
        if (from == null || !from.isTextual()) {
            throw new BinaryFormatException(source + ": field 'source' must be a string");
        }
        List<Pattern> regexes = new ArrayList<>();
        for (String r : strings(source, "regexes", root.get("regexes"))) {
            regexes.add(compile(source, "regexes", r));
        }
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        JsonNode deps = root.get("dependencies");
        if (deps == null || !deps.isObject()) {
            throw new BinaryFormatException(source + ": field 'dependencies' must be an object of DLL name to DLL names");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            dependencies.put(e.getKey(), new LinkedHashSet<>(strings(source, "dependencies." + e.getKey(), e.getValue())));
        }
        Map<String, Set<String>> system = new LinkedHashMap<>();
        JsonNode sys = root.get("system");
        if (sys == null || !sys.isObject()) {
            throw new BinaryFormatException(source + ": field 'system' must be an object of machine to DLL names");
        }
        for (String arch : List.of("x86", "amd64", "arm64")) {
            List<String> names = strings(source, "system." + arch, sys.get(arch));
            for (String n : names) {
                if (!n.equals(n.toLowerCase(Locale.ROOT))) {
                    throw new BinaryFormatException(source + ": system." + arch + " holds '" + n + "', not lower case");
                }
            }
            if (names.isEmpty()) {
                throw new BinaryFormatException(source + ": system." + arch + " is empty");
            }
            system.put(arch, Set.copyOf(names));
        }
        return new WindowsDlls(from.asText(), List.copyOf(regexes), rows(source, "byAbiPlatform", root.get("byAbiPlatform")),
                rows(source, "byAbi3", root.get("byAbi3")), dependencies, system);
    }

    private static List<Row> rows(String source, String field, JsonNode n) {
        if (n == null || !n.isArray()) {
            throw new BinaryFormatException(source + ": field '" + field + "' must be an array");
        }
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode r = n.get(i);
            String at = field + "[" + i + "]";
            JsonNode tags = r.get("tags");
            if (tags == null || !tags.isTextual()) {
                throw new BinaryFormatException(source + ": " + at + ".tags must be a string");
            }
            out.add(new Row(compile(source, at + ".tags", tags.asText()), Set.copyOf(strings(source, at + ".dlls", r.get("dlls")))));
        }
        return List.copyOf(out);
    }

    private static Pattern compile(String source, String at, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new BinaryFormatException(source + ": " + at + " '" + regex + "' is not a regular expression");
        }
    }

    private static List<String> strings(String source, String at, JsonNode n) {
        if (n == null || !n.isArray()) {
            throw new BinaryFormatException(source + ": field '" + at + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new BinaryFormatException(source + ": field '" + at + "' must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
