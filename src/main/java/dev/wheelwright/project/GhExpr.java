package dev.wheelwright.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions expressions ({@code ${{ ... }}}) evaluated as far as a static reading allows:
 * literals, the contexts a workflow file itself defines ({@code matrix}, {@code env},
 * {@code inputs}), {@code ||}, {@code &&}, {@code ==}, {@code !=}, {@code !}, {@code <}/{@code >},
 * indexing ({@code a[0]}, {@code a.b}, {@code a['b']}) and the functions {@code fromJSON},
 * {@code toJSON}, {@code format}, {@code contains}, {@code startsWith}, {@code endsWith},
 * {@code join}. Everything else ({@code github.*}, {@code secrets}, {@code needs}, {@code steps},
 * {@code runner}, {@code vars}, status functions) is {@link #UNKNOWN}, which propagates, so that no
 * fact is ever built on a value that was not really known.
 *
 * <p>Values are Java objects: null, Boolean, Double, String, List, Map. Comparison follows GitHub's
 * loose equality: values of different types compare as numbers; strings compare case-insensitively.
 */
final class GhExpr {
    private GhExpr() {}

    /** A value that cannot be known without running the workflow. */
    static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "<unknown>";
        }
    };

    /** The contexts available to an expression; a missing context is unknown. */
    record Contexts(Map<String, Object> values) {
        Contexts with(String name, Object value) {
            Map<String, Object> m = new LinkedHashMap<>(values);
            m.put(name, value);
            return new Contexts(m);
        }
    }

    private static final Pattern EXPR = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);

    static boolean hasExpression(String text) {
        return text != null && text.contains("${{");
    }

    /**
     * A YAML value with its expressions substituted: a text that is one whole expression gives
     * that expression's value (which may be a list or a map); a text with embedded expressions
     * gives a string, or UNKNOWN when any part is unknown.
     */
    static Object interpolate(String text, Contexts ctx) {
        if (text == null || !text.contains("${{")) {
            return text;
        }
        Matcher m = EXPR.matcher(text);
        if (m.find() && m.start() == 0 && m.end() == text.length()) {
            return eval(m.group(1), ctx);
        }
        StringBuilder sb = new StringBuilder();
        int last = 0;
        m.reset();
        while (m.find()) {
            sb.append(text, last, m.start());
            Object v = eval(m.group(1), ctx);
            if (v == UNKNOWN) {
                return UNKNOWN;
            }
            sb.append(str(v));
            last = m.end();
        }
        if (text.indexOf("${{", last) >= 0) {
            return UNKNOWN; // an unclosed expression
        }
        sb.append(text.substring(last));
        return sb.toString();
    }

    /** An {@code if:} condition: with or without {@code ${{ }}}; TRUE, FALSE or UNKNOWN. */
    static Object condition(String text, Contexts ctx) {
        if (text == null) {
            return Boolean.TRUE;
        }
        String t = text.strip();
        Matcher m = EXPR.matcher(t);
        Object v = m.find() && m.start() == 0 && m.end() == t.length() ? eval(m.group(1), ctx)
                : t.contains("${{") ? interpolate(t, ctx) : eval(t, ctx);
        return v == UNKNOWN ? UNKNOWN : truthy(v);
    }

    static Object eval(String source, Contexts ctx) {
        try {
            Parser p = new Parser(source, ctx);
            Object v = p.or();
            p.skipWs();
            if (p.pos != p.src.length()) {
                return UNKNOWN;
            }
            return v;
        } catch (RuntimeException e) {
            return UNKNOWN; // a syntax the evaluator does not know is not a known value
        }
    }

    /** A YAML node as an expression value (scalars keep their text; true/false/numbers typed loosely). */
    static Object value(YamlTree node) {
        if (node == null) {
            return null;
        }
        if (node instanceof YamlTree.YScalar s) {
            return s.value();
        }
        if (node instanceof YamlTree.YList l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(value(i)));
            return out;
        }
        YamlTree.YMap m = (YamlTree.YMap) node;
        Map<String, Object> out = new LinkedHashMap<>();
        m.entries().forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        if (v instanceof String s) {
            // YAML booleans arrive as text; an unquoted false in a matrix is false
            return !s.isEmpty() && !s.equals("false");
        }
        return true;
    }

    /** GitHub's string conversion: null → '', booleans 'true'/'false', integral numbers without '.0'. */
    static String str(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            return toJson(v);
        }
        return String.valueOf(v);
    }

    private static String toJson(Object v) {
        try {
            return new ObjectMapper().writeValueAsString(v);
        } catch (Exception e) {
            return String.valueOf(v);
        }
    }

    private static Double num(Object v) {
        if (v == null) {
            return 0.0;
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return 0.0;
            }
            if (t.equals("true")) {
                return 1.0;
            }
            if (t.equals("false")) {
                return 0.0;
            }
            try {
                return t.startsWith("0x") ? (double) Long.parseLong(t.substring(2), 16) : Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        if (a == null && b == null) {
            return true;
        }
        if (a instanceof List<?> || a instanceof Map<?, ?> || b instanceof List<?> || b instanceof Map<?, ?>) {
            return a == b;
        }
        return num(a).equals(num(b)) && !num(a).isNaN();
    }

    private static Object index(Object base, Object key) {
        if (base == UNKNOWN || key == UNKNOWN) {
            return UNKNOWN;
        }
        if (base instanceof List<?> l) {
            Double d = num(key);
            if (key instanceof String || d.isNaN()) {
                return null;
            }
            int i = d.intValue();
            return i >= 0 && i < l.size() ? l.get(i) : null;
        }
        if (base instanceof Map<?, ?> m && key != null) {
            String k = str(key);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (String.valueOf(e.getKey()).equalsIgnoreCase(k)) {
                    return e.getValue();
                }
            }
            return m.get(k) == UNKNOWN ? UNKNOWN : null; // a context that knows only some of its fields
        }
        return null;
    }

    private static final class Parser {
        final String src;
        final Contexts ctx;
        int pos;

        Parser(String src, Contexts ctx) {
            this.src = src;
            this.ctx = ctx;
        }

        void skipWs() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(String s) {
            skipWs();
            if (src.startsWith(s, pos)) {
                pos += s.length();
                return true;
            }
            return false;
        }

        Object or() {
            Object left = and();
            while (eat("||")) {
                Object right = and();
                if (left == UNKNOWN) {
                    // unknown || x: known only when x is... still depends on the unknown left value
                    left = UNKNOWN;
                } else {
                    left = truthy(left) ? left : right;
                }
            }
            return left;
        }

        Object and() {
            Object left = cmp();
            while (eat("&&")) {
                Object right = cmp();
                if (left == UNKNOWN) {
                    left = right != UNKNOWN && !truthy(right) ? right : UNKNOWN; // unknown && false is false
                    if (left != UNKNOWN) {
                        left = Boolean.FALSE;
                    }
                } else {
                    left = !truthy(left) ? left : right;
                }
            }
            return left;
        }

        Object cmp() {
            Object left = unary();
            while (true) {
                skipWs();
                String op = null;
                for (String o : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
                    if (src.startsWith(o, pos)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    return left;
                }
                pos += op.length();
                Object right = unary();
                if (left == UNKNOWN || right == UNKNOWN) {
                    left = UNKNOWN;
                    continue;
                }
                left = switch (op) {
                    case "==" -> equal(left, right);
                    case "!=" -> !equal(left, right);
                    default -> {
                        int c;
                        if (left instanceof String x && right instanceof String y) {
                            c = x.compareToIgnoreCase(y);
                        } else {
                            Double x = num(left);
                            Double y = num(right);
                            if (x.isNaN() || y.isNaN()) {
                                yield Boolean.FALSE;
                            }
                            c = Double.compare(x, y);
                        }
                        yield switch (op) {
                            case "<" -> c < 0;
                            case ">" -> c > 0;
                            case "<=" -> c <= 0;
                            default -> c >= 0;
                        };
                    }
                };
            }
        }

        Object unary() {
            skipWs();
            if (pos < src.length() && src.charAt(pos) == '!' && !src.startsWith("!=", pos)) {
                pos++;
                Object v = unary();
                return v == UNKNOWN ? UNKNOWN : !truthy(v);
            }
            return postfix();
        }

        Object postfix() {
            Object v = primary();
            while (true) {
                skipWs();
                if (pos < src.length() && src.charAt(pos) == '.') {
                    pos++;
                    String name = ident();
                    if (name.equals("*")) {
                        return UNKNOWN; // object filters are not evaluated
                    }
                    v = index(v, name);
                } else if (pos < src.length() && src.charAt(pos) == '[') {
                    pos++;
                    Object key = or();
                    if (!eat("]")) {
                        throw new IllegalStateException("] expected");
                    }
                    v = index(v, key);
                } else {
                    return v;
                }
            }
        }

        String ident() {
            skipWs();
            int start = pos;
            if (pos < src.length() && src.charAt(pos) == '*') {
                pos++;
                return "*";
            }
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalStateException("name expected at " + pos);
            }
            return src.substring(start, pos);
        }

        Object primary() {
            skipWs();
            if (pos >= src.length()) {
                throw new IllegalStateException("value expected");
            }
            char c = src.charAt(pos);
            if (c == '(') {
                pos++;
                Object v = or();
                if (!eat(")")) {
                    throw new IllegalStateException(") expected");
                }
                return v;
            }
            if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                pos++;
                while (true) {
                    if (pos >= src.length()) {
                        throw new IllegalStateException("unclosed string");
                    }
                    char d = src.charAt(pos++);
                    if (d == '\'') {
                        if (pos < src.length() && src.charAt(pos) == '\'') {
                            sb.append('\'');
                            pos++;
                        } else {
                            return sb.toString();
                        }
                    } else {
                        sb.append(d);
                    }
                }
            }
            if (Character.isDigit(c) || c == '-' || c == '.') {
                int start = pos;
                pos++;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                    pos++;
                }
                Double d = num(src.substring(start, pos));
                if (d.isNaN()) {
                    throw new IllegalStateException("bad number");
                }
                return d;
            }
            String name = ident();
            skipWs();
            if (pos < src.length() && src.charAt(pos) == '(') {
                pos++;
                List<Object> args = new ArrayList<>();
                if (!eat(")")) {
                    do {
                        args.add(or());
                    } while (eat(","));
                    if (!eat(")")) {
                        throw new IllegalStateException(") expected");
                    }
                }
                return call(name.toLowerCase(Locale.ROOT), args);
            }
            switch (name) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "null":
                    return null;
                default:
                    break;
            }
            return ctx.values().containsKey(name) ? ctx.values().get(name) : UNKNOWN;
        }

        Object call(String fn, List<Object> args) {
            if (args.contains(UNKNOWN)) {
                // contains(unknown, x) and the like cannot be known either
                return UNKNOWN;
            }
            switch (fn) {
                case "fromjson": {
                    try {
                        JsonNode n = new ObjectMapper().readTree(str(args.get(0)));
                        return json(n);
                    } catch (Exception e) {
                        return UNKNOWN;
                    }
                }
                case "tojson":
                    return toJson(args.get(0));
                case "format": {
                    String f = str(args.get(0));
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < f.length(); i++) {
                        char ch = f.charAt(i);
                        if (ch == '{' && i + 1 < f.length() && f.charAt(i + 1) == '{') {
                            sb.append('{');
                            i++;
                        } else if (ch == '}' && i + 1 < f.length() && f.charAt(i + 1) == '}') {
                            sb.append('}');
                            i++;
                        } else if (ch == '{') {
                            int end = f.indexOf('}', i);
                            int n = Integer.parseInt(f.substring(i + 1, end));
                            sb.append(str(args.get(n + 1)));
                            i = end;
                        } else {
                            sb.append(ch);
                        }
                    }
                    return sb.toString();
                }
                case "contains": {
                    Object hay = args.get(0);
                    Object needle = args.get(1);
                    if (hay instanceof List<?> l) {
                        return l.stream().anyMatch(x -> equal(x, needle));
                    }
                    return str(hay).toLowerCase(Locale.ROOT).contains(str(needle).toLowerCase(Locale.ROOT));
                }
                case "startswith":
                    return str(args.get(0)).toLowerCase(Locale.ROOT).startsWith(str(args.get(1)).toLowerCase(Locale.ROOT));
                case "endswith":
                    return str(args.get(0)).toLowerCase(Locale.ROOT).endsWith(str(args.get(1)).toLowerCase(Locale.ROOT));
                case "join": {
                    String sep = args.size() > 1 ? str(args.get(1)) : ",";
                    if (args.get(0) instanceof List<?> l) {
                        return String.join(sep, l.stream().map(GhExpr::str).toList());
                    }
                    return str(args.get(0));
                }
                default:
                    // success(), always(), failure(), cancelled(), hashFiles(): depend on the run
                    return UNKNOWN;
            }
        }
    }

    private static Object json(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(x -> out.add(json(x)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), json(e.getValue())));
        return out;
    }
}
