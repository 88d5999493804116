package dev.wheelwright.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code run:} step writes to {@code $GITHUB_ENV} (variables the later steps of the job
 * see), read without running the shell. Unconditional {@code echo "NAME=value" >> $GITHUB_ENV}
 * lines are known; so are those under a bash {@code if} whose test compares literals once the
 * workflow's expressions are substituted ({@code [[ -n "aarch64" ]]}, {@code [ "x" == "y" ]}).
 * A write under any other condition, loop or PowerShell block, or of a value that uses a shell
 * variable, is unknown: a run alone decides it.
 */
final class GithubEnvWrites {
    private GithubEnvWrites() {}

    /** Any name: a blob of unknown content was written. */
    static final String ANY = "*";

    /**
     * @param set     names written with a known value, with the value
     * @param unknown names written with a value (or under a condition) only a run knows; {@link #ANY} when unknown names were written
     * @param lines   the 0-based line of the run text where each name is written
     */
    record Result(Map<String, String> set, Map<String, Integer> unknown, Map<String, Integer> lines) {}

    private enum Tri { TRUE, FALSE, UNKNOWN }

    private static final class Frame {
        Tri cond;
        boolean taken;
        boolean anyUnknown;
        final boolean block; // case/for/while: unknown throughout

        Frame(Tri cond, boolean block) {
            this.cond = cond;
            this.block = block;
            note(cond);
        }

        void note(Tri c) {
            taken |= c == Tri.TRUE;
            anyUnknown |= c == Tri.UNKNOWN;
        }
    }

    private static final Pattern WRITE = Pattern.compile(">>\\s*\"?\\$\\{?(?:env:)?GITHUB_ENV\\}?\"?");
    private static final Pattern ECHO = Pattern.compile("^(?:echo|Write-Output|write-output)\\s+(?:-[neE]+\\s+)?(.*?)\\s*$");
    private static final Pattern ASSIGN = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", Pattern.DOTALL);
    private static final Pattern VAR_ONLY = Pattern.compile("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?$");
    private static final Pattern HEREDOC = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)<<(\\S+)$");
    private static final Pattern IF = Pattern.compile("^(if|elif)\\s+(.*?)\\s*(?:;\\s*then)?\\s*$");
    private static final Pattern TEST_N = Pattern.compile("^(?:\\[\\[?|test)\\s+(-[nz])\\s+(\"[^\"]*\"|'[^']*'|\\S+)\\s*(?:]]?)?$");
    private static final Pattern TEST_EQ = Pattern.compile(
            "^\\[\\[?\\s+(\"[^\"]*\"|'[^']*'|\\S+)\\s+(==|=|!=)\\s+(\"[^\"]*\"|'[^']*'|\\S+)\\s+]]?$");

    /**
     * @param run      the step's script as written
     * @param ctx      contexts for the {@code ${{ }}} expressions in it
     * @param env      the step's environment (for {@code echo "$VAR" >> $GITHUB_ENV}); a value may be {@link GhExpr#UNKNOWN}
     * @param relevant the names worth knowing (others are skipped)
     */
    static Result of(String run, GhExpr.Contexts ctx, Map<String, Object> env, Predicate<String> relevant) {
        Map<String, String> set = new LinkedHashMap<>();
        Map<String, Integer> unknown = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        if (run == null || !run.contains("GITHUB_ENV")) {
            return new Result(set, unknown, lines);
        }
        boolean pwsh = run.contains("$env:GITHUB_ENV");
        List<Frame> frames = new ArrayList<>();
        int braces = 0;
        String[] raw = run.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            Object x = GhExpr.interpolate(raw[i], ctx);
            boolean lineKnown = x instanceof String;
            String line = (lineKnown ? (String) x : raw[i]).strip();
            if (pwsh) {
                braces += count(line, '{') - count(line, '}');
            } else if (lineKnown && !line.startsWith("#")) {
                Matcher m = IF.matcher(line);
                if (m.matches() && !line.contains(">>")) {
                    Tri c = test(m.group(2));
                    if (m.group(1).equals("if")) {
                        frames.add(new Frame(c, false));
                    } else if (!frames.isEmpty()) {
                        Frame f = frames.get(frames.size() - 1);
                        f.cond = f.taken ? Tri.FALSE : f.anyUnknown && c != Tri.FALSE ? Tri.UNKNOWN : c;
                        f.note(c);
                    }
                    continue;
                }
                if (line.equals("else") && !frames.isEmpty()) {
                    Frame f = frames.get(frames.size() - 1);
                    f.cond = f.taken ? Tri.FALSE : f.anyUnknown ? Tri.UNKNOWN : Tri.TRUE;
                    continue;
                }
                if (line.matches("(fi|esac|done)\\b.*") && !frames.isEmpty()) {
                    frames.remove(frames.size() - 1);
                    continue;
                }
                if (line.matches("(case|for|while|until)\\b.*") && !line.matches(".*\\b(esac|done)\\s*;?\\s*$")) {
                    frames.add(new Frame(Tri.UNKNOWN, true));
                    continue;
                }
            }
            Matcher w = WRITE.matcher(line);
            if (!w.find()) {
                continue;
            }
            Tri state = Tri.TRUE;
            for (Frame f : frames) {
                if (f.cond == Tri.FALSE) {
                    state = Tri.FALSE;
                    break;
                }
                if (f.cond == Tri.UNKNOWN || f.block) {
                    state = Tri.UNKNOWN;
                }
            }
            if (state == Tri.FALSE) {
                continue;
            }
            if (braces > 0 || line.contains("&&") || line.contains("||") || !lineKnown) {
                state = Tri.UNKNOWN;
            }
            String before = line.substring(0, w.start()).strip();
            Matcher e = ECHO.matcher(before);
            String content = e.matches() ? unquote(e.group(1)) : null;
            if (content == null) {
                // cat, printf, tee, a heredoc: the names it mentions are written with a value a run decides
                mentioned(raw, relevant, unknown, lines, i);
                continue;
            }
            Matcher v = VAR_ONLY.matcher(content);
            if (v.matches()) {
                Object blob = env.get(v.group(1));
                if (blob instanceof String s && state == Tri.TRUE) {
                    blob(s, relevant, set, unknown, lines, i);
                } else if (blob instanceof String s) {
                    blob(s, relevant, new LinkedHashMap<>(), unknown, lines, i);
                    new LinkedHashMap<>(set).keySet().stream().filter(unknown::containsKey).forEach(set::remove);
                } else if (blob != null || state != Tri.TRUE) {
                    unknown.put(ANY, i);
                }
                continue;
            }
            Matcher a = ASSIGN.matcher(content);
            if (!a.matches() || !relevant.test(a.group(1))) {
                continue;
            }
            String name = a.group(1);
            lines.put(name, i);
            if (state == Tri.TRUE && !a.group(2).contains("$")) {
                set.put(name, a.group(2));
                unknown.remove(name);
            } else {
                set.remove(name);
                unknown.put(name, i);
            }
        }
        return new Result(set, unknown, lines);
    }

    /** A {@code NAME=value} / {@code NAME<<EOF ... EOF} blob, as GitHub reads the env file. */
    private static void blob(String s, Predicate<String> relevant, Map<String, String> set, Map<String, Integer> unknown,
                             Map<String, Integer> lines, int at) {
        String[] ls = s.split("\n", -1);
        for (int j = 0; j < ls.length; j++) {
            String l = ls[j].strip();
            Matcher h = HEREDOC.matcher(l);
            if (h.matches()) {
                StringBuilder value = new StringBuilder();
                int k = j + 1;
                while (k < ls.length && !ls[k].strip().equals(h.group(2))) {
                    value.append(value.length() == 0 ? "" : "\n").append(ls[k]);
                    k++;
                }
                j = k;
                put(h.group(1), value.toString(), relevant, set, unknown, lines, at);
                continue;
            }
            Matcher a = ASSIGN.matcher(l);
            if (a.matches()) {
                put(a.group(1), a.group(2), relevant, set, unknown, lines, at);
            }
        }
    }

    private static void put(String name, String value, Predicate<String> relevant, Map<String, String> set,
                            Map<String, Integer> unknown, Map<String, Integer> lines, int at) {
        if (!relevant.test(name)) {
            return;
        }
        lines.put(name, at);
        set.put(name, value);
        unknown.remove(name);
    }

    private static void mentioned(String[] raw, Predicate<String> relevant, Map<String, Integer> unknown,
                                  Map<String, Integer> lines, int at) {
        Matcher n = Pattern.compile("\\b[A-Z_][A-Z0-9_]*\\b").matcher(String.join("\n", raw));
        while (n.find()) {
            if (relevant.test(n.group())) {
                unknown.putIfAbsent(n.group(), at);
                lines.putIfAbsent(n.group(), at);
            }
        }
    }

    private static Tri test(String cond) {
        String c = cond.strip();
        Matcher n = TEST_N.matcher(c);
        if (n.matches()) {
            String v = unquote(n.group(2));
            if (v.contains("$")) {
                return Tri.UNKNOWN;
            }
            boolean empty = v.isEmpty();
            return (n.group(1).equals("-n") != empty) ? Tri.TRUE : Tri.FALSE;
        }
        Matcher q = TEST_EQ.matcher(c);
        if (q.matches()) {
            String a = unquote(q.group(1));
            String b = unquote(q.group(3));
            if (a.contains("$") || b.contains("$") || (q.group(2).equals("==") && c.startsWith("[[") && b.matches(".*[*?\\[].*"))) {
                return Tri.UNKNOWN; // a shell variable, or a [[ == ]] glob pattern
            }
            return a.equals(b) == !q.group(2).equals("!=") ? Tri.TRUE : Tri.FALSE;
        }
        return Tri.UNKNOWN;
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && ((t.startsWith("\"") && t.endsWith("\"")) || (t.startsWith("'") && t.endsWith("'")))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
