package dev.wheelwright.fix;

/** Small text surgery shared by the fixes: they edit text so that comments and layout survive. */
final class TextEdits {
    private TextEdits() {}

    static int lineStart(String text, int offset) {
        int i = text.lastIndexOf('\n', Math.max(0, offset - 1));
        return offset == 0 ? 0 : i + 1;
    }

    /** Offset just after the newline ending the line that contains offset (or text length). */
    static int lineEnd(String text, int offset) {
        int i = text.indexOf('\n', offset);
        return i < 0 ? text.length() : i + 1;
    }

    /** Offset of the start of a 1-based line. */
    static int offsetOfLine(String text, int line) {
        int off = 0;
        for (int l = 1; l < line && off >= 0; l++) {
            off = text.indexOf('\n', off) + 1;
            if (off == 0) {
                return text.length();
            }
        }
        return off;
    }

    /**
     * Removes one {@code name=value} argument of a call, with its comma, taking whole lines when
     * the argument stands on lines of its own.
     */
    static String removeArgument(String text, int start, int end) {
        int e = end;
        while (e < text.length() && (text.charAt(e) == ' ' || text.charAt(e) == '\t')) {
            e++;
        }
        boolean trailingComma = e < text.length() && text.charAt(e) == ',';
        if (trailingComma) {
            e++;
        }
        int ls = lineStart(text, start);
        boolean aloneBefore = text.substring(ls, start).isBlank();
        int le = lineEnd(text, e);
        String rest = text.substring(e, le);
        boolean aloneAfter = rest.isBlank();
        if (aloneBefore && aloneAfter && trailingComma) {
            return text.substring(0, ls) + text.substring(le);
        }
        if (trailingComma) {
            while (e < text.length() && text.charAt(e) == ' ') {
                e++;
            }
            return text.substring(0, start) + text.substring(e);
        }
        // last argument without a trailing comma: take the comma before it instead
        int s = start;
        int b = start - 1;
        while (b >= 0 && Character.isWhitespace(text.charAt(b))) {
            b--;
        }
        if (b >= 0 && text.charAt(b) == ',') {
            s = b;
        }
        return text.substring(0, s) + text.substring(end);
    }
}
