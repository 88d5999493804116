package dev.wheelwright.shell;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell line into words the way a POSIX shell does for the cases a wheelwright user types
 * (whitespace, {@code '...'}, {@code "..."}, backslash escapes) and expands file-name patterns
 * ({@code *}, {@code ?}, {@code [...]}) in unquoted words, so {@code inspect wheelhouse/*.whl} works
 * as it does in bash. As in bash, a pattern that matches nothing stays as typed (the command then
 * names it as a missing file), matches come sorted, and names starting with a dot only match a
 * pattern that starts with a dot.
 */
final class ShellWords {
    private ShellWords() {}

    /** One word and whether it holds a glob character outside quotes. */
    record Word(String text, String pattern) {
        boolean glob() {
            return pattern != null;
        }
    }

    /**
     * Splits {@code line}; an unclosed quote is an error.
     *
     * @throws IllegalArgumentException naming the quote that is not closed
     */
    static List<Word> split(String line) {
        List<Word> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder pattern = new StringBuilder(); // the word as a glob: quoted glob chars escaped
        boolean inWord = false;
        boolean glob = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(new Word(text.toString(), glob ? pattern.toString() : null));
                    text.setLength(0);
                    pattern.setLength(0);
                    inWord = false;
                    glob = false;
                }
                i++;
                continue;
            }
            inWord = true;
            if (c == '\'' || c == '"') {
                int end = i + 1;
                StringBuilder q = new StringBuilder();
                while (end < line.length() && line.charAt(end) != c) {
                    char d = line.charAt(end);
                    if (c == '"' && d == '\\' && end + 1 < line.length()
                            && "\"\\$`".indexOf(line.charAt(end + 1)) >= 0) {
                        d = line.charAt(++end);
                    }
                    q.append(d);
                    end++;
                }
                if (end >= line.length()) {
                    throw new IllegalArgumentException("unclosed " + (c == '"' ? "double" : "single") + " quote");
                }
                text.append(q);
                pattern.append(escapeGlob(q.toString()));
                i = end + 1;
                continue;
            }
            if (c == '\\' && i + 1 < line.length()) {
                char d = line.charAt(i + 1);
                text.append(d);
                pattern.append(escapeGlob(String.valueOf(d)));
                i += 2;
                continue;
            }
            if (c == '*' || c == '?' || c == '[') {
                glob = true;
            }
            text.append(c);
            pattern.append(c == '{' || c == '}' || c == '\\' ? "\\" + c : String.valueOf(c));
            i++;
        }
        if (inWord) {
            out.add(new Word(text.toString(), glob ? pattern.toString() : null));
        }
        return out;
    }

    private static String escapeGlob(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The words of a line with patterns expanded against the file system, relative to {@code cwd}. */
    static List<String> expand(List<Word> words, Path cwd) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            // The command word is never a pattern.
            List<String> matches = i > 0 && w.glob() ? matches(w.pattern(), cwd) : List.of();
            if (matches.isEmpty()) {
                out.add(w.text());
            } else {
                out.addAll(matches);
            }
        }
        return out;
    }

    /** Files matching a glob, one path segment at a time, sorted; empty when none. */
    static List<String> matches(String pattern, Path cwd) {
        boolean absolute = pattern.startsWith("/");
        String[] segments = (absolute ? pattern.substring(1) : pattern).split("/+");
        List<String> current = new ArrayList<>();
        current.add(absolute ? "/" : "");
        for (int s = 0; s < segments.length; s++) {
            String seg = segments[s];
            boolean last = s == segments.length - 1;
            List<String> next = new ArrayList<>();
            for (String prefix : current) {
                Path dir = prefix.isEmpty() ? cwd : cwd.resolve(prefix);
                if (!hasGlob(seg)) {
                    String literal = unescape(seg);
                    String candidate = prefix.isEmpty() ? literal : join(prefix, literal);
                    if (Files.exists(cwd.resolve(candidate)) && (last || Files.isDirectory(cwd.resolve(candidate)))) {
                        next.add(candidate);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + seg);
                List<String> found = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    for (Path p : ds) {
                        String name = p.getFileName().toString();
                        if (name.startsWith(".") && !seg.startsWith(".")) {
                            continue;
                        }
                        if (m.matches(Path.of(name)) && (last || Files.isDirectory(p))) {
                            found.add(prefix.isEmpty() ? name : join(prefix, name));
                        }
                    }
                } catch (IOException e) {
                    continue; // an unreadable folder matches nothing, as in bash
                }
                found.sort(null);
                next.addAll(found);
            }
            current = next;
            if (current.isEmpty()) {
                return List.of();
            }
        }
        return current;
    }

    private static String join(String prefix, String name) {
        return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
    }

    private static boolean hasGlob(String seg) {
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String seg) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c == '\\' && i + 1 < seg.length()) {
                c = seg.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
