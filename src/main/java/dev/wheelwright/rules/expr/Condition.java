package dev.wheelwright.rules.expr;

import dev.wheelwright.rules.expr.ExprType.ListType;
import dev.wheelwright.rules.expr.ExprType.RecordType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled {@code when:} condition: parsed and type-checked once when the rule is loaded,
 * then interpreted for each candidate (start-up time matters more than evaluation speed).
 *
 * <p>Null is absorbing: a field of a missing facts part or of a null value is null; an ordering
 * comparison, {@code matches}, {@code startsWith} or {@code in} with a null operand is false;
 * {@code any}/{@code all}/{@code count} see a null list as empty. So a rule whose facts are
 * absent simply does not fire.
 */
public final class Condition {
    private final String source;
    private final Node root;
    private final Map<Node, ExprType> types;
    private final Map<Node, Pattern> regexes;

    private Condition(String source, Node root, Map<Node, ExprType> types, Map<Node, Pattern> regexes) {
        this.source = source;
        this.root = root;
        this.types = types;
        this.regexes = regexes;
    }

    /** The always-true condition of a rule without {@code when:}. */
    public static final Condition TRUE;

    static {
        try {
            TRUE = compile("true", Map.of());
        } catch (ExprException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Parses and type-checks a condition.
     *
     * @param source the condition text
     * @param scope  the variables it may use and their types (captures, built-ins, facts roots)
     * @throws ExprException with the offset of the offending text
     */
    public static Condition compile(String source, Map<String, ExprType> scope) throws ExprException {
        Node root = ExprParser.parse(source);
        Checker checker = new Checker(scope);
        ExprType t = checker.check(root, new HashMap<>());
        if (t != ExprType.BOOL && t != ExprType.ANY) {
            throw new ExprException("a condition must be a boolean, this is a " + t, root.pos());
        }
        return new Condition(source, root, checker.types, checker.regexes);
    }

    public String source() {
        return source;
    }

    /**
     * Evaluates the condition.
     *
     * @param variables looks a variable up by name (captures, built-ins, facts roots); null when unset
     * @throws IllegalStateException when a value of a run-time-typed field has the wrong type
     */
    public boolean test(Function<String, Object> variables) {
        return truthy(new Evaluator(variables).eval(root, Map.of()));
    }

    @Override
    public String toString() {
        return source;
    }

    private static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException("expected a boolean, got " + describe(v));
    }

    private static String describe(Object v) {
        return v == null ? "null" : v instanceof String s ? "string \"" + s + "\"" : v.getClass().getSimpleName() + " " + v;
    }

    // ---------------------------------------------------------------- type checking

    private static final class Checker {
        final Map<String, ExprType> scope;
        final Map<Node, ExprType> types = new IdentityHashMap<>();
        final Map<Node, Pattern> regexes = new IdentityHashMap<>();

        Checker(Map<String, ExprType> scope) {
            this.scope = scope;
        }

        ExprType check(Node n, Map<String, ExprType> locals) throws ExprException {
            ExprType t = infer(n, locals);
            types.put(n, t);
            return t;
        }

        private ExprType infer(Node n, Map<String, ExprType> locals) throws ExprException {
            if (n instanceof Node.Literal l) {
                return l.type();
            }
            if (n instanceof Node.ListLit l) {
                ExprType elem = null;
                for (Node item : l.items()) {
                    ExprType t = check(item, locals);
                    if (elem == null || elem == ExprType.NULL) {
                        elem = t;
                    } else if (!compatible(elem, t)) {
                        throw new ExprException("list mixes " + elem + " and " + t, item.pos());
                    }
                }
                return new ListType(elem == null ? ExprType.ANY : elem);
            }
            if (n instanceof Node.Name name) {
                ExprType t = locals.containsKey(name.name()) ? locals.get(name.name()) : scope.get(name.name());
                if (t == null) {
                    List<String> known = new ArrayList<>(scope.keySet());
                    known.addAll(locals.keySet());
                    known.sort(null);
                    throw new ExprException("unknown name '" + name.name() + "' (known: " + String.join(", ", known) + ")", n.pos());
                }
                return t;
            }
            if (n instanceof Node.Field f) {
                ExprType target = check(f.target(), locals);
                if (target == ExprType.ANY || target == ExprType.NULL) {
                    return ExprType.ANY;
                }
                if (target instanceof RecordType r) {
                    ExprType t = r.field(f.name());
                    if (t == null) {
                        throw new ExprException(r + " has no field '" + f.name() + "' (fields: " + r.fieldNames() + ")", n.pos());
                    }
                    return t;
                }
                throw new ExprException("cannot read field '" + f.name() + "' of a " + target, n.pos());
            }
            if (n instanceof Node.Lambda) {
                throw new ExprException("a lambda (x -> ...) is only allowed as the second argument of any, all or count", n.pos());
            }
            if (n instanceof Node.Unary u) {
                expect(check(u.operand(), locals), ExprType.BOOL, "'!'", u.operand());
                return ExprType.BOOL;
            }
            if (n instanceof Node.Binary b) {
                return binary(b, locals);
            }
            return call((Node.Call) n, locals);
        }

        private ExprType binary(Node.Binary b, Map<String, ExprType> locals) throws ExprException {
            ExprType l = check(b.left(), locals);
            ExprType r = check(b.right(), locals);
            switch (b.op()) {
                case "&&", "||" -> {
                    expect(l, ExprType.BOOL, "'" + b.op() + "'", b.left());
                    expect(r, ExprType.BOOL, "'" + b.op() + "'", b.right());
                }
                case "==", "!=" -> {
                    if (!compatible(l, r)) {
                        throw new ExprException("cannot compare a " + l + " with a " + r, b.pos());
                    }
                }
                case "<", "<=", ">", ">=" -> {
                    if (!ordered(l) || !ordered(r) || !compatible(l, r)) {
                        throw new ExprException("cannot order a " + l + " and a " + r
                                + " (numbers, strings and versions can be ordered; write version(x) to compare versions)", b.pos());
                    }
                }
                case "in" -> {
                    if (r instanceof ListType lt) {
                        if (!compatible(l, lt.element())) {
                            throw new ExprException("a " + l + " is never in a " + r, b.pos());
                        }
                    } else if (r == ExprType.STR) {
                        expect(l, ExprType.STR, "'in' a string", b.left());
                    } else if (r != ExprType.ANY && r != ExprType.NULL) {
                        throw new ExprException("'in' needs a list or a string on its right, found a " + r, b.right().pos());
                    }
                }
                case "matches", "startsWith" -> {
                    expect(l, ExprType.STR, "'" + b.op() + "'", b.left());
                    expect(r, ExprType.STR, "'" + b.op() + "'", b.right());
                    if (b.op().equals("matches")) {
                        regex(b, b.right());
                    }
                }
                default -> throw new ExprException("unknown operator " + b.op(), b.pos());
            }
            return ExprType.BOOL;
        }

        private void regex(Node owner, Node pattern) throws ExprException {
            if (pattern instanceof Node.Literal lit && lit.value() instanceof String re) {
                try {
                    regexes.put(owner, Pattern.compile(re));
                } catch (PatternSyntaxException e) {
                    throw new ExprException("bad regular expression: " + e.getDescription(), pattern.pos());
                }
            }
        }

        private ExprType call(Node.Call c, Map<String, ExprType> locals) throws ExprException {
            if (c.target() != null) {
                return method(c, check(c.target(), locals), locals);
            }
            List<Node> a = c.args();
            switch (c.name()) {
                case "any", "all", "count" -> {
                    if (a.isEmpty() || a.size() > 2 || (a.size() == 1 && !c.name().equals("count"))) {
                        throw new ExprException(c.name() + "(list, x -> condition) takes a list and a lambda", c.pos());
                    }
                    ExprType lt = check(a.get(0), locals);
                    ExprType elem;
                    if (lt instanceof ListType l) {
                        elem = l.element();
                    } else if (lt == ExprType.ANY || lt == ExprType.NULL) {
                        elem = ExprType.ANY;
                    } else {
                        throw new ExprException(c.name() + " needs a list, found a " + lt, a.get(0).pos());
                    }
                    if (a.size() == 2) {
                        if (!(a.get(1) instanceof Node.Lambda lam)) {
                            throw new ExprException("the second argument of " + c.name() + " must be a lambda (x -> condition)", a.get(1).pos());
                        }
                        Map<String, ExprType> inner = new HashMap<>(locals);
                        inner.put(lam.param(), elem);
                        expect(check(lam.body(), inner), ExprType.BOOL, "a lambda of " + c.name(), lam.body());
                        types.put(lam, ExprType.BOOL);
                    }
                    return c.name().equals("count") ? ExprType.NUM : ExprType.BOOL;
                }
                case "len" -> {
                    arity(c, 1);
                    ExprType t = check(a.get(0), locals);
                    if (!(t instanceof ListType) && t != ExprType.STR && t != ExprType.ANY && t != ExprType.NULL) {
                        throw new ExprException("len needs a list or a string, found a " + t, a.get(0).pos());
                    }
                    return ExprType.NUM;
                }
                case "version" -> {
                    arity(c, 1);
                    expect(check(a.get(0), locals), ExprType.STR, "version()", a.get(0));
                    if (a.get(0) instanceof Node.Literal lit && lit.value() instanceof String s) {
                        try {
                            DottedVersion.parse(s);
                        } catch (IllegalArgumentException e) {
                            throw new ExprException(e.getMessage(), a.get(0).pos());
                        }
                    }
                    return ExprType.VERSION;
                }
                case "exists" -> {
                    arity(c, 1);
                    check(a.get(0), locals);
                    return ExprType.BOOL;
                }
                default -> throw new ExprException("unknown function '" + c.name()
                        + "' (functions: any, all, count, len, version, exists)", c.pos());
            }
        }

        private ExprType method(Node.Call c, ExprType target, Map<String, ExprType> locals) throws ExprException {
            List<Node> a = c.args();
            boolean str = target == ExprType.STR || target == ExprType.ANY || target == ExprType.NULL;
            boolean list = target instanceof ListType || target == ExprType.ANY || target == ExprType.NULL;
            switch (c.name()) {
                case "startsWith", "endsWith", "matches" -> {
                    arity(c, 1);
                    if (!str) {
                        throw new ExprException(c.name() + " needs a string, found a " + target, c.pos());
                    }
                    expect(check(a.get(0), locals), ExprType.STR, c.name() + "()", a.get(0));
                    if (c.name().equals("matches")) {
                        regex(c, a.get(0));
                    }
                    return ExprType.BOOL;
                }
                case "contains" -> {
                    arity(c, 1);
                    ExprType arg = check(a.get(0), locals);
                    if (target instanceof ListType lt && !compatible(arg, lt.element())) {
                        throw new ExprException("a " + target + " never contains a " + arg, a.get(0).pos());
                    }
                    if (!str && !list) {
                        throw new ExprException("contains needs a string or a list, found a " + target, c.pos());
                    }
                    return ExprType.BOOL;
                }
                case "lower", "upper", "trim" -> {
                    arity(c, 0);
                    if (!str) {
                        throw new ExprException(c.name() + " needs a string, found a " + target, c.pos());
                    }
                    return ExprType.STR;
                }
                case "size", "length" -> {
                    arity(c, 0);
                    if (!str && !list) {
                        throw new ExprException(c.name() + " needs a string or a list, found a " + target, c.pos());
                    }
                    return ExprType.NUM;
                }
                case "isEmpty" -> {
                    arity(c, 0);
                    if (!str && !list) {
                        throw new ExprException("isEmpty needs a string or a list, found a " + target, c.pos());
                    }
                    return ExprType.BOOL;
                }
                default -> throw new ExprException("unknown method '" + c.name()
                        + "' (methods: startsWith, endsWith, matches, contains, lower, upper, trim, size, length, isEmpty)", c.pos());
            }
        }

        private static void arity(Node.Call c, int n) throws ExprException {
            if (c.args().size() != n) {
                throw new ExprException(c.name() + " takes " + n + " argument" + (n == 1 ? "" : "s")
                        + ", found " + c.args().size(), c.pos());
            }
        }

        private static void expect(ExprType actual, ExprType wanted, String where, Node at) throws ExprException {
            if (actual != wanted && actual != ExprType.ANY && actual != ExprType.NULL) {
                throw new ExprException(where + " needs a " + wanted + ", found a " + actual, at.pos());
            }
        }

        private static boolean ordered(ExprType t) {
            return t == ExprType.NUM || t == ExprType.STR || t == ExprType.VERSION || t == ExprType.ANY || t == ExprType.NULL;
        }

        static boolean compatible(ExprType a, ExprType b) {
            if (a.equals(b) || a == ExprType.ANY || b == ExprType.ANY || a == ExprType.NULL || b == ExprType.NULL) {
                return true;
            }
            if ((a == ExprType.VERSION && b == ExprType.STR) || (a == ExprType.STR && b == ExprType.VERSION)) {
                return true;
            }
            if (a instanceof ListType la && b instanceof ListType lb) {
                return compatible(la.element(), lb.element());
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- evaluation

    private final class Evaluator {
        final Function<String, Object> variables;

        Evaluator(Function<String, Object> variables) {
            this.variables = variables;
        }

        Object eval(Node n, Map<String, Object> locals) {
            if (n instanceof Node.Literal l) {
                return l.value();
            }
            if (n instanceof Node.ListLit l) {
                List<Object> out = new ArrayList<>();
                for (Node item : l.items()) {
                    out.add(eval(item, locals));
                }
                return out;
            }
            if (n instanceof Node.Name name) {
                return locals.containsKey(name.name()) ? locals.get(name.name()) : normalize(variables.apply(name.name()));
            }
            if (n instanceof Node.Field f) {
                return field(eval(f.target(), locals), f.name());
            }
            if (n instanceof Node.Unary u) {
                Object v = eval(u.operand(), locals);
                return v == null ? Boolean.TRUE : !truthy(v);
            }
            if (n instanceof Node.Binary b) {
                return binary(b, locals);
            }
            return call((Node.Call) n, locals);
        }

        private Object binary(Node.Binary b, Map<String, Object> locals) {
            switch (b.op()) {
                case "&&":
                    return truthyOrFalse(eval(b.left(), locals)) && truthyOrFalse(eval(b.right(), locals));
                case "||":
                    return truthyOrFalse(eval(b.left(), locals)) || truthyOrFalse(eval(b.right(), locals));
                default:
                    break;
            }
            Object l = eval(b.left(), locals);
            Object r = eval(b.right(), locals);
            switch (b.op()) {
                case "==":
                    return equal(l, r);
                case "!=":
                    return !equal(l, r);
                case "<", "<=", ">", ">=": {
                    if (l == null || r == null) {
                        return false;
                    }
                    int c = compare(l, r);
                    return switch (b.op()) {
                        case "<" -> c < 0;
                        case "<=" -> c <= 0;
                        case ">" -> c > 0;
                        default -> c >= 0;
                    };
                }
                case "in":
                    if (l == null || r == null) {
                        return false;
                    }
                    if (r instanceof String s) {
                        return s.contains(str(l));
                    }
                    return list(r).stream().anyMatch(x -> equal(l, x));
                case "matches":
                    return l != null && r != null && regex(b, r).matcher(str(l)).find();
                case "startsWith":
                    return l != null && r != null && str(l).startsWith(str(r));
                default:
                    throw new IllegalStateException("unknown operator " + b.op());
            }
        }

        private Pattern regex(Node owner, Object pattern) {
            Pattern p = regexes.get(owner);
            return p != null ? p : Pattern.compile(str(pattern));
        }

        private Object call(Node.Call c, Map<String, Object> locals) {
            if (c.target() != null) {
                return method(c, eval(c.target(), locals), locals);
            }
            List<Node> a = c.args();
            switch (c.name()) {
                case "any", "all", "count": {
                    Object lv = eval(a.get(0), locals);
                    List<?> items = lv == null ? List.of() : list(lv);
                    if (a.size() == 1) {
                        return (double) items.size();
                    }
                    Node.Lambda lam = (Node.Lambda) a.get(1);
                    int hits = 0;
                    for (Object item : items) {
                        Map<String, Object> inner = new HashMap<>(locals);
                        inner.put(lam.param(), normalize(item));
                        boolean ok = truthyOrFalse(eval(lam.body(), inner));
                        if (ok) {
                            hits++;
                            if (c.name().equals("any")) {
                                return true;
                            }
                        } else if (c.name().equals("all")) {
                            return false;
                        }
                    }
                    return c.name().equals("count") ? (Object) (double) hits : (Object) c.name().equals("all");
                }
                case "len": {
                    Object v = eval(a.get(0), locals);
                    return v == null ? 0.0 : v instanceof String s ? (double) s.length() : (double) list(v).size();
                }
                case "version": {
                    Object v = eval(a.get(0), locals);
                    return v == null ? null : version(v);
                }
                case "exists":
                    return eval(a.get(0), locals) != null;
                default:
                    throw new IllegalStateException("unknown function " + c.name());
            }
        }

        private Object method(Node.Call c, Object target, Map<String, Object> locals) {
            List<Object> args = new ArrayList<>();
            for (Node a : c.args()) {
                args.add(eval(a, locals));
            }
            if (target == null) {
                return switch (c.name()) {
                    case "size", "length" -> 0.0;
                    case "isEmpty" -> true;
                    case "lower", "upper", "trim" -> null;
                    default -> false;
                };
            }
            Object arg = args.isEmpty() ? null : args.get(0);
            switch (c.name()) {
                case "startsWith":
                    return arg != null && str(target).startsWith(str(arg));
                case "endsWith":
                    return arg != null && str(target).endsWith(str(arg));
                case "matches":
                    return arg != null && regex(c, arg).matcher(str(target)).find();
                case "contains":
                    if (target instanceof String s) {
                        return arg != null && s.contains(str(arg));
                    }
                    return list(target).stream().anyMatch(x -> equal(arg, x));
                case "lower":
                    return str(target).toLowerCase(Locale.ROOT);
                case "upper":
                    return str(target).toUpperCase(Locale.ROOT);
                case "trim":
                    return str(target).strip();
                case "size", "length":
                    return target instanceof String s ? (double) s.length() : (double) list(target).size();
                case "isEmpty":
                    return target instanceof String s ? s.isEmpty() : list(target).isEmpty();
                default:
                    throw new IllegalStateException("unknown method " + c.name());
            }
        }
    }

    private static boolean truthyOrFalse(Object v) {
        return v != null && truthy(v);
    }

    /** Reads a field of a record (by component), a map (by key) or a bean-like object (by accessor). */
    static Object field(Object target, String name) {
        if (target == null) {
            return null;
        }
        try {
            if (target instanceof Map<?, ?> m) {
                return normalize(m.get(name));
            }
            Class<?> c = target.getClass();
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    if (rc.getName().equals(name)) {
                        Method acc = rc.getAccessor();
                        acc.setAccessible(true);
                        return normalize(acc.invoke(target));
                    }
                }
            } else {
                for (String m : new String[] {name, "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1)}) {
                    try {
                        Method acc = c.getMethod(m);
                        return normalize(acc.invoke(target));
                    } catch (NoSuchMethodException e) {
                        // try the next form
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read field '" + name + "' of " + target.getClass().getSimpleName() + ": " + e, e);
        }
        throw new IllegalStateException(target.getClass().getSimpleName() + " has no field '" + name + "'");
    }

    /** Brings a Java value into the language's value space: numbers, strings, booleans, versions, lists, records, maps. */
    static Object normalize(Object v) {
        if (v instanceof Optional<?> o) {
            return normalize(o.orElse(null));
        }
        if (v instanceof Number n && !(v instanceof Double)) {
            return n.doubleValue();
        }
        if (v instanceof Character ch) {
            return String.valueOf(ch);
        }
        if (v instanceof Enum<?> e) {
            try {
                Method id = e.getClass().getMethod("id");
                if (id.getReturnType() == String.class) {
                    return id.invoke(e);
                }
            } catch (ReflectiveOperationException ignored) {
                // no id(): use the constant's name
            }
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof java.nio.file.Path p) {
            return p.toString().replace('\\', '/');
        }
        return v;
    }

    private static List<?> list(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (v != null && v.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(v);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(java.lang.reflect.Array.get(v, i));
            }
            return out;
        }
        throw new IllegalStateException("expected a list, got " + describe(v));
    }

    private static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof DottedVersion d) {
            return d.text();
        }
        throw new IllegalStateException("expected a string, got " + describe(v));
    }

    private static DottedVersion version(Object v) {
        if (v instanceof DottedVersion d) {
            return d;
        }
        if (v instanceof Double d) {
            return DottedVersion.parse(d == Math.floor(d) ? String.valueOf(d.longValue()) : String.valueOf(d));
        }
        return DottedVersion.parse(str(v));
    }

    private static boolean equal(Object l, Object r) {
        l = normalize(l);
        r = normalize(r);
        if (l == null || r == null) {
            return l == r;
        }
        if (l instanceof DottedVersion || r instanceof DottedVersion) {
            try {
                return version(l).equals(version(r));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (l instanceof Double a && r instanceof Double b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(l, r);
    }

    private static int compare(Object l, Object r) {
        if (l instanceof DottedVersion || r instanceof DottedVersion) {
            return version(l).compareTo(version(r));
        }
        if (l instanceof Double a && r instanceof Double b) {
            return Double.compare(a, b);
        }
        if (l instanceof String a && r instanceof String b) {
            return a.compareTo(b);
        }
        throw new IllegalStateException("cannot order " + describe(l) + " and " + describe(r));
    }
}
