package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEP 508 dependency-specifier grammar, parsed the way pypa/packaging's hand-written parser
 * does (same tokens, same order of attempts, same error messages and positions).
 */
final class Pep508Parser {

    /** A syntax error: packaging's message and the span of the source it points at. */
    static final class SyntaxError extends Exception {
        final String message;
        final String source;
        final int start;
        final int end;

        SyntaxError(String message, String source, int start, int end) {
            super(message, null, false, false);
            this.message = message;
            this.source = source;
            this.start = start;
            this.end = end;
        }

        /** packaging's three-line form: message, source, and a caret under the span. */
        String detail() {
            return message + "\n    " + source + "\n    " + " ".repeat(start) + "~".repeat(Math.max(0, end - start)) + "^";
        }

        /** One line: message, quoted source and the column (1-based) where the problem is. */
        String oneLine() {
            return message + ": " + excerpt(source, start) + " at column " + (start + 1);
        }
    }

    /** A marker comparison: {@code lhs op rhs}; each side is a variable or a string value. */
    record Item(boolean lhsVariable, String lhs, String op, boolean rhsVariable, String rhs) {
        String serialize() {
            return side(lhsVariable, lhs) + " " + op + " " + side(rhsVariable, rhs);
        }

        private static String side(boolean variable, String value) {
            return variable ? value : "\"" + value + "\"";
        }
    }

    record ParsedRequirement(String name, String url, List<String> extras, String specifier, List<Object> marker) {}

    private static final int U = Pattern.UNICODE_CHARACTER_CLASS;
    private static final Map<String, Pattern> RULES = Map.ofEntries(
            Map.entry("LEFT_PARENTHESIS", Pattern.compile("\\(")),
            Map.entry("RIGHT_PARENTHESIS", Pattern.compile("\\)")),
            Map.entry("LEFT_BRACKET", Pattern.compile("\\[")),
            Map.entry("RIGHT_BRACKET", Pattern.compile("\\]")),
            Map.entry("SEMICOLON", Pattern.compile(";")),
            Map.entry("COMMA", Pattern.compile(",")),
            Map.entry("QUOTED_STRING", Pattern.compile("('[^']*')|(\"[^\"]*\")")),
            Map.entry("OP", Pattern.compile("(===|==|~=|!=|<=|>=|<|>)")),
            Map.entry("BOOLOP", Pattern.compile("\\b(or|and)\\b", U)),
            Map.entry("IN", Pattern.compile("\\bin\\b", U)),
            Map.entry("NOT", Pattern.compile("\\bnot\\b", U)),
            Map.entry("VARIABLE", Pattern.compile("\\b(python_version|python_full_version|os[._]name|sys[._]platform"
                    + "|platform_(release|system)|platform[._](version|machine|python_implementation)"
                    + "|python_implementation|implementation_(name|version)|extras?|dependency_groups)\\b", U)),
            Map.entry("SPECIFIER", Pattern.compile(specifierBody(), Pattern.CASE_INSENSITIVE)),
            Map.entry("AT", Pattern.compile("@")),
            Map.entry("URL", Pattern.compile("[^ \\t]+")),
            Map.entry("IDENTIFIER", Pattern.compile("\\b[a-zA-Z0-9][a-zA-Z0-9._-]*\\b", U)),
            Map.entry("VERSION_PREFIX_TRAIL", Pattern.compile("\\.\\*")),
            Map.entry("VERSION_LOCAL_LABEL_TRAIL", Pattern.compile("\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*+")),
            Map.entry("WS", Pattern.compile("[ \\t]+")),
            Map.entry("END", Pattern.compile("$")));

    /** The specifier grammar of {@link Specifier} without the surrounding whitespace. */
    private static String specifierBody() {
        return Specifier.grammarBody();
    }

    /** Inputs whose quoted form is longer are quoted by an excerpt in messages. */
    private static final int QUOTE = 120;
    /** Parentheses in a marker nest at most this deep (packaging's parser meets Python's recursion limit near 300). */
    static final int MAX_DEPTH = 200;

    /** The input as packaging quotes it, or for a long one an excerpt, with the length. */
    static String excerpt(String s) {
        return excerpt(s, 0);
    }

    /**
     * As {@link #excerpt(String)}, the excerpt of a long input around {@code at}; long counts the
     * quoted form, where a control character takes four characters or more.
     */
    static String excerpt(String s, int at) {
        String whole = Py.repr(s);
        if (whole.length() <= QUOTE) {
            return whole;
        }
        int from = Math.max(0, Math.min(at - 20, s.length() - 60));
        int to = Math.min(s.length(), from + 60);
        String part = Py.repr(s.substring(from, to));
        while (part.length() > QUOTE && to - from > 8) {
            to = from + (to - from) / 2;
            part = Py.repr(s.substring(from, to));
        }
        return (from > 0 ? "..." : "") + part + (to < s.length() ? "..." : "") + " (" + s.length() + " characters)";
    }

    private final String source;
    private int position;
    private int depth;
    private String nextName;
    private String nextText;

    private Pep508Parser(String source) {
        this.source = source;
    }

    static ParsedRequirement parseRequirement(String source) throws SyntaxError {
        return new Pep508Parser(source).requirement();
    }

    static List<Object> parseMarker(String source) throws SyntaxError {
        Pep508Parser p = new Pep508Parser(source);
        List<Object> m = p.marker();
        p.expect("END", "end of marker expression");
        return m;
    }

    // ---------------------------------------------------------------- tokenizer

    private boolean check(String name, boolean peek) {
        if (nextName != null) {
            throw new IllegalStateException("Cannot check for " + name + ", already have " + nextName);
        }
        Matcher m = RULES.get(name).matcher(source);
        m.region(position, source.length());
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        if (!m.lookingAt()) {
            return false;
        }
        if (!peek) {
            nextName = name;
            nextText = m.group();
        }
        return true;
    }

    private boolean check(String name) {
        return check(name, false);
    }

    private void consume(String name) {
        if (check(name)) {
            read();
        }
    }

    private String read() {
        String t = nextText;
        position += t.length();
        nextName = null;
        nextText = null;
        return t;
    }

    private String expect(String name, String expected) throws SyntaxError {
        if (!check(name)) {
            throw error("Expected " + expected, position, position);
        }
        return read();
    }

    private SyntaxError error(String message, int start, int end) {
        return new SyntaxError(message, source, start, end);
    }

    /** packaging {@code enclosing_tokens}: the body, then the closing token if the opening one was there. */
    private interface Body {
        void run() throws SyntaxError;
    }

    private void enclosing(String open, String close, String around, Body body) throws SyntaxError {
        int openPosition = -1;
        if (check(open)) {
            openPosition = position;
            read();
        }
        body.run();
        if (openPosition < 0) {
            return;
        }
        if (!check(close)) {
            throw error("Expected matching " + close + " for " + open + ", after " + around, openPosition, position);
        }
        read();
    }

    // ---------------------------------------------------------------- requirement

    private ParsedRequirement requirement() throws SyntaxError {
        consume("WS");
        String name = expect("IDENTIFIER", "package name at the start of dependency specifier");
        consume("WS");
        List<String> extras = extras();
        consume("WS");
        String url = "";
        String specifier = "";
        List<Object> marker = null;
        if (check("AT")) {
            read();
            consume("WS");
            int urlStart = position;
            url = expect("URL", "URL after @");
            if (!check("END", true)) {
                expect("WS", "whitespace after URL");
                if (!check("END", true)) {
                    marker = requirementMarker(urlStart, "semicolon (after URL and whitespace)");
                }
            }
        } else {
            int specifierStart = position;
            specifier = specifier();
            consume("WS");
            if (!check("END", true)) {
                marker = requirementMarker(specifierStart, specifier.isEmpty()
                        ? "semicolon (after name with no version specifier)"
                        : "comma (within version specifier), semicolon (after version specifier)");
            }
        }
        expect("END", "end of dependency specifier");
        return new ParsedRequirement(name, url, extras, specifier, marker);
    }

    private List<Object> requirementMarker(int spanStart, String expected) throws SyntaxError {
        if (!check("SEMICOLON")) {
            throw error("Expected " + expected + " or end", spanStart, position);
        }
        read();
        List<Object> marker = marker();
        consume("WS");
        return marker;
    }

    private List<String> extras() throws SyntaxError {
        List<String> extras = new ArrayList<>();
        if (!check("LEFT_BRACKET", true)) {
            return extras;
        }
        enclosing("LEFT_BRACKET", "RIGHT_BRACKET", "extras", () -> {
            consume("WS");
            extrasList(extras);
            consume("WS");
        });
        return extras;
    }

    private void extrasList(List<String> extras) throws SyntaxError {
        if (!check("IDENTIFIER")) {
            return;
        }
        extras.add(read());
        while (true) {
            consume("WS");
            if (check("IDENTIFIER", true)) {
                throw error("Expected comma between extra names", position, position);
            } else if (!check("COMMA")) {
                break;
            }
            read();
            consume("WS");
            extras.add(expect("IDENTIFIER", "extra name after comma"));
        }
    }

    private String specifier() throws SyntaxError {
        StringBuilder out = new StringBuilder();
        enclosing("LEFT_PARENTHESIS", "RIGHT_PARENTHESIS", "version specifier", () -> {
            consume("WS");
            out.append(versionMany());
            consume("WS");
        });
        return out.toString();
    }

    private String versionMany() throws SyntaxError {
        StringBuilder parsed = new StringBuilder();
        while (check("SPECIFIER")) {
            int spanStart = position;
            parsed.append(read());
            if (check("VERSION_PREFIX_TRAIL", true)) {
                throw error(".* suffix can only be used with `==` or `!=` operators", spanStart, position + 1);
            }
            if (check("VERSION_LOCAL_LABEL_TRAIL", true)) {
                throw error("Local version label can only be used with `==` or `!=` operators", spanStart, position);
            }
            consume("WS");
            if (!check("COMMA")) {
                break;
            }
            parsed.append(read());
            consume("WS");
        }
        return parsed.toString();
    }

    // ---------------------------------------------------------------- marker

    private List<Object> marker() throws SyntaxError {
        List<Object> expression = new ArrayList<>();
        expression.add(markerAtom());
        while (check("BOOLOP")) {
            String op = read();
            Object right = markerAtom();
            expression.add(op);
            expression.add(right);
        }
        return expression;
    }

    private Object markerAtom() throws SyntaxError {
        consume("WS");
        Object[] result = new Object[1];
        if (check("LEFT_PARENTHESIS", true)) {
            if (depth >= MAX_DEPTH) {
                throw error("Marker nested too deeply (more than " + MAX_DEPTH + " parentheses)", position, position);
            }
            depth++;
            enclosing("LEFT_PARENTHESIS", "RIGHT_PARENTHESIS", "marker expression", () -> {
                consume("WS");
                result[0] = marker();
                consume("WS");
            });
            depth--;
        } else {
            result[0] = markerItem();
        }
        consume("WS");
        return result[0];
    }

    private Item markerItem() throws SyntaxError {
        consume("WS");
        String[] left = markerVar();
        consume("WS");
        String op = markerOp();
        consume("WS");
        String[] right = markerVar();
        consume("WS");
        return new Item(left[0] != null, left[1], op, right[0] != null, right[1]);
    }

    /** {variableFlag (non-null for a variable), value}. */
    private String[] markerVar() throws SyntaxError {
        if (check("VARIABLE")) {
            String v = read().replace('.', '_');
            if (v.equals("python_implementation")) {
                v = "platform_python_implementation"; // packaging: an alias of the PEP 508 name
            }
            return new String[] {"var", v};
        } else if (check("QUOTED_STRING")) {
            int start = position;
            String text = read();
            return new String[] {null, PyLiteral.decode(text.substring(1, text.length() - 1), source, start)};
        }
        throw error("Expected a marker variable or quoted string", position, position);
    }

    private String markerOp() throws SyntaxError {
        if (check("IN")) {
            read();
            return "in";
        } else if (check("NOT")) {
            read();
            expect("WS", "whitespace after 'not'");
            expect("IN", "'in' after 'not'");
            return "not in";
        } else if (check("OP")) {
            return read();
        }
        throw error("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", position, position);
    }
}
