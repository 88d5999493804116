package dev.wheelwright.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.wheelwright.rules.RuleDefinition.RuleFix;
import dev.wheelwright.rules.YamlNode.ListNode;
import dev.wheelwright.rules.YamlNode.MapNode;
import dev.wheelwright.rules.YamlNode.Scalar;
import dev.wheelwright.rules.expr.Condition;
import dev.wheelwright.rules.expr.ExprException;
import dev.wheelwright.rules.expr.ExprType;
import dev.wheelwright.rules.log.RequiredLiterals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates one {@code rule.yaml} (RULES.md "rule.yaml"). Every error names the file,
 * the line and column, and the field.
 */
public final class RuleParser {
    private static final Pattern ID = Pattern.compile("WW-[A-Z]\\d{3}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)(?:\\|[^{}|]*)?}");
    private static final Pattern CHECK_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Set<String> FIELDS = Set.of("id", "name", "severity", "title", "reads", "match", "when",
            "check", "message", "explain", "fix", "references", "fallback", "subsumes", "infoWhen");

    /** Placeholders the engine fills for every log rule (ids.md "built-in placeholders"). */
    public static final List<String> LOG_BUILTINS = List.of("package", "log", "line");

    private final String file;
    private String[] lines = new String[0];

    private RuleParser(String file) {
        this.file = file;
    }

    /**
     * Parses one rule file.
     *
     * @param file   the file's name for messages, e.g. {@code rules/build/WW-B001-x/rule.yaml}
     * @param text   its content
     * @param source where its folder is
     */
    public static RuleDefinition parse(String file, String text, RuleSource source) {
        return new RuleParser(file).parse(text, source);
    }

    private RuleDefinition parse(String text, RuleSource source) {
        lines = text.split("\n", -1);
        YamlNode doc;
        try {
            doc = YamlNode.parse(text);
        } catch (YamlNode.YamlError e) {
            throw error(e.line, e.column, e.getMessage());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String msg = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
            throw error(loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), "invalid YAML: " + msg);
        } catch (IOException e) {
            throw error(0, 0, "cannot read: " + e.getMessage());
        }
        if (!(doc instanceof MapNode map)) {
            throw error(doc, "a rule file must be a mapping of fields (id, name, severity, ...)");
        }
        for (Map.Entry<String, int[]> k : map.keyPositions().entrySet()) {
            if (!FIELDS.contains(k.getKey())) {
                throw error(k.getValue()[0], k.getValue()[1], "unknown field '" + k.getKey() + "' (fields: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }
        String id = string(map, "id", true);
        if (!ID.matcher(id).matches()) {
            throw error(map.entries().get("id"), "field 'id': '" + id + "' is not a rule id like WW-B001");
        }
        String name = string(map, "name", true);
        if (!NAME.matcher(name).matches()) {
            throw error(map.entries().get("name"), "field 'name': '" + name + "' is not a lower-case slug like setup-requires-egg-conflict");
        }
        Severity severity;
        try {
            severity = Severity.parse(string(map, "severity", true));
        } catch (IllegalArgumentException e) {
            throw error(map.entries().get("severity"), "field 'severity': " + e.getMessage());
        }
        String title = string(map, "title", true);
        Reads reads;
        try {
            reads = Reads.parse(string(map, "reads", true));
        } catch (IllegalArgumentException e) {
            throw error(map.entries().get("reads"), "field 'reads': " + e.getMessage());
        }
        List<LogPattern> patterns = patterns(map);
        if (!patterns.isEmpty() && reads != Reads.LOG) {
            throw error(map.entries().get("match"), "field 'match': only rules with 'reads: log' match log patterns");
        }
        String check = string(map, "check", false);
        if (check != null && !CHECK_NAME.matcher(check).matches()) {
            throw error(map.entries().get("check"), "field 'check': '" + check
                    + "' is not a class name (a check is a class in dev.wheelwright.rules.checks, e.g. RecordHashCheck)");
        }
        if (reads == Reads.LOG && patterns.isEmpty() && check == null) {
            throw error(map, "a log rule needs 'match' patterns (or a 'check')");
        }
        if (reads != Reads.LOG && check == null && !map.entries().containsKey("when")) {
            throw error(map, "a " + reads.id() + " rule needs a 'check' or a 'when' condition");
        }

        // captures and built-ins are variables of the condition and placeholders of the texts
        Map<String, ExprType> scope = new LinkedHashMap<>(FactRoots.types());
        Set<String> placeholders = new LinkedHashSet<>();
        for (LogPattern p : patterns) {
            for (String g : p.groups()) {
                scope.put(g, ExprType.STR);
                placeholders.add(g);
            }
        }
        if (reads == Reads.LOG) {
            scope.put("package", ExprType.STR);
            scope.put("log", ExprType.STR);
            scope.put("line", ExprType.NUM);
            scope.put("logFacts", ExprType.of(dev.wheelwright.rules.log.LogFacts.class));
            placeholders.addAll(LOG_BUILTINS);
            placeholders.add("logFacts");
        }
        Condition when = Condition.TRUE;
        YamlNode whenNode = map.entries().get("when");
        if (whenNode != null) {
            String src = scalarText(whenNode, "when");
            try {
                when = Condition.compile(src, scope);
            } catch (ExprException e) {
                int[] at = position(whenNode, src, e.offset());
                throw error(at[0], at[1], "field 'when': " + e.getMessage());
            }
        }
        String message = string(map, "message", true);
        String explain = string(map, "explain", false);
        RuleFix fix = null;
        YamlNode fixNode = map.entries().get("fix");
        if (fixNode != null) {
            if (!(fixNode instanceof MapNode fm)) {
                throw error(fixNode, "field 'fix': expected a mapping with 'summary' (and optionally 'action')");
            }
            for (Map.Entry<String, int[]> k : fm.keyPositions().entrySet()) {
                if (!k.getKey().equals("summary") && !k.getKey().equals("action")) {
                    throw error(k.getValue()[0], k.getValue()[1], "field 'fix': unknown key '" + k.getKey() + "' (keys: summary, action)");
                }
            }
            fix = new RuleFix(stringIn(fm, "summary", "fix.summary", true), stringIn(fm, "action", "fix.action", false));
        }
        // a check supplies its own values, so its placeholders cannot be known here
        if (check == null) {
            placeholderCheck(map.entries().get("message"), message, placeholders, "message");
            if (fix != null) {
                placeholderCheck(((MapNode) fixNode).entries().get("summary"), fix.summary(), placeholders, "fix.summary");
            }
        }
        List<String> refs = new ArrayList<>();
        YamlNode refNode = map.entries().get("references");
        if (refNode != null) {
            if (!(refNode instanceof ListNode rl)) {
                throw error(refNode, "field 'references': expected a list of links");
            }
            for (YamlNode r : rl.items()) {
                refs.add(scalarText(r, "references"));
            }
        }
        boolean fallback = false;
        YamlNode fbNode = map.entries().get("fallback");
        if (fbNode != null) {
            String fb = scalarText(fbNode, "fallback");
            if (!fb.equals("true") && !fb.equals("false")) {
                throw error(fbNode, "field 'fallback': expected true or false, not '" + fb + "'");
            }
            fallback = fb.equals("true");
        }
        List<String> subsumes = new ArrayList<>();
        YamlNode subNode = map.entries().get("subsumes");
        if (subNode != null) {
            if (!(subNode instanceof ListNode sl)) {
                throw error(subNode, "field 'subsumes': expected a list of rule names");
            }
            for (YamlNode r : sl.items()) {
                String n = scalarText(r, "subsumes");
                if (!NAME.matcher(n).matches()) {
                    throw error(r, "field 'subsumes': '" + n + "' is not a rule name");
                }
                subsumes.add(n);
            }
        }
        String infoWhen = string(map, "infoWhen", false);
        if (infoWhen != null && (check == null || !PLACEHOLDER.matcher("{" + infoWhen + "}").matches())) {
            throw error(map.entries().get("infoWhen"), "field 'infoWhen': names a value the rule's check fills (a placeholder name),"
                    + " and only a rule with a 'check' has one");
        }
        if ((fallback || !subsumes.isEmpty()) && reads != Reads.LOG) {
            throw error(fbNode != null ? fbNode : subNode, "fields 'fallback' and 'subsumes' apply to log rules only");
        }
        return new RuleDefinition(id, name, severity, title, reads, patterns, when, check, message,
                explain == null ? "" : explain, fix, refs, source, fallback, subsumes, infoWhen);
    }

    private List<LogPattern> patterns(MapNode map) {
        YamlNode node = map.entries().get("match");
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof ListNode list) || list.items().isEmpty()) {
            throw error(node, "field 'match': expected a list of '- pattern: REGEX' entries");
        }
        List<LogPattern> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            String regex;
            List<String> declared = new ArrayList<>();
            YamlNode regexNode = item;
            boolean weak = false;
            if (item instanceof MapNode m) {
                for (Map.Entry<String, int[]> k : m.keyPositions().entrySet()) {
                    if (!k.getKey().equals("pattern") && !k.getKey().equals("literal") && !k.getKey().equals("weak")) {
                        throw error(k.getValue()[0], k.getValue()[1], "field 'match': unknown key '" + k.getKey() + "' (keys: pattern, literal, weak)");
                    }
                }
                regex = stringIn(m, "pattern", "match.pattern", true);
                regexNode = m.entries().get("pattern");
                YamlNode w = m.entries().get("weak");
                if (w != null) {
                    String wt = scalarText(w, "match.weak");
                    if (!wt.equals("true") && !wt.equals("false")) {
                        throw error(w, "field 'match.weak': expected true or false, not '" + wt + "'");
                    }
                    weak = wt.equals("true");
                }
                YamlNode lit = m.entries().get("literal");
                if (lit instanceof ListNode ll) {
                    for (YamlNode l : ll.items()) {
                        declared.add(scalarText(l, "match.literal"));
                    }
                } else if (lit != null) {
                    declared.add(scalarText(lit, "match.literal"));
                }
            } else {
                regex = scalarText(item, "match");
            }
            Pattern compiled;
            try {
                compiled = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                int[] at = position(regexNode, regex, Math.max(0, e.getIndex()));
                throw error(at[0], at[1], "field 'match.pattern': bad regular expression: " + e.getDescription());
            }
            List<String> groups = new ArrayList<>();
            Matcher g = GROUP.matcher(regex);
            while (g.find()) {
                groups.add(g.group(1));
            }
            RequiredLiterals.Needles needles = RequiredLiterals.of(regex);
            List<String> literals = declared.isEmpty() ? needles.literals() : declared;
            boolean ignoreCase = needles.ignoreCase() || (compiled.flags() & Pattern.CASE_INSENSITIVE) != 0;
            if (!declared.isEmpty()) {
                // a declared literal must really be required, or the pre-filter would hide matches
                for (String d : declared) {
                    if (d.isEmpty()) {
                        throw error(regexNode, "field 'match.literal': empty literal");
                    }
                }
            }
            out.add(new LogPattern(regex, compiled, groups, literals, ignoreCase, weak));
        }
        return out;
    }

    private void placeholderCheck(YamlNode node, String text, Set<String> known, String field) {
        Matcher m = PLACEHOLDER.matcher(text.replace("{{", "").replace("}}", ""));
        while (m.find()) {
            String root = m.group(1);
            if (!known.contains(root) && !FactRoots.classes().containsKey(root.split("\\.")[0])) {
                throw error(node, "field '" + field + "': placeholder {" + root + "} is not a capture of the patterns"
                        + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")"));
            }
        }
    }

    private String string(MapNode map, String field, boolean required) {
        return stringIn(map, field, field, required);
    }

    private String stringIn(MapNode map, String key, String field, boolean required) {
        YamlNode n = map.entries().get(key);
        if (n == null) {
            if (required) {
                throw error(map, "missing field '" + field + "'");
            }
            return null;
        }
        String s = scalarText(n, field);
        if (required && s.isBlank()) {
            throw error(n, "field '" + field + "' is empty");
        }
        return s;
    }

    private String scalarText(YamlNode n, String field) {
        if (!(n instanceof Scalar s) || s.text() == null || s.token() == JsonToken.VALUE_NULL) {
            throw error(n, "field '" + field + "': expected a text");
        }
        return s.text();
    }

    /** Maps an offset in a scalar's text to a file position (exact for one-line scalars). */
    private int[] position(YamlNode node, String text, int offset) {
        int line = node.line();
        int col = node.column();
        String before = text.substring(0, Math.min(offset, text.length()));
        int nl = before.lastIndexOf('\n');
        if (nl < 0) {
            return new int[] {line, col + offset + (quotedScalarShift(node))};
        }
        // block scalar: the text starts on the line after the indicator; indentation is unknown
        int lines = (int) before.chars().filter(c -> c == '\n').count();
        return new int[] {line + lines + 1, offset - nl};
    }

    /** Jackson reports a quoted scalar at its opening quote; its text starts one column later. */
    private int quotedScalarShift(YamlNode node) {
        int l = node.line() - 1;
        int c = node.column() - 1;
        if (l >= 0 && l < lines.length && c >= 0 && c < lines[l].length()) {
            char q = lines[l].charAt(c);
            return q == '"' || q == '\'' ? 1 : 0;
        }
        return 0;
    }

    private RuleLoadException error(YamlNode at, String message) {
        return error(at.line(), at.column(), message);
    }

    private RuleLoadException error(int line, int column, String message) {
        // one line whatever the file holds: a value quoted in the message may be any length or span lines
        return new RuleLoadException(file + ":" + line + ":" + column + ": " + dev.wheelwright.InputExcerpt.of(message, 400));
    }
}
