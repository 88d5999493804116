package dev.wheelwright.rules.log;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives from a Java regular expression a set of literal strings such that every line the
 * expression finds a match in contains at least one of them. The log scanner looks for these
 * needles with one multi-string automaton and runs the regex only on lines that contain one, so
 * the cost of a scan grows with the log, not with log × rules.
 *
 * <p>The analysis is conservative: a construct it does not understand ends the current literal
 * run, and when no needle of at least {@link #MIN_LENGTH} characters is certain the result is
 * empty (the regex then runs on every line). It walks the pattern text directly: sequences,
 * groups (capturing, named, non-capturing, inline flags), alternation, quantifiers, escapes,
 * classes and {@code \Q...\E} quoting.
 */
public final class RequiredLiterals {
    /** Shorter needles match too many lines to be worth it. */
    public static final int MIN_LENGTH = 3;

    private final String re;
    private int pos;
    private boolean ignoreCase;

    private RequiredLiterals(String re) {
        this.re = re;
    }

    /** The result: needles (any one must occur), and whether to look for them ignoring case. */
    public record Needles(List<String> literals, boolean ignoreCase) {}

    public static Needles of(String regex) {
        RequiredLiterals r = new RequiredLiterals(regex);
        try {
            Set<String> best = r.alternation();
            if (best == null || best.isEmpty() || best.stream().anyMatch(s -> s.length() < MIN_LENGTH)) {
                return new Needles(List.of(), r.ignoreCase);
            }
            return new Needles(List.copyOf(best), r.ignoreCase);
        } catch (RuntimeException e) {
            return new Needles(List.of(), r.ignoreCase);
        }
    }

    /**
     * Every requirement the regex has, not only the best one: a list of clauses, each a set of
     * alternative literals, such that a line the expression finds a match in contains at least
     * one literal of every clause (a conjunction of {@link #of}-style sets). A sequence's literal
     * runs and groups are all required; an alternation is one clause, the union of each
     * alternative's best. Clauses with a literal shorter than {@link #MIN_LENGTH} are left out;
     * the result is empty when nothing is certain. The log scanner runs a pattern only on lines
     * that hold every clause, so a common literal ({@code Downloading}) alone does not run it.
     */
    public static List<List<String>> clauses(String regex) {
        if (hasCommentsFlag(regex)) {
            return List.of(); // (?x): whitespace in the pattern text is not literal
        }
        RequiredLiterals r = new RequiredLiterals(regex);
        try {
            List<Set<String>> all = r.alternationClauses();
            if (r.pos != regex.length()) {
                return List.of();
            }
            List<List<String>> out = new ArrayList<>();
            for (Set<String> c : all) {
                if (!c.isEmpty() && c.stream().allMatch(s -> s.length() >= MIN_LENGTH)) {
                    List<String> l = List.copyOf(c);
                    if (!out.contains(l)) {
                        out.add(l);
                    }
                }
            }
            return List.copyOf(out);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The literals one of which every match of {@code regex} starts with, or null when that is
     * not certain. Understood: leading inline flags and {@code ^}, then a literal run, or a group
     * (not optional) whose every alternative starts with a literal run. The literals are ASCII
     * and as written in the pattern (the caller folds case where the pattern does).
     */
    public static List<String> leading(String regex) {
        try {
            if (skipAlternative(regex, 0) < regex.length()) {
                return null; // alternatives at the top: a match may start with either
            }
            int i = 0;
            while (regex.startsWith("(?", i)) {
                int j = i + 2;
                while (j < regex.length() && Character.isLetter(regex.charAt(j))) {
                    if (regex.charAt(j) == 'x') {
                        return null;
                    }
                    j++;
                }
                if (j == i + 2 || j >= regex.length() || regex.charAt(j) != ')') {
                    break; // a group, not flags
                }
                i = j + 1;
            }
            if (regex.startsWith("^", i)) {
                i++;
            }
            if (i < regex.length() && regex.charAt(i) == '(') {
                int j = i + 1;
                if (regex.startsWith("?:", j)) {
                    j += 2;
                } else if (regex.startsWith("?<", j) && j + 2 < regex.length() && Character.isLetter(regex.charAt(j + 2))) {
                    j = regex.indexOf('>', j) + 1;
                    if (j <= 0) {
                        return null;
                    }
                } else if (regex.startsWith("?", j)) {
                    return null; // lookaround, atomic, flags group
                }
                List<String> out = new ArrayList<>();
                while (true) {
                    int[] end = new int[1];
                    String lit = literalRun(regex, j, end, true);
                    if (lit.isEmpty()) {
                        return null;
                    }
                    out.add(lit);
                    int k = skipAlternative(regex, end[0]);
                    if (k >= regex.length()) {
                        return null;
                    }
                    if (regex.charAt(k) == '|') {
                        j = k + 1;
                        continue;
                    }
                    // ')': the group must not be optional
                    if (k + 1 < regex.length() && "?*{".indexOf(regex.charAt(k + 1)) >= 0) {
                        return null;
                    }
                    return out;
                }
            }
            int[] end = new int[1];
            String lit = literalRun(regex, i, end, false);
            return lit.isEmpty() ? null : List.of(lit);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The literal text from {@code i} on (escaped punctuation unescaped), less a last char a quantifier may drop. */
    private static String literalRun(String re, int i, int[] end, boolean inGroup) {
        StringBuilder sb = new StringBuilder();
        int j = i;
        while (j < re.length()) {
            char c = re.charAt(j);
            char lit;
            int next;
            if (c == '\\') {
                if (j + 1 >= re.length()) {
                    break;
                }
                char d = re.charAt(j + 1);
                if (Character.isLetterOrDigit(d) || d >= 128) {
                    break; // a class (\\d, \\s), an anchor (\\b), a back reference, \\Q...: not followed here
                }
                lit = d;
                next = j + 2;
            } else if ("^$.|?*+()[]{}".indexOf(c) >= 0 || c >= 128) {
                break;
            } else {
                lit = c;
                next = j + 1;
            }
            if (next < re.length() && "?*{".indexOf(re.charAt(next)) >= 0) {
                break; // this char may be left out (or repeated a number of times): the run ends before it
            }
            if (next < re.length() && re.charAt(next) == '+') {
                sb.append(lit);
                j = next;
                break; // one at least: it belongs to the run, which ends after it
            }
            sb.append(lit);
            j = next;
        }
        end[0] = j;
        return sb.toString();
    }

    /** From inside a group's alternative, the index of the '|' or ')' that ends it (at this depth). */
    static int skipAlternative(String re, int i) {
        int depth = 0;
        int j = i;
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                j = skipClass(re, j);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return j;
                }
                depth--;
            } else if (c == '|' && depth == 0) {
                return j;
            }
            j++;
        }
        return j;
    }

    /** The index after the character class starting at {@code i}. */
    static int skipClass(String re, int i) {
        int j = i + 1;
        if (j < re.length() && re.charAt(j) == '^') {
            j++;
        }
        if (j < re.length() && re.charAt(j) == ']') {
            j++; // a leading ']' is literal
        }
        int depth = 0;
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (depth == 0) {
                    return j + 1;
                }
                depth--;
            }
            j++;
        }
        return j;
    }

    private static boolean hasCommentsFlag(String regex) {
        for (int i = regex.indexOf("(?"); i >= 0; i = regex.indexOf("(?", i + 2)) {
            int j = i + 2;
            while (j < regex.length() && (Character.isLetter(regex.charAt(j)) || regex.charAt(j) == '-')) {
                if (regex.charAt(j) == 'x') {
                    return true;
                }
                j++;
            }
        }
        return false;
    }

    /** alternatives separated by '|', until ')' or the end; null = nothing certain. */
    private Set<String> alternation() {
        return best(alternationClauses());
    }

    /** Every clause of alternatives separated by '|': one alternative's all, else the union of their bests. */
    private List<Set<String>> alternationClauses() {
        List<List<Set<String>>> alts = new ArrayList<>();
        while (true) {
            alts.add(sequence());
            if (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                continue;
            }
            break;
        }
        if (alts.size() == 1) {
            return alts.get(0);
        }
        Set<String> union = new LinkedHashSet<>();
        for (List<Set<String>> alt : alts) {
            Set<String> b = best(alt);
            if (b == null) {
                return List.of();
            }
            union.addAll(b);
        }
        return List.of(union);
    }

    /** The best requirement of a sequence's candidates (the one whose shortest literal is longest), or null. */
    private static Set<String> best(List<Set<String>> candidates) {
        Set<String> best = null;
        int bestScore = -1;
        for (Set<String> cand : candidates) {
            if (cand.isEmpty()) {
                continue;
            }
            int score = cand.stream().mapToInt(String::length).min().orElse(0);
            if (score > bestScore) {
                bestScore = score;
                best = cand;
            }
        }
        return best;
    }

    /** One alternative: all its requirements (literal runs, groups' requirements), in order. */
    private List<Set<String>> sequence() {
        List<Set<String>> candidates = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        while (pos < re.length()) {
            char c = re.charAt(pos);
            if (c == '|' || c == ')') {
                break;
            }
            int atomStart = run.length();
            List<Set<String>> groupReq = null;
            boolean atomIsLiteral = false;
            boolean breaksRun = false;
            if (c == '(') {
                pos++;
                boolean consuming = true;
                if (re.startsWith("?", pos)) {
                    if (re.startsWith("?:", pos)) {
                        pos += 2;
                    } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)
                            || re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
                        consuming = false;
                        pos += re.startsWith("?<", pos) ? 3 : 2;
                    } else if (re.startsWith("?<", pos)) {
                        int end = re.indexOf('>', pos);
                        pos = end + 1;
                    } else {
                        // inline flags: (?i) or (?i:...)
                        int end = pos + 1;
                        while (end < re.length() && (Character.isLetter(re.charAt(end)) || re.charAt(end) == '-')) {
                            end++;
                        }
                        String flags = re.substring(pos + 1, end);
                        if (flags.contains("i") && !flags.startsWith("-") && !flags.contains("-i")) {
                            ignoreCase = true;
                        }
                        if (end < re.length() && re.charAt(end) == ')') {
                            pos = end + 1;
                            // flags apply from here on: the run so far is still a literal
                            continue;
                        }
                        pos = end + 1; // (?i:...
                    }
                }
                List<Set<String>> inner = alternationClauses();
                if (pos >= re.length() || re.charAt(pos) != ')') {
                    throw new IllegalArgumentException("unbalanced group");
                }
                pos++;
                groupReq = consuming ? inner : null;
                breaksRun = true;
            } else if (c == '[') {
                skipClass();
                breaksRun = true;
            } else if (c == '\\') {
                pos++;
                char e = re.charAt(pos++);
                if (e == 'Q') {
                    int end = re.indexOf("\\E", pos);
                    String quoted = end < 0 ? re.substring(pos) : re.substring(pos, end);
                    pos = end < 0 ? re.length() : end + 2;
                    if (!quoted.isEmpty() && !isQuantifierNext()) {
                        run.append(quoted);
                        continue;
                    }
                    atomStart = run.length();
                    run.append(quoted);
                    atomIsLiteral = true;
                } else if (Character.isLetterOrDigit(e)) {
                    switch (e) {
                        case 't' -> { run.append('\t'); atomIsLiteral = true; }
                        case 'n', 'r', 'f', 'e', 'a' -> breaksRun = true;
                        case 'x', 'u', '0', 'c', 'p', 'P', 'k', 'N' -> { skipEscapeArg(e); breaksRun = true; }
                        default -> breaksRun = true; // \d \s \w \b \B \A \z \Z \G \R \h \v, backrefs
                    }
                } else {
                    run.append(e);
                    atomIsLiteral = true;
                }
            } else if (c == '.' || c == '^' || c == '$') {
                pos++;
                breaksRun = true;
            } else {
                pos++;
                run.append(c);
                atomIsLiteral = true;
            }

            // a quantifier applies to the atom just read
            if (pos < re.length() && isQuantifierNext()) {
                boolean optional = quantifierAllowsZero();
                if (atomIsLiteral) {
                    String kept = run.substring(0, atomStart);
                    if (!optional) {
                        run.setLength(run.length()); // the atom is required at least once
                        candidates.add(Set.of(run.toString()));
                    }
                    run.setLength(0);
                    run.append(kept);
                    flush(candidates, run);
                    continue;
                }
                if (optional) {
                    groupReq = null;
                }
                flush(candidates, run);
                if (groupReq != null) {
                    candidates.addAll(groupReq);
                }
                continue;
            }
            if (breaksRun) {
                flush(candidates, run);
                if (groupReq != null) {
                    candidates.addAll(groupReq);
                }
            }
        }
        flush(candidates, run);
        return candidates;
    }

    private static void flush(List<Set<String>> candidates, StringBuilder run) {
        if (run.length() > 0) {
            candidates.add(Set.of(run.toString()));
            run.setLength(0);
        }
    }

    private boolean isQuantifierNext() {
        if (pos >= re.length()) {
            return false;
        }
        char q = re.charAt(pos);
        return q == '?' || q == '*' || q == '+' || (q == '{' && re.indexOf('}', pos) > pos && re.substring(pos + 1, re.indexOf('}', pos)).matches("\\d+(,\\d*)?"));
    }

    /** Consumes the quantifier (and a lazy/possessive suffix); true when it allows zero occurrences. */
    private boolean quantifierAllowsZero() {
        char q = re.charAt(pos);
        boolean zero;
        if (q == '{') {
            int end = re.indexOf('}', pos);
            String body = re.substring(pos + 1, end);
            zero = body.startsWith("0");
            pos = end + 1;
        } else {
            zero = q != '+';
            pos++;
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
            pos++;
        }
        return zero;
    }

    private void skipClass() {
        pos++; // '['
        if (pos < re.length() && re.charAt(pos) == '^') {
            pos++;
        }
        if (pos < re.length() && re.charAt(pos) == ']') {
            pos++;
        }
        int depth = 1;
        while (pos < re.length() && depth > 0) {
            char c = re.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
        }
    }

    private void skipEscapeArg(char e) {
        switch (e) {
            case 'x' -> {
                if (pos < re.length() && re.charAt(pos) == '{') {
                    pos = re.indexOf('}', pos) + 1;
                } else {
                    pos += 2;
                }
            }
            case 'u' -> pos += 4;
            case '0' -> {
                while (pos < re.length() && re.charAt(pos) >= '0' && re.charAt(pos) <= '7') {
                    pos++;
                }
            }
            case 'c' -> pos += 1;
            case 'p', 'P', 'k', 'N' -> {
                if (pos < re.length() && (re.charAt(pos) == '{' || re.charAt(pos) == '<')) {
                    pos = re.indexOf(re.charAt(pos) == '{' ? '}' : '>', pos) + 1;
                } else {
                    pos += 1;
                }
            }
            default -> { }
        }
    }
}
