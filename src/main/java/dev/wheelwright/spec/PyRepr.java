package dev.wheelwright.spec;

/**
 * Quotes a string the way Python's {@code repr()} does, so that error messages quote the input
 * exactly like pypa/packaging ({@code Invalid version: 'x'}).
 */
final class PyRepr {
    private PyRepr() {}

    static String of(String s) {
        // Python picks single quotes unless the text has a single quote and no double quote.
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (cp == quote) {
                        b.append('\\').append((char) cp);
                    } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0)) {
                        b.append(String.format("\\x%02x", cp));
                    } else if (Character.getType(cp) == Character.UNASSIGNED
                            || Character.getType(cp) == Character.SURROGATE
                            || Character.getType(cp) == Character.LINE_SEPARATOR
                            || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                        b.append(cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        }
        return b.append(quote).toString();
    }
}
