package dev.wheelwright.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code setup(...)} call of a {@code setup.py} without executing it.
 *
 * <p>A small tokenizer for the Python lexical grammar (strings with prefixes and triple quotes,
 * comments, bracket-implied line joining, backslash continuations) and an expression reader that
 * resolves literals, module-level variables and {@code +} concatenations. Anything that needs
 * execution becomes {@link PyValue.Unknown} with the source text and a reason, so that rules can
 * say "computed at run time" instead of guessing.
 */
public final class SetupPyParser {

    enum T { NAME, STRING, NUMBER, OP, NEWLINE, EOF }

    record Token(T type, String text, String value, int line, int col, int start, int end) {}

    /** The file is not Python text this tokenizer can read. */
    static final class SyntaxProblem extends Exception {
        final int line;

        SyntaxProblem(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    private static final Set<String> SETUP_CALLEES = Set.of("setup", "setuptools.setup", "distutils.core.setup");
    private static final Set<String> TERMINATORS = Set.of(",", ")", "]", "}", ":");

    private final String text;
    private List<Token> tokens;
    private int pos;
    private int nesting;
    private static final int MAX_NESTING = 100;
    private final Map<String, PyValue> variables = new LinkedHashMap<>();

    private SetupPyParser(String text) {
        this.text = text;
    }

    /** Parses the text of a setup.py; never throws for bad input (the result says what was wrong). */
    public static SetupPy parse(String file, String text) {
        SetupPyParser p = new SetupPyParser(text);
        try {
            p.tokens = tokenize(text);
        } catch (SyntaxProblem e) {
            return new SetupPy(file, text, 0, Map.of(), Map.of(), "line " + e.line + ": " + e.getMessage());
        }
        return p.walk(file);
    }

    // ---------------------------------------------------------------- module walk

    private SetupPy walk(String file) {
        Map<String, SetupPy.Keyword> keywords = new LinkedHashMap<>();
        int setupLine = 0;
        boolean lineStart = true;
        // columns of the def/class statements whose bodies we are in: their code runs only when called
        List<Integer> defs = new ArrayList<>();
        while (peek().type() != T.EOF) {
            Token t = peek();
            if (t.type() == T.NEWLINE) {
                pos++;
                lineStart = true;
                continue;
            }
            if (lineStart) {
                while (!defs.isEmpty() && defs.get(defs.size() - 1) >= t.col()) {
                    defs.remove(defs.size() - 1);
                }
                if (t.type() == T.NAME && (t.text().equals("def") || t.text().equals("class")
                        || (t.text().equals("async") && peekAt(1).text().equals("def")))) {
                    defs.add(t.col());
                }
            }
            if (lineStart && t.col() == 0 && t.type() == T.NAME && isAssignOp(peekAt(1))) {
                String name = t.text();
                String op = peekAt(1).text();
                pos += 2;
                PyValue v = expression();
                if (op.equals("=")) {
                    store(name, v, t);
                } else {
                    store(name, concat(variables.getOrDefault(name, new PyValue.Unknown(abbreviate(name),
                            "'" + abbreviate(name) + "' is not assigned before '+='", t.line())), v, t.line()), t);
                }
                lineStart = false;
                continue;
            }
            if (lineStart && defs.isEmpty() && t.type() == T.NAME && variables.containsKey(t.text()) && mutation()) {
                // NAME.append(x) / NAME.extend(x) / NAME += x / NAME[key] = x / NAME.update(...) before
                // setup(), also under if/try/for (a requirement added on some platforms is still one)
                lineStart = false;
                continue;
            }
            lineStart = false;
            if (setupLine == 0 && isSetupCall()) {
                Token nameTok = peek();
                // skip the dotted callee up to "("
                while (!peek().text().equals("(")) {
                    pos++;
                }
                pos++;
                setupLine = nameTok.line();
                callArguments(keywords);
                continue;
            }
            pos++;
        }
        return new SetupPy(file, text, setupLine, keywords, variables, null);
    }

    /**
     * With pos at a known variable at the start of a statement: applies a mutation of it and
     * returns true, or leaves pos and returns false when the statement is anything else. What
     * cannot be followed turns the variable into an {@link PyValue.Unknown} saying why.
     */
    private boolean mutation() {
        int from = pos;
        Token nameTok = peek();
        String name = nameTok.text();
        PyValue current = variables.get(name);
        String op1 = peekAt(1).text();
        if (op1.equals("+=") && nameTok.col() > 0) {
            pos += 2;
            PyValue v = expression();
            store(name, concat(current, v, nameTok.line()), nameTok);
            return endOfStatement();
        }
        if (op1.equals(".") && peekAt(2).type() == T.NAME && peekAt(3).text().equals("(")) {
            String method = peekAt(2).text();
            if (!Set.of("append", "extend", "insert", "update").contains(method)) {
                return false;
            }
            pos += 4;
            List<PyValue> args = new ArrayList<>();
            Map<String, PyValue> kwargs = new LinkedHashMap<>();
            while (peek().type() != T.EOF && !peek().text().equals(")")) {
                Token a = peek();
                if (a.type() == T.NAME && peekAt(1).text().equals("=")) {
                    pos += 2;
                    kwargs.put(a.text(), expression());
                } else {
                    args.add(expression());
                }
                if (peek().text().equals(",")) {
                    pos++;
                } else if (!peek().text().equals(")")) {
                    pos = from;
                    return false;
                }
            }
            if (!peek().text().equals(")")) {
                pos = from;
                return false;
            }
            pos++;
            if (!atStatementEnd()) {
                pos = from;
                return false;
            }
            store(name, mutated(current, method, args, kwargs, nameTok), nameTok);
            return true;
        }
        if (op1.equals("[") && peekAt(2).type() == T.STRING && peekAt(3).text().equals("]") && peekAt(4).text().equals("=")
                && peekAt(2).value() != null) {
            String key = peekAt(2).value();
            pos += 5;
            PyValue v = expression();
            PyValue.Dict d = asDict(current);
            if (d == null || !spend(d.entries().size() + 1)) {
                variables.put(name, new PyValue.Unknown(abbreviate(name), d == null ? "'" + abbreviate(name) + "' is not a dict literal"
                        : "too many changes to '" + abbreviate(name) + "' to follow", nameTok.line()));
            } else {
                Map<String, PyValue> m = new LinkedHashMap<>(d.entries());
                m.put(key, v);
                store(name, new PyValue.Dict(m, d.line()), nameTok);
            }
            return endOfStatement();
        }
        return false;
    }

    private boolean atStatementEnd() {
        return peek().type() == T.NEWLINE || peek().type() == T.EOF || peek().text().equals(";");
    }

    /** After a mutation was applied: moves to the end of the statement; true (the statement was one). */
    private boolean endOfStatement() {
        if (!atStatementEnd()) {
            skipExpression();
        }
        return true;
    }

    private PyValue mutated(PyValue current, String method, List<PyValue> args, Map<String, PyValue> kwargs, Token at) {
        String name = at.text();
        switch (method) {
            case "append", "insert", "extend" -> {
                PyValue item = method.equals("insert") ? (args.size() == 2 ? args.get(1) : null) : (args.size() == 1 ? args.get(0) : null);
                if (!(current instanceof PyValue.Seq seq) || item == null || !kwargs.isEmpty()) {
                    return new PyValue.Unknown(name, "'" + name + "." + method + "(...)' on a value that is not a literal list",
                            at.line());
                }
                if (!spend(seq.items().size() + (item instanceof PyValue.Seq more ? more.items().size() : 1))) {
                    return new PyValue.Unknown(name, "too many changes to '" + abbreviate(name) + "' to follow", at.line());
                }
                List<PyValue> items = new ArrayList<>(seq.items());
                if (method.equals("extend")) {
                    if (!(item instanceof PyValue.Seq more)) {
                        return concat(current, item, at.line());
                    }
                    items.addAll(more.items());
                } else if (method.equals("insert") && args.get(0) instanceof PyValue.Num n && n.text().equals("0")) {
                    items.add(0, item);
                } else {
                    items.add(item);
                }
                return new PyValue.Seq(items, seq.line());
            }
            default -> { // update
                PyValue.Dict d = asDict(current);
                Map<String, PyValue> add = new LinkedHashMap<>(kwargs);
                if (args.size() == 1) {
                    PyValue.Dict arg = asDict(args.get(0));
                    if (arg == null) {
                        d = null;
                    } else {
                        Map<String, PyValue> m = new LinkedHashMap<>(arg.entries());
                        m.putAll(add);
                        add = m;
                    }
                } else if (args.size() > 1) {
                    d = null;
                }
                if (d == null || add.keySet().stream().anyMatch(k -> k.startsWith("*"))) {
                    return new PyValue.Unknown(name, "'" + name + ".update(...)' with something other than literal keywords or a dict",
                            at.line());
                }
                if (!spend(d.entries().size() + add.size())) {
                    return new PyValue.Unknown(name, "too many changes to '" + abbreviate(name) + "' to follow", at.line());
                }
                Map<String, PyValue> m = new LinkedHashMap<>(d.entries());
                m.putAll(add);
                return new PyValue.Dict(m, d.line());
            }
        }
    }

    /** A dict literal, or {@code dict(k=v, ...)} with only literal keywords, as a Dict; null otherwise. */
    private static PyValue.Dict asDict(PyValue v) {
        Map<String, PyValue> kw = unpackedKeywords(v);
        if (kw == null) {
            return null;
        }
        if (v instanceof PyValue.Call c && c.kwargs().keySet().stream().anyMatch(k -> k.startsWith("*"))) {
            return null;
        }
        return new PyValue.Dict(kw, v.line());
    }

    private static boolean isAssignOp(Token t) {
        return t.type() == T.OP && (t.text().equals("=") || t.text().equals("+="));
    }

    /** {@code setup(}, {@code setuptools.setup(} or {@code distutils.core.setup(}, not a definition. */
    private boolean isSetupCall() {
        Token t = peek();
        if (t.type() != T.NAME) {
            return false;
        }
        int i = 0;
        StringBuilder dotted = new StringBuilder(t.text());
        // the longest callee has three parts: following a.b.c.d... further at every name is quadratic
        while (i < 6 && peekAt(i + 1).text().equals(".") && peekAt(i + 2).type() == T.NAME) {
            i += 2;
            dotted.append('.').append(peekAt(i).text());
        }
        if (!SETUP_CALLEES.contains(dotted.toString()) || !peekAt(i + 1).text().equals("(")) {
            return false;
        }
        Token before = pos > 0 ? tokens.get(pos - 1) : null;
        return before == null || !(before.text().equals("def") || before.text().equals("."));
    }

    /**
     * The keywords of a dict written as a literal: {@code {"name": ...}} or {@code dict(name=...)}
     * (directly or through a module-level variable); null when it is anything else.
     */
    private static Map<String, PyValue> unpackedKeywords(PyValue v) {
        if (v instanceof PyValue.Dict d) {
            return d.entries();
        }
        if (v instanceof PyValue.Call c && c.callee().equals("dict") && c.args().isEmpty()) {
            Map<String, PyValue> out = new LinkedHashMap<>();
            c.kwargs().forEach((k, val) -> {
                if (!k.startsWith("*")) {
                    out.put(k, val);
                }
            });
            return out;
        }
        return null;
    }

    /** Reads {@code name=value, ...)} after the opening parenthesis of the setup call. */
    private void callArguments(Map<String, SetupPy.Keyword> into) {
        while (peek().type() != T.EOF && !peek().text().equals(")")) {
            Token t = peek();
            if (t.type() == T.NAME && peekAt(1).text().equals("=")) {
                pos += 2;
                Token valueStart = peek();
                PyValue v = expression();
                int end = tokens.get(pos - 1).end();
                // in place means the text between the keyword and the comma is the literal itself
                boolean inPlace = valueStart.type() != T.NAME
                        || Set.of("True", "False", "None").contains(valueStart.text());
                v = bounded(v, valueStart);
                into.put(t.text(), new SetupPy.Keyword(t.text(), v, inPlace && isLiteral(v), t.line(), t.start(), end));
            } else if (t.text().equals("**")) {
                pos++;
                Token s = peek();
                int from = pos;
                Map<String, PyValue> unpacked = unpackedKeywords(expression());
                if (unpacked == null || !(peek().text().equals(",") || peek().text().equals(")"))) {
                    pos = from;
                    skipExpression();
                    unpacked = null;
                }
                into.put("**" + s.text(), new SetupPy.Keyword("**" + s.text(),
                        new PyValue.Unknown(source(s.start(), tokens.get(pos - 1).end()),
                                "keyword arguments unpacked from a dict", t.line()), false, t.line(), t.start(),
                        tokens.get(pos - 1).end()));
                if (unpacked != null) {
                    // setup(**kwargs) with kwargs a literal dict(...) or {...}: its keys are keywords
                    // of the call (not in place: a fix cannot edit them as setup() arguments)
                    int end = tokens.get(pos - 1).end();
                    unpacked.forEach((k, v) -> into.putIfAbsent(k, new SetupPy.Keyword(k, v, false, v.line(), t.start(), end)));
                }
            } else {
                skipExpression();
            }
            if (peek().text().equals(",")) {
                pos++;
            } else if (!peek().text().equals(")")) {
                pos++; // unexpected token: keep going rather than give up on the whole call
            }
        }
        if (peek().text().equals(")")) {
            pos++;
        }
    }

    private static boolean isLiteral(PyValue v) {
        if (v instanceof PyValue.Seq s) {
            return s.items().stream().allMatch(SetupPyParser::isLiteral);
        }
        return v instanceof PyValue.Str || v instanceof PyValue.Num || v instanceof PyValue.Const;
    }

    // ---------------------------------------------------------------- expressions

    private PyValue expression() {
        Token first = peek();
        int startPos = pos;
        PyValue v = sum();
        if (peek().type() == T.NAME && peek().text().equals("for")) {
            return v; // the caller sees "for" and treats the brackets as a comprehension
        }
        if (!atTerminator()) {
            // something this reader does not evaluate (operators, conditionals, generators)
            pos = startPos;
            skipExpression();
            return unknown(first, "expression needs execution");
        }
        return v;
    }

    private boolean atTerminator() {
        Token t = peek();
        return t.type() == T.EOF || t.type() == T.NEWLINE || (t.type() == T.OP && TERMINATORS.contains(t.text()))
                || (t.type() == T.OP && t.text().equals("="));
    }

    private PyValue sum() {
        PyValue left = atom();
        while (peek().text().equals("+") && peek().type() == T.OP) {
            Token plus = next();
            PyValue right = atom();
            left = bounded(concat(left, right, plus.line()), plus);
        }
        return left;
    }

    private PyValue concat(PyValue a, PyValue b, int line) {
        if (a instanceof PyValue.Seq x && b instanceof PyValue.Seq y && spend(x.items().size() + y.items().size())) {
            List<PyValue> items = new ArrayList<>(x.items());
            items.addAll(y.items());
            return new PyValue.Seq(items, x.line());
        }
        if (a instanceof PyValue.Str x && b instanceof PyValue.Str y && spend(x.value().length() + y.value().length())) {
            return new PyValue.Str(x.value() + y.value(), x.line());
        }
        if (copied < 0 && !(a instanceof PyValue.Unknown) && !(b instanceof PyValue.Unknown)) {
            return new PyValue.Unknown(abbreviate(describe(a) + " + " + describe(b)), "too much concatenation to follow", line);
        }
        String why = a instanceof PyValue.Unknown u ? u.reason() : b instanceof PyValue.Unknown u ? u.reason()
                : "'+' of values of different kinds";
        return new PyValue.Unknown(abbreviate(describe(a) + " + " + describe(b)), why, line);
    }

    private static String describe(PyValue v) {
        return v instanceof PyValue.Unknown u ? u.source() : v.getClass().getSimpleName().toLowerCase();
    }

    private PyValue atom() {
        Token t = peek();
        switch (t.type()) {
            case STRING -> {
                StringBuilder sb = new StringBuilder();
                boolean dynamic = false;
                while (peek().type() == T.STRING) {
                    Token s = next();
                    if (s.value() == null) {
                        dynamic = true;
                    } else {
                        sb.append(s.value());
                    }
                }
                return dynamic ? unknown(t, "f-string with substitutions") : postfix(new PyValue.Str(sb.toString(), t.line()), t);
            }
            case NUMBER -> {
                next();
                return postfix(new PyValue.Num(t.text(), t.line()), t);
            }
            case NAME -> {
                return nameAtom();
            }
            case OP -> {
                if ((t.text().equals("[") || t.text().equals("(") || t.text().equals("{")) && nesting >= MAX_NESTING) {
                    // CPython's parser stops near 200 levels too; no setup.py nests this deep on purpose
                    next();
                    skipBalancedFromInside(t.text().equals("[") ? "]" : t.text().equals("(") ? ")" : "}");
                    return unknown(t, "nested too deeply");
                }
                switch (t.text()) {
                    case "[": return postfix(sequence("]"), t);
                    case "(": return postfix(sequence(")"), t);
                    case "{": return postfix(dict(), t);
                    case "-":
                        if (peekAt(1).type() == T.NUMBER) {
                            next();
                            Token n = next();
                            return new PyValue.Num("-" + n.text(), t.line());
                        }
                        break;
                    default:
                        break;
                }
                skipExpression();
                return unknown(t, "expression needs execution");
            }
            default -> {
                return unknown(t, "missing value");
            }
        }
    }

    private PyValue nameAtom() {
        Token t = next();
        switch (t.text()) {
            case "True", "False", "None" -> {
                return postfix(new PyValue.Const(t.text(), t.line()), t);
            }
            case "lambda", "not", "await", "yield" -> {
                pos--;
                skipExpression();
                return unknown(t, "expression needs execution");
            }
            default -> { }
        }
        StringBuilder dotted = new StringBuilder(t.text());
        while (peek().text().equals(".") && peekAt(1).type() == T.NAME) {
            next();
            dotted.append('.').append(next().text());
        }
        if (peek().text().equals("(") && nesting >= MAX_NESTING) {
            next();
            skipBalancedFromInside(")");
            return unknown(t, "nested too deeply");
        }
        if (peek().text().equals("(")) {
            nesting++;
            try {
                return call(t, dotted.toString());
            } finally {
                nesting--;
            }
        }
        String name = dotted.toString();
        PyValue known = variables.get(name);
        PyValue v = known != null ? known
                : new PyValue.Unknown(abbreviate(name), "'" + abbreviate(name) + "' is not a module-level literal", t.line());
        return postfix(v, t);
    }

    /** With pos at the "(" after a callee: the call with its arguments (and what follows it). */
    private PyValue call(Token t, String callee) {
        next();
        List<PyValue> args = new ArrayList<>();
        Map<String, PyValue> kwargs = new LinkedHashMap<>();
        while (peek().type() != T.EOF && !peek().text().equals(")")) {
            Token a = peek();
            if (a.type() == T.NAME && peekAt(1).text().equals("=")) {
                pos += 2;
                kwargs.put(a.text(), expression());
            } else if (a.text().equals("*") || a.text().equals("**")) {
                next();
                skipExpression();
                kwargs.put(a.text(), unknown(a, "unpacked arguments"));
            } else {
                PyValue v = expression();
                if (peek().type() == T.NAME && peek().text().equals("for")) {
                    skipExpression();
                    v = unknown(a, "generator expression");
                }
                args.add(v);
            }
            if (peek().text().equals(",")) {
                next();
            } else if (!peek().text().equals(")")) {
                skipExpression();
                if (!peek().text().equals(")") && !peek().text().equals(",")) {
                    break;
                }
            }
        }
        if (peek().text().equals(")")) {
            next();
        }
        PyValue call = new PyValue.Call(callee, args, kwargs, t.line());
        return postfix(call, t);
    }

    /** Attribute access, calls and subscripts on a value make it run-time only. */
    private PyValue postfix(PyValue v, Token start) {
        if (peek().text().equals(".") || peek().text().equals("[") || peek().text().equals("(")) {
            while (peek().text().equals(".") || peek().text().equals("[") || peek().text().equals("(")) {
                Token op = next();
                if (op.text().equals(".")) {
                    next();
                } else {
                    skipBalanced(op.text().equals("[") ? "]" : ")");
                }
            }
            return unknown(start, "value computed by a method call or subscript");
        }
        return v;
    }

    private PyValue sequence(String close) {
        nesting++;
        try {
            return sequenceBody(close);
        } finally {
            nesting--;
        }
    }

    private PyValue sequenceBody(String close) {
        int openPos = pos;
        Token open = next();
        List<PyValue> items = new ArrayList<>();
        while (peek().type() != T.EOF && !peek().text().equals(close)) {
            if (peek().type() == T.OP && peek().text().equals("*")) {
                // [*a, "x"]: a literal list spliced in; anything else is one unknown item among known ones
                Token star = next();
                PyValue inner = expression();
                if (inner instanceof PyValue.Seq spliced) {
                    items.addAll(spliced.items());
                } else {
                    items.add(new PyValue.Unknown(abbreviate("*" + (inner instanceof PyValue.Unknown u ? u.source() : describe(inner))),
                            "unpacked " + (inner instanceof PyValue.Unknown u ? u.reason() : "value"), star.line()));
                }
            } else {
                PyValue v = expression();
                if (peek().type() == T.NAME && peek().text().equals("for")) {
                    pos = openPos + 1;
                    skipBalancedFromInside(close);
                    return unknown(open, "comprehension");
                }
                items.add(v);
            }
            if (peek().text().equals(",")) {
                next();
            } else if (!peek().text().equals(close)) {
                pos = openPos + 1;
                skipBalancedFromInside(close);
                return unknown(open, "expression needs execution");
            }
        }
        if (peek().text().equals(close)) {
            next();
        }
        return new PyValue.Seq(items, open.line());
    }

    private PyValue dict() {
        nesting++;
        try {
            return dictBody();
        } finally {
            nesting--;
        }
    }

    private PyValue dictBody() {
        int openPos = pos;
        Token open = next();
        Map<String, PyValue> entries = new LinkedHashMap<>();
        while (peek().type() != T.EOF && !peek().text().equals("}")) {
            PyValue key = expression();
            if (!peek().text().equals(":")) {
                pos = openPos + 1;
                skipBalancedFromInside("}");
                return unknown(open, "set or dict comprehension");
            }
            next();
            PyValue value = expression();
            if (key instanceof PyValue.Str s) {
                entries.put(s.value(), value);
            }
            if (peek().text().equals(",")) {
                next();
            } else if (!peek().text().equals("}")) {
                pos = openPos + 1;
                skipBalancedFromInside("}");
                return unknown(open, "dict comprehension");
            }
        }
        if (peek().text().equals("}")) {
            next();
        }
        return new PyValue.Dict(entries, open.line());
    }

    private PyValue.Unknown unknown(Token start, String reason) {
        int end = pos > 0 ? tokens.get(Math.max(pos - 1, 0)).end() : start.end();
        return new PyValue.Unknown(source(start.start(), Math.max(end, start.end())), reason, start.line());
    }

    /**
     * The source between two offsets, whitespace runs collapsed to one space, cut to 80 characters:
     * read only as far as the excerpt needs (a nested unknown value spans much of the file).
     */
    private String source(int start, int end) {
        int to = Math.min(Math.max(end, start), text.length());
        StringBuilder sb = new StringBuilder();
        boolean gap = false;
        for (int i = start; i < to && sb.length() <= 80; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                gap = true;
                continue;
            }
            if (gap && sb.length() > 0) {
                sb.append(' ');
            }
            gap = false;
            sb.append(c);
        }
        return abbreviate(sb.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /** Values kept for a variable or a keyword are bounded; a larger or deeper one is unknown. */
    private static final int MAX_VALUE_SIZE = 1 << 20;
    private final java.util.IdentityHashMap<PyValue, int[]> measured = new java.util.IdentityHashMap<>();

    /**
     * Characters and items copied by concatenations and changes of values, for the whole file:
     * each {@code x += [1]} copies the list, so 100,000 of them would copy 5 billion items; 4 million is more than any real file needs.
     */
    private long copied = 1L << 22;

    private boolean spend(long units) {
        copied -= units;
        return copied >= 0;
    }

    private void store(String name, PyValue v, Token at) {
        variables.put(name, bounded(v, at));
    }

    /**
     * {@code v}, or an unknown value when it is larger (characters and items, a variable counted
     * each time it is used) or deeper than a setup.py writes: {@code x += x} doubles a value,
     * {@code x = [x]} deepens it, and what reads it later must not pay for that (issue #22).
     */
    private PyValue bounded(PyValue v, Token at) {
        int[] m = measure(v);
        if (m[0] <= MAX_VALUE_SIZE && m[1] <= MAX_NESTING) {
            return v;
        }
        return new PyValue.Unknown(v instanceof PyValue.Unknown u ? u.source() : abbreviate(at.text()),
                m[1] > MAX_NESTING ? "nested too deeply" : "too large a value", at.line());
    }

    /** {size, depth} of a value, each saturated; shared parts are measured once. */
    private int[] measure(PyValue v) {
        int[] known = measured.get(v);
        if (known != null) {
            return known;
        }
        long size = 1;
        int depth = 1;
        List<PyValue> children = List.of();
        if (v instanceof PyValue.Str s) {
            size += s.value().length();
        } else if (v instanceof PyValue.Seq q) {
            children = q.items();
        } else if (v instanceof PyValue.Dict d) {
            children = new ArrayList<>(d.entries().values());
            size += d.entries().keySet().stream().mapToLong(String::length).sum();
        } else if (v instanceof PyValue.Call c) {
            children = new ArrayList<>(c.args());
            children.addAll(c.kwargs().values());
        }
        for (PyValue c : children) {
            int[] cm = measure(c);
            size += cm[0];
            depth = Math.max(depth, cm[1] + 1);
        }
        int[] m = {(int) Math.min(size, Integer.MAX_VALUE), depth};
        measured.put(v, m);
        return m;
    }

    /** Skips to the next ",", ")", "]", "}" or ":" at bracket depth 0 (or end of logical line). */
    private void skipExpression() {
        int depth = 0;
        while (peek().type() != T.EOF) {
            Token t = peek();
            if (depth == 0 && (t.type() == T.NEWLINE || (t.type() == T.OP && TERMINATORS.contains(t.text())))) {
                return;
            }
            if (t.type() == T.OP && (t.text().equals("(") || t.text().equals("[") || t.text().equals("{"))) {
                depth++;
            } else if (t.type() == T.OP && (t.text().equals(")") || t.text().equals("]") || t.text().equals("}"))) {
                depth--;
            }
            pos++;
        }
    }

    private void skipBalanced(String close) {
        skipBalancedFromInside(close);
    }

    /** With pos just after an opening bracket, moves past its matching close. */
    private void skipBalancedFromInside(String close) {
        int depth = 1;
        while (peek().type() != T.EOF) {
            Token t = next();
            if (t.type() != T.OP) {
                continue;
            }
            if (t.text().equals("(") || t.text().equals("[") || t.text().equals("{")) {
                depth++;
            } else if (t.text().equals(")") || t.text().equals("]") || t.text().equals("}")) {
                depth--;
                if (depth == 0) {
                    return;
                }
            }
        }
    }

    private Token peek() {
        return tokens.get(Math.min(pos, tokens.size() - 1));
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = peek();
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    // ---------------------------------------------------------------- tokenizer

    private static final String[] OPS3 = {"**=", "//=", ">>=", "<<=", "..."};
    private static final String[] OPS2 = {"**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "->", ":=", "<<", ">>", "@="};

    /** Python's lexical structure, enough to find statements, strings and brackets. */
    static List<Token> tokenize(String src) throws SyntaxProblem {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        int depth = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                if (depth == 0 && !out.isEmpty() && out.get(out.size() - 1).type() != T.NEWLINE) {
                    out.add(new Token(T.NEWLINE, "\n", null, line, i - lineStart, i, i + 1));
                }
                i++;
                line++;
                lineStart = i;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n && (src.charAt(i + 1) == '\n' || src.charAt(i + 1) == '\r')) {
                i += src.charAt(i + 1) == '\r' && i + 2 < n && src.charAt(i + 2) == '\n' ? 3 : 2;
                line++;
                lineStart = i;
                continue;
            }
            if (c == '#') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == 0 || (Character.isISOControl(c) && c != '\t') || c == '\uFFFD') {
                throw new SyntaxProblem("binary data (character U+" + String.format("%04X", (int) c)
                        + ") where Python source was expected", line);
            }
            int col = i - lineStart;
            int start = i;
            // string, possibly with a prefix such as r, b, f, rb
            int q = i;
            while (q < n && q - i < 2 && "rRbBuUfF".indexOf(src.charAt(q)) >= 0) {
                q++;
            }
            if (q < n && (src.charAt(q) == '\'' || src.charAt(q) == '"')) {
                String prefix = src.substring(i, q).toLowerCase();
                char quote = src.charAt(q);
                boolean triple = q + 2 < n && src.charAt(q + 1) == quote && src.charAt(q + 2) == quote;
                int bodyStart = q + (triple ? 3 : 1);
                int j = bodyStart;
                int startLine = line;
                StringBuilder body = new StringBuilder();
                boolean raw = prefix.contains("r");
                while (true) {
                    if (j >= n) {
                        throw new SyntaxProblem("unterminated string", startLine);
                    }
                    char d = src.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        char e = src.charAt(j + 1);
                        if (e == '\n') {
                            line++;
                            lineStart = j + 2;
                        }
                        if (raw) {
                            body.append(d).append(e);
                        } else {
                            body.append(switch (e) {
                                case 'n' -> "\n";
                                case 't' -> "\t";
                                case '\\' -> "\\";
                                case '\'' -> "'";
                                case '"' -> "\"";
                                case '\n' -> "";
                                default -> "\\" + e;
                            });
                        }
                        j += 2;
                        continue;
                    }
                    if (d == '\n') {
                        if (!triple) {
                            throw new SyntaxProblem("unterminated string", startLine);
                        }
                        line++;
                        lineStart = j + 1;
                    }
                    if (d == quote && (!triple || (j + 2 < n && src.charAt(j + 1) == quote && src.charAt(j + 2) == quote))) {
                        j += triple ? 3 : 1;
                        break;
                    }
                    body.append(d);
                    j++;
                }
                String value = prefix.contains("f") && body.indexOf("{") >= 0 ? null : body.toString();
                out.add(new Token(T.STRING, src.substring(start, j), value, startLine, col, start, j));
                i = j;
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(T.NAME, src.substring(i, j), null, line, col, i, j));
                i = j;
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '.' || src.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(T.NUMBER, src.substring(i, j), null, line, col, i, j));
                i = j;
                continue;
            }
            String op = null;
            for (String o : OPS3) {
                if (src.startsWith(o, i)) {
                    op = o;
                    break;
                }
            }
            if (op == null) {
                for (String o : OPS2) {
                    if (src.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
            }
            if (op == null) {
                if ("()[]{},:.;@=+-*/%&|^~<>!".indexOf(c) < 0) {
                    throw new SyntaxProblem("unexpected character '" + c + "'", line);
                }
                op = String.valueOf(c);
            }
            if (op.equals("(") || op.equals("[") || op.equals("{")) {
                depth++;
            } else if ((op.equals(")") || op.equals("]") || op.equals("}")) && depth > 0) {
                depth--;
            }
            out.add(new Token(T.OP, op, null, line, col, i, i + op.length()));
            i += op.length();
        }
        out.add(new Token(T.EOF, "", null, line, 0, n, n));
        return out;
    }
}
