package dev.wheelwright.index;

import dev.wheelwright.spec.Names;
import dev.wheelwright.spec.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of PEP 508 (requirements, environment markers) and PEP 440 (version specifiers) that
 * resolution needs, evaluated as pypa/packaging evaluates them. Kept small and package-private:
 * the resolver calls only {@link #requirement}, {@link #contains} and {@link #markerHolds}.
 */
final class Pep508 {
    private Pep508() {}

    /** A parsed requirement. {@code specifier} is the comma-separated specifier set ("" for any). */
    record Req(String name, List<String> extras, String specifier, String url, String marker, String text) {
        String normalizedName() {
            return Names.canonicalize(name);
        }

        /** PEP 592: a specifier that pins one exact version lets pip choose a yanked file. */
        boolean pinned() {
            String s = specifier.strip();
            return (s.startsWith("==") && !s.contains(",") && !s.endsWith(".*")) || s.startsWith("===");
        }
    }

    private static final Pattern NAME = Pattern.compile("\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*");
    private static final Pattern SPEC = Pattern.compile(
            "\\s*(~=|===|==|!=|<=|>=|<|>)\\s*([A-Za-z0-9_.*+!\\-]+)\\s*");

    /**
     * Parses a PEP 508 requirement: {@code name [extras] (specifiers | @ url) ; marker}.
     *
     * @throws IndexException naming the requirement when it is not one
     */
    static Req requirement(String text) {
        String t = text.strip();
        int semi = markerSplit(t);
        String marker = semi < 0 ? null : t.substring(semi + 1).strip();
        String head = semi < 0 ? t : t.substring(0, semi).strip();
        Matcher m = NAME.matcher(head);
        if (!m.lookingAt()) {
            throw new IndexException("invalid requirement '" + text + "': expected a package name");
        }
        String name = m.group(1);
        String rest = head.substring(m.end());
        List<String> extras = new ArrayList<>();
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IndexException("invalid requirement '" + text + "': unclosed '['");
            }
            for (String e : rest.substring(1, close).split(",")) {
                if (!e.isBlank()) {
                    extras.add(Names.canonicalize(e.strip()));
                }
            }
            rest = rest.substring(close + 1).strip();
        }
        String url = null;
        String spec = "";
        if (rest.startsWith("@")) {
            url = rest.substring(1).strip();
        } else {
            if (rest.startsWith("(") && rest.endsWith(")")) {
                rest = rest.substring(1, rest.length() - 1);
            }
            if (!rest.isBlank()) {
                for (String one : rest.split(",")) {
                    if (!SPEC.matcher(one).matches()) {
                        throw new IndexException("invalid requirement '" + text + "': bad version specifier '" + one.strip() + "'");
                    }
                }
                spec = rest.replaceAll("\\s+", "");
            }
        }
        if (marker != null) {
            // Fail at parse time, like packaging, rather than when the marker is evaluated.
            new MarkerParser(marker, Map.of(), text).parse();
        }
        return new Req(name, List.copyOf(extras), spec, url, marker, t);
    }

    private static int markerSplit(String t) {
        // "name @ url ; marker" needs whitespace before ';' (PEP 508); elsewhere ';' starts the marker.
        boolean inQuote = false;
        char q = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (inQuote) {
                if (c == q) {
                    inQuote = false;
                }
            } else if (c == '"' || c == '\'') {
                inQuote = true;
                q = c;
            } else if (c == ';') {
                return i;
            }
        }
        return -1;
    }

    /**
     * PEP 440 "Version specifiers": whether {@code v} is in the comma-separated set. Pre-releases
     * are admitted here when {@code prereleases} is true; the caller decides that (see
     * {@link #allowsPrereleases}).
     */
    static boolean contains(String specifierSet, Version v, boolean prereleases) {
        if (v.isPrerelease() && !prereleases) {
            return false;
        }
        if (specifierSet == null || specifierSet.isBlank()) {
            return true;
        }
        for (String one : specifierSet.split(",")) {
            Matcher m = SPEC.matcher(one);
            if (!m.matches()) {
                throw new IndexException("invalid version specifier '" + one.strip() + "'");
            }
            if (!matches(m.group(1), m.group(2), v)) {
                return false;
            }
        }
        return true;
    }

    /** PEP 440 "Handling of pre-releases": a specifier that names a pre-release admits them. */
    static boolean allowsPrereleases(String specifierSet) {
        if (specifierSet == null || specifierSet.isBlank()) {
            return false;
        }
        for (String one : specifierSet.split(",")) {
            Matcher m = SPEC.matcher(one);
            if (m.matches() && !m.group(1).equals("!=")) {
                String ver = m.group(2).endsWith(".*") ? m.group(2).substring(0, m.group(2).length() - 2) : m.group(2);
                if (Version.isValid(ver) && Version.parse(ver).isPrerelease()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String op, String spec, Version v) {
        if (op.equals("===")) {
            return v.toString().equalsIgnoreCase(spec);
        }
        if (op.equals("==") || op.equals("!=")) {
            boolean eq;
            if (spec.endsWith(".*")) {
                eq = prefixMatch(Version.parse(spec.substring(0, spec.length() - 2)), v);
            } else {
                Version s = Version.parse(spec);
                // PEP 440: a specifier without a local label ignores the candidate's local label.
                eq = s.local() == null ? v.withoutLocal().equals(s) : v.equals(s);
            }
            return op.equals("==") == eq;
        }
        Version s = Version.parse(spec);
        Version pv = v.withoutLocal();
        return switch (op) {
            case "~=" -> {
                // PEP 440 "Compatible release": >= V and == V's release without its last part .*
                List<Long> rel = s.release();
                if (rel.size() < 2) {
                    throw new IndexException("invalid version specifier '~=" + spec + "': needs at least two release parts");
                }
                StringBuilder prefix = new StringBuilder(s.epoch() > 0 ? s.epoch() + "!" : "");
                for (int i = 0; i < rel.size() - 1; i++) {
                    prefix.append(i == 0 ? "" : ".").append(rel.get(i));
                }
                yield pv.compareTo(s) >= 0 && prefixMatch(Version.parse(prefix.toString()), v);
            }
            case "<=" -> pv.compareTo(s) <= 0;
            case ">=" -> pv.compareTo(s) >= 0;
            case "<" -> pv.compareTo(s) < 0
                    // PEP 440 "Exclusive ordered comparison": <V excludes pre-releases of V itself.
                    && (s.isPrerelease() || !v.isPrerelease() || !v.base().equals(s.base()));
            case ">" -> pv.compareTo(s) > 0
                    // >V excludes post-releases of V (unless V is one) and local versions of V.
                    && (s.isPostrelease() || !v.isPostrelease() || !v.base().equals(s.base()))
                    && (v.local() == null || !v.base().equals(s.base()));
            default -> throw new IndexException("invalid version specifier '" + op + spec + "'");
        };
    }

    private static boolean prefixMatch(Version prefix, Version v) {
        if (prefix.epoch() != v.epoch()) {
            return false;
        }
        List<Long> p = prefix.release();
        for (int i = 0; i < p.size(); i++) {
            if (v.releasePart(i) != p.get(i)) {
                return false;
            }
        }
        // "==1.1.*" also matches 1.1.post1 and 1.1a1 (prefix of the release only), as packaging.
        if (prefix.isPrerelease() || prefix.isPostrelease() || prefix.isDevrelease()) {
            return v.base().equals(prefix.base()) && v.toString().startsWith(prefix.toString());
        }
        return true;
    }

    /**
     * PEP 508 "Environment Markers": evaluates a marker against an environment (including
     * {@code extra}). Version comparisons apply when both sides are valid versions and the
     * operator is a PEP 440 one; otherwise strings are compared, as packaging does.
     */
    static boolean markerHolds(String marker, Map<String, String> env) {
        if (marker == null || marker.isBlank()) {
            return true;
        }
        return new MarkerParser(marker, env, marker).parse();
    }

    /** Recursive descent over: or_expr := and_expr ('or' and_expr)*; and_expr := atom ('and' atom)*. */
    private static final class MarkerParser {
        private static final Pattern TOKEN = Pattern.compile(
                "\\s*(\\(|\\)|'[^']*'|\"[^\"]*\"|===|==|!=|<=|>=|~=|<|>|not\\s+in\\b|in\\b|and\\b|or\\b|[A-Za-z_][A-Za-z0-9_.]*)");
        private final List<String> tokens = new ArrayList<>();
        private final Map<String, String> env;
        private final String context;
        private int pos;

        MarkerParser(String marker, Map<String, String> env, String context) {
            this.env = env;
            this.context = context;
            Matcher m = TOKEN.matcher(marker);
            int at = 0;
            while (at < marker.length()) {
                if (marker.substring(at).isBlank()) {
                    break;
                }
                if (!m.find(at) || m.start() != at) {
                    throw error("unexpected text at '" + marker.substring(at).strip() + "'");
                }
                tokens.add(m.group(1).replaceAll("\\s+", " "));
                at = m.end();
            }
        }

        boolean parse() {
            boolean v = or();
            if (pos != tokens.size()) {
                throw error("unexpected '" + tokens.get(pos) + "'");
            }
            return v;
        }

        private boolean or() {
            boolean v = and();
            while (peek("or")) {
                pos++;
                boolean r = and();
                v = v || r;
            }
            return v;
        }

        private boolean and() {
            boolean v = atom();
            while (peek("and")) {
                pos++;
                boolean r = atom();
                v = v && r;
            }
            return v;
        }

        private boolean atom() {
            if (peek("(")) {
                pos++;
                boolean v = or();
                expect(")");
                return v;
            }
            String lhsTok = next();
            String op = next();
            String rhsTok = next();
            if (!List.of("==", "!=", "<=", ">=", "<", ">", "~=", "===", "in", "not in").contains(op)) {
                throw error("expected a comparison operator, got '" + op + "'");
            }
            boolean extra = lhsTok.equals("extra") || rhsTok.equals("extra");
            String lhs = value(lhsTok);
            String rhs = value(rhsTok);
            if (extra) {
                // PEP 685: extras compare normalised.
                lhs = Names.canonicalize(lhs);
                rhs = Names.canonicalize(rhs);
            }
            return compare(lhs, op, rhs);
        }

        private boolean compare(String lhs, String op, String rhs) {
            switch (op) {
                case "in":
                    return rhs.contains(lhs);
                case "not in":
                    return !rhs.contains(lhs);
                default:
                    break;
            }
            if (!op.equals("===") && Version.isValid(lhs) && isSpecifierVersion(op, rhs)) {
                return contains(op + rhs, Version.parse(lhs), true);
            }
            int c = lhs.compareTo(rhs);
            return switch (op) {
                case "==", "===" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw error("operator '" + op + "' needs versions on both sides");
            };
        }

        private static boolean isSpecifierVersion(String op, String rhs) {
            String v = (op.equals("==") || op.equals("!=")) && rhs.endsWith(".*") ? rhs.substring(0, rhs.length() - 2) : rhs;
            return Version.isValid(v) && !(op.equals("~=") && !v.contains("."));
        }

        private String value(String tok) {
            if (tok.startsWith("'") || tok.startsWith("\"")) {
                return tok.substring(1, tok.length() - 1);
            }
            if (!Character.isLetter(tok.charAt(0)) && tok.charAt(0) != '_') {
                throw error("expected a marker variable or a quoted string, got '" + tok + "'");
            }
            String key = tok.equals("platform.python_implementation") ? "platform_python_implementation"
                    : tok.equals("os.name") ? "os_name" : tok.equals("sys.platform") ? "sys_platform" : tok;
            if (!KNOWN.contains(key)) {
                throw error("unknown marker variable '" + tok + "'");
            }
            return env.getOrDefault(key, "");
        }

        private boolean peek(String s) {
            return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(s);
        }

        private String next() {
            if (pos >= tokens.size()) {
                throw error("unexpected end of marker");
            }
            return tokens.get(pos++);
        }

        private void expect(String s) {
            if (!peek(s)) {
                throw error("expected '" + s + "'");
            }
            pos++;
        }

        private IndexException error(String what) {
            return new IndexException("invalid marker in '" + context + "': " + what);
        }
    }

    static final List<String> KNOWN = List.of("os_name", "sys_platform", "platform_machine",
            "platform_python_implementation", "platform_release", "platform_system", "platform_version",
            "python_version", "python_full_version", "implementation_name", "implementation_version", "extra");

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
