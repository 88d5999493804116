package dev.wheelwright.spec;

/**
 * Decodes the body of a Python string literal (the quoted values of PEP 508 markers, which
 * packaging reads with {@code ast.literal_eval}): backslash escapes as in the Python language
 * reference, "String and Bytes literals"; unknown escapes keep their backslash.
 */
final class PyLiteral {
    private PyLiteral() {}

    static String decode(String body, String source, int position) throws Pep508Parser.SyntaxError {
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i + 1 >= body.length()) {
                // The closing quote was escaped: Python sees an unterminated string.
                throw bad(source, position, "unterminated");
            }
            char n = body.charAt(++i);
            switch (n) {
                case '\n' -> { } // line continuation
                case '\\' -> b.append('\\');
                case '\'' -> b.append('\'');
                case '"' -> b.append('"');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'v' -> b.append('\u000b');
                case 'x', 'u', 'U' -> {
                    int len = n == 'x' ? 2 : n == 'u' ? 4 : 8;
                    String hex = body.substring(i + 1, Math.min(body.length(), i + 1 + len));
                    if (hex.length() != len || !hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                        throw bad(source, position, "truncated \\" + n + " escape");
                    }
                    int cp = Integer.parseInt(hex, 16);
                    if (!Character.isValidCodePoint(cp)) {
                        throw bad(source, position, "illegal Unicode character");
                    }
                    b.appendCodePoint(cp);
                    i += len;
                }
                case 'N' -> {
                    int close = body.indexOf('}', i);
                    if (i + 1 >= body.length() || body.charAt(i + 1) != '{' || close < 0) {
                        throw bad(source, position, "malformed \\N character escape");
                    }
                    try {
                        b.appendCodePoint(Character.codePointOf(body.substring(i + 2, close)));
                    } catch (IllegalArgumentException e) {
                        throw bad(source, position, "unknown Unicode character name");
                    }
                    i = close;
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int end = i;
                        while (end < body.length() && end < i + 3 && body.charAt(end) >= '0' && body.charAt(end) <= '7') {
                            end++;
                        }
                        b.appendCodePoint(Integer.parseInt(body.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        b.append('\\').append(n);
                    }
                }
            }
        }
        return b.toString();
    }

    private static Pep508Parser.SyntaxError bad(String source, int position, String what) {
        return new Pep508Parser.SyntaxError("Invalid string literal (" + what + ")", source, position, position);
    }
}
