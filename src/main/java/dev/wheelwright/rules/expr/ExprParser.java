package dev.wheelwright.rules.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the condition language.
 *
 * <pre>
 * or      := and ('||' and)*
 * and     := not ('&amp;&amp;' not)*
 * not     := '!' not | compare
 * compare := postfix (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | 'in' | 'matches' | 'startsWith') postfix)?
 * postfix := primary ('.' NAME ('(' args ')')?)*
 * primary := NUMBER | STRING | 'true' | 'false' | 'null' | '[' list ']' | '(' or ')'
 *          | NAME '(' args ')' | NAME
 * args    := (arg (',' arg)*)?
 * arg     := NAME '-&gt;' or | or
 * </pre>
 */
final class ExprParser {
    private final String src;
    private int pos;

    private ExprParser(String src) {
        this.src = src;
    }

    static Node parse(String src) throws ExprException {
        ExprParser p = new ExprParser(src);
        p.skipSpace();
        if (p.pos >= src.length()) {
            throw new ExprException("empty condition", 0);
        }
        Node n = p.or();
        p.skipSpace();
        if (p.pos < src.length()) {
            throw new ExprException("unexpected '" + p.peekToken() + "'", p.pos);
        }
        return n;
    }

    private Node or() throws ExprException {
        Node left = and();
        while (accept("||")) {
            int at = pos - 2;
            left = new Node.Binary("||", left, and(), at);
        }
        return left;
    }

    private Node and() throws ExprException {
        Node left = not();
        while (accept("&&")) {
            int at = pos - 2;
            left = new Node.Binary("&&", left, not(), at);
        }
        return left;
    }

    private Node not() throws ExprException {
        skipSpace();
        int at = pos;
        if (peek("!") && !peek("!=")) {
            pos++;
            return new Node.Unary("!", not(), at);
        }
        return compare();
    }

    private static final String[] COMPARE_OPS = {"==", "!=", "<=", ">=", "<", ">"};
    private static final String[] WORD_OPS = {"in", "matches", "startsWith"};

    private Node compare() throws ExprException {
        Node left = postfix();
        skipSpace();
        int at = pos;
        for (String op : COMPARE_OPS) {
            if (accept(op)) {
                return new Node.Binary(op, left, postfix(), at);
            }
        }
        for (String op : WORD_OPS) {
            if (acceptWord(op)) {
                return new Node.Binary(op, left, postfix(), at);
            }
        }
        return left;
    }

    private Node postfix() throws ExprException {
        Node n = primary();
        while (true) {
            skipSpace();
            if (!peek(".")) {
                return n;
            }
            pos++;
            skipSpace();
            int at = pos;
            String name = name("a field or method name after '.'");
            skipSpace();
            if (peek("(")) {
                pos++;
                n = new Node.Call(n, name, args(), at);
            } else {
                n = new Node.Field(n, name, at);
            }
        }
    }

    private Node primary() throws ExprException {
        skipSpace();
        int at = pos;
        if (pos >= src.length()) {
            throw new ExprException("unexpected end of condition", pos);
        }
        char c = src.charAt(pos);
        if (c == '"' || c == '\'') {
            return new Node.Literal(string(c), ExprType.STR, at);
        }
        if (asciiDigit(c)) {
            // (ASCII digits only: Double.parseDouble refuses the other scripts' digits that isDigit accepts)
            int start = pos;
            while (pos < src.length() && (asciiDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                pos++;
            }
            String num = src.substring(start, pos);
            if (num.chars().filter(ch -> ch == '.').count() > 1) {
                throw new ExprException("'" + num + "' is not a number; write version(\"" + num + "\") for a version", start);
            }
            return new Node.Literal(Double.parseDouble(num), ExprType.NUM, at);
        }
        if (c == '(') {
            pos++;
            Node n = or();
            expect(")");
            return n;
        }
        if (c == '[') {
            pos++;
            List<Node> items = new ArrayList<>();
            skipSpace();
            if (!accept("]")) {
                do {
                    items.add(or());
                } while (accept(","));
                expect("]");
            }
            return new Node.ListLit(items, at);
        }
        if (Character.isJavaIdentifierStart(c)) {
            String name = name("a name");
            switch (name) {
                case "true":
                    return new Node.Literal(Boolean.TRUE, ExprType.BOOL, at);
                case "false":
                    return new Node.Literal(Boolean.FALSE, ExprType.BOOL, at);
                case "null":
                    return new Node.Literal(null, ExprType.NULL, at);
                default:
                    break;
            }
            skipSpace();
            if (peek("(")) {
                pos++;
                return new Node.Call(null, name, args(), at);
            }
            return new Node.Name(name, at);
        }
        throw new ExprException("unexpected '" + peekToken() + "'", pos);
    }

    private List<Node> args() throws ExprException {
        List<Node> args = new ArrayList<>();
        skipSpace();
        if (accept(")")) {
            return args;
        }
        do {
            skipSpace();
            int at = pos;
            int save = pos;
            if (pos < src.length() && Character.isJavaIdentifierStart(src.charAt(pos))) {
                String param = name("a name");
                skipSpace();
                if (accept("->")) {
                    args.add(new Node.Lambda(param, or(), at));
                    continue;
                }
                pos = save;
            }
            args.add(or());
        } while (accept(","));
        expect(")");
        return args;
    }

    private String string(char quote) throws ExprException {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= src.length()) {
                    break;
                }
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case '\\', '"', '\'' -> sb.append(e);
                    default -> sb.append('\\').append(e); // kept for regular expressions: "\d+"
                }
            } else {
                sb.append(c);
            }
        }
        throw new ExprException("unterminated string", start);
    }

    private String name(String what) throws ExprException {
        int start = pos;
        if (pos < src.length() && Character.isJavaIdentifierStart(src.charAt(pos))) {
            pos++;
            while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
                pos++;
            }
            return src.substring(start, pos);
        }
        throw new ExprException("expected " + what + ", found '" + peekToken() + "'", pos);
    }

    private void expect(String token) throws ExprException {
        if (!accept(token)) {
            throw new ExprException("expected '" + token + "', found '" + peekToken() + "'", pos);
        }
    }

    private boolean accept(String token) {
        skipSpace();
        if (src.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        skipSpace();
        int end = pos + word.length();
        if (src.startsWith(word, pos) && (end >= src.length() || !Character.isJavaIdentifierPart(src.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean peek(String token) {
        return src.startsWith(token, pos);
    }

    private String peekToken() {
        if (pos >= src.length()) {
            return "end of condition";
        }
        int end = pos + 1;
        if (Character.isJavaIdentifierPart(src.charAt(pos))) {
            while (end < src.length() && Character.isJavaIdentifierPart(src.charAt(end))) {
                end++;
            }
        }
        return src.substring(pos, end);
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
