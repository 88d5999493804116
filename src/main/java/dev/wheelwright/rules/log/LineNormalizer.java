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
 *       {@code ##[group]}-style workflow markers;</li>
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
        s = strip(GHA_TIMESTAMP, s);
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
