package dev.wheelwright.rules.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one raw log line into the text a person reads, so that rule patterns are written once
 * against what pip or the compiler printed, whatever the log went through on its way:
 * <ul>
 *   <li>ANSI escape sequences (colours, cursor moves, OSC hyperlinks) are removed;</li>
 *   <li>a carriage return inside a line keeps what a terminal would show: the text after the
 *       last one (progress bars, GitLab's {@code \r\e[0K} section headers);</li>
 *   <li>GitHub Actions' per-line timestamps ({@code 2024-01-02T03:04:05.1234567Z }) and its
 *       {@code ##[group]}-style workflow markers; GitLab's timestamps with their stream marker
 *       ({@code 2024-05-21T10:41:37.581325Z 00O }, {@code 01E+}); Jenkins' bracketed ones
 *       ({@code [2024-01-02T03:04:05.123Z] });</li>
 *   <li>GitLab's {@code section_start:TIME:NAME} / {@code section_end:} markers;</li>
 *   <li>BuildKit's step prefixes ({@code #12 3.456 });</li>
 *   <li>Markdown quoting ({@code > }), for logs pasted into issues.</li>
 * </ul>
 * Line splitting (LF, CRLF, CR-only files) and decoding are the scanner's job; this works on one
 * decoded line and never changes line numbers.
 */
public final class LineNormalizer {
    private LineNormalizer() {}

    // ECMA-48: CSI = ESC [ params intermediates final; OSC = ESC ] ... (BEL | ESC \); other 2-char escapes
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[@-Z\\\\-_]|\u009B[0-?]*[ -/]*[@-~]");
    private static final Pattern GHA_TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z ?");
    private static final Pattern GHA_MARKER = Pattern.compile("^##\\[(?:group|endgroup|error|warning|notice|debug|section|command)]");
    private static final Pattern GITLAB_SECTION = Pattern.compile("^section_(?:start|end):\\d+:[A-Za-z0-9_.-]+(?:\\[[^\\]]*])?");
    private static final Pattern GITLAB_STREAM = Pattern.compile("^\\d{2}[OE](?:\\+ ?| )");
    private static final Pattern BRACKET_TIMESTAMP = Pattern.compile("^\\[\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z] ?");
    private static final Pattern BUILDKIT = Pattern.compile("^#\\d+ \\d+\\.\\d+ ");
    private static final Pattern QUOTE = Pattern.compile("^(?:> ?)+");

    public static String normalize(String raw) {
        String s = raw;
        if (s.indexOf('\r') >= 0) {
            s = afterLastCarriageReturn(s);
        }
        if (s.indexOf('\u001B') >= 0 || s.indexOf('\u009B') >= 0) {
            s = ANSI.matcher(s).replaceAll("");
        }
        if (s.isEmpty()) {
            return s;
        }
        // prefixes nest in this order: a docker build inside a GitHub job shows "TIMESTAMP #5 1.234 text"
        if (s.length() > 20 && s.charAt(4) == '-' && s.charAt(10) == 'T') {
            String t = strip(GHA_TIMESTAMP, s);
            s = t.length() < s.length() ? strip(GITLAB_STREAM, t) : t;
        } else if (s.length() > 22 && s.charAt(0) == '[' && s.charAt(5) == '-' && s.charAt(11) == 'T') {
            s = strip(BRACKET_TIMESTAMP, s);
        }
        char c = s.isEmpty() ? 0 : s.charAt(0);
        if (c == '#') {
            s = strip(GHA_MARKER, s);
            s = strip(BUILDKIT, s);
        } else if (c == 's') {
            s = strip(GITLAB_SECTION, s);
        } else if (c == '>') {
            s = strip(QUOTE, s);
        }
        return s;
    }

    /**
     * For a raw UTF-8 line without escapes (ESC, C1 CSI) or carriage returns, which
     * normalisation changes only by dropping a prefix: where the text that
     * {@link #normalize} keeps begins, i.e. after the same prefixes, matched on bytes (all of
     * them are ASCII, so a byte offset is a character boundary).
     *
     * <p>No byte a prefix is made of is a line feed or a carriage return, and every step stops
     * at the first byte that does not fit: so with {@code to} past the line's end (the end of
     * the buffer) the answer is the same as with {@code to} at the line's end, and the scanner
     * can strip a line's prefix before it knows where the line ends.
     */
    public static int prefixEnd(byte[] b, int from, int to) {
        int p = from;
        // (normalize asks for a line longer than the bare timestamp: here the byte after it is in the line)
        if (to - from > 20 && b[from + 4] == '-' && b[from + 10] == 'T' && inLine(b[from + 20])) {
            p = timestampEnd(b, from, to);
            if (p > from) {
                p = gitlabStreamEnd(b, p, to);
            }
        } else if (to - from > 22 && b[from] == '[' && b[from + 5] == '-' && b[from + 11] == 'T' && inLine(b[from + 22])) {
            p = bracketTimestampEnd(b, from, to);
        }
        if (p >= to) {
            return p;
        }
        byte c = b[p];
        if (c == '#') {
            p = markerEnd(b, p, to);
            p = buildkitEnd(b, p, to);
        } else if (c == 's') {
            p = sectionEnd(b, p, to);
        } else if (c == '>') {
            while (p < to && b[p] == '>') {
                p++;
                if (p < to && b[p] == ' ') {
                    p++;
                }
            }
        }
        return p;
    }

    private static boolean inLine(byte x) {
        return x != '\n' && x != '\r';
    }

    // ^\d{2}[OE](?:\+ ?| ) after a timestamp (GitLab: stream number, O/E for stdout/stderr, + for a continued line)
    private static int gitlabStreamEnd(byte[] b, int from, int to) {
        int p = from;
        if (p + 2 >= to || !digit(b[p]) || !digit(b[p + 1]) || (b[p + 2] != 'O' && b[p + 2] != 'E')) {
            return from;
        }
        p += 3;
        if (p < to && b[p] == '+') {
            return p + 1 < to && b[p + 1] == ' ' ? p + 2 : p + 1;
        }
        return p < to && b[p] == ' ' ? p + 1 : from;
    }

    // dddd-dd-ddTdd:dd:dd, 0 standing for a digit (every line of a GitHub Actions log starts so)
    private static final byte[] DATE_TIME = "0000-00-00T00:00:00".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean dateTime(byte[] b, int from, int to) {
        if (to - from < DATE_TIME.length) {
            return false;
        }
        int f = from;
        if (b[f + 4] != '-' || b[f + 7] != '-' || b[f + 10] != 'T' || b[f + 13] != ':' || b[f + 16] != ':') {
            return false;
        }
        // the 14 digits in one test, without a branch each (every line of a GitHub Actions log comes here):
        // (x - '0') & 0xFF is below 10 only for a digit, and adding 246 carries into bit 8 for anything else
        int over = ((b[f] - '0') & 0xFF) + 246 | ((b[f + 1] - '0') & 0xFF) + 246 | ((b[f + 2] - '0') & 0xFF) + 246
                | ((b[f + 3] - '0') & 0xFF) + 246 | ((b[f + 5] - '0') & 0xFF) + 246 | ((b[f + 6] - '0') & 0xFF) + 246
                | ((b[f + 8] - '0') & 0xFF) + 246 | ((b[f + 9] - '0') & 0xFF) + 246 | ((b[f + 11] - '0') & 0xFF) + 246
                | ((b[f + 12] - '0') & 0xFF) + 246 | ((b[f + 14] - '0') & 0xFF) + 246 | ((b[f + 15] - '0') & 0xFF) + 246
                | ((b[f + 17] - '0') & 0xFF) + 246 | ((b[f + 18] - '0') & 0xFF) + 246;
        return (over & 0x100) == 0;
    }

    // ^\[\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z] ?
    private static int bracketTimestampEnd(byte[] b, int from, int to) {
        int p = from + 1;
        if (!dateTime(b, p, to)) {
            return from;
        }
        p += DATE_TIME.length;
        if (p < to && b[p] == '.' && p + 1 < to && digit(b[p + 1])) {
            p += 2;
            while (p < to && digit(b[p])) {
                p++;
            }
        }
        if (p + 1 >= to || b[p] != 'Z' || b[p + 1] != ']') {
            return from;
        }
        p += 2;
        return p < to && b[p] == ' ' ? p + 1 : p;
    }

    // ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z ?
    private static int timestampEnd(byte[] b, int from, int to) {
        int p = from;
        if (!dateTime(b, p, to)) {
            return from;
        }
        p += DATE_TIME.length;
        if (p < to && b[p] == '.' && p + 1 < to && digit(b[p + 1])) {
            p += 2;
            while (p < to && digit(b[p])) {
                p++;
            }
        }
        if (p >= to || b[p] != 'Z') {
            return from;
        }
        p++;
        return p < to && b[p] == ' ' ? p + 1 : p;
    }

    private static final byte[][] MARKERS = java.util.stream.Stream.of(
            "group", "endgroup", "error", "warning", "notice", "debug", "section", "command")
            .map(w -> ("##[" + w + "]").getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private static int markerEnd(byte[] b, int from, int to) {
        if (to - from < 4 || b[from + 1] != '#') {
            return from;
        }
        for (byte[] m : MARKERS) {
            if (to - from >= m.length && java.util.Arrays.equals(b, from, from + m.length, m, 0, m.length)) {
                return from + m.length;
            }
        }
        return from;
    }

    // ^#\d+ \d+\.\d+ 
    private static int buildkitEnd(byte[] b, int from, int to) {
        int p = from;
        if (p >= to || b[p] != '#') {
            return from;
        }
        p = digits(b, p + 1, to);
        if (p < 0 || p >= to || b[p] != ' ') {
            return from;
        }
        p = digits(b, p + 1, to);
        if (p < 0 || p >= to || b[p] != '.') {
            return from;
        }
        p = digits(b, p + 1, to);
        if (p < 0 || p >= to || b[p] != ' ') {
            return from;
        }
        return p + 1;
    }

    private static final byte[] SECTION_START = "section_start:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SECTION_END = "section_end:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    // ^section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]]*])?
    private static int sectionEnd(byte[] b, int from, int to) {
        int p;
        if (to - from >= SECTION_START.length && java.util.Arrays.equals(b, from, from + SECTION_START.length, SECTION_START, 0, SECTION_START.length)) {
            p = from + SECTION_START.length;
        } else if (to - from >= SECTION_END.length && java.util.Arrays.equals(b, from, from + SECTION_END.length, SECTION_END, 0, SECTION_END.length)) {
            p = from + SECTION_END.length;
        } else {
            return from;
        }
        p = digits(b, p, to);
        if (p < 0 || p >= to || b[p] != ':') {
            return from;
        }
        p++;
        int nameStart = p;
        while (p < to && (digit(b[p]) || (b[p] >= 'A' && b[p] <= 'Z') || (b[p] >= 'a' && b[p] <= 'z') || b[p] == '_' || b[p] == '.' || b[p] == '-')) {
            p++;
        }
        if (p == nameStart) {
            return from;
        }
        if (p < to && b[p] == '[') {
            int q = p + 1;
            while (q < to && b[q] != ']' && b[q] != '\n' && b[q] != '\r') {
                q++;
            }
            if (q < to && b[q] == ']') {
                p = q + 1;
            }
        }
        return p;
    }

    /** The end of a run of one or more ASCII digits at {@code from}, or -1 when there is none. */
    private static int digits(byte[] b, int from, int to) {
        int p = from;
        while (p < to && digit(b[p])) {
            p++;
        }
        return p == from ? -1 : p;
    }

    private static boolean digit(byte x) {
        return x >= '0' && x <= '9';
    }

    private static String strip(Pattern p, String s) {
        if (s.isEmpty()) {
            return s;
        }
        Matcher m = p.matcher(s);
        return m.lookingAt() ? s.substring(m.end()) : s;
    }

    private static String afterLastCarriageReturn(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\r') {
            end--;
        }
        int cr = s.lastIndexOf('\r', end - 1);
        return s.substring(cr + 1, end);
    }
}
