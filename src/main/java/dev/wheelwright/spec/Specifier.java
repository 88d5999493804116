package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 440 version specifier ({@code >=1.0}, {@code ==1.2.*}, {@code ~=2.2}, {@code ===foo}),
 * matching versions exactly as pypa/packaging's {@code Specifier} does.
 */
public final class Specifier {

    private static final class Grammar {
        private static final String PRE = "(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
        private static final String POST = "(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?";
        private static final String DEV = "(?:[-_.]?dev[-_.]?[0-9]*)?";
        private static final String LOCAL = "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*+)?";
        private static final String S = "[" + Py.WS + "]*";
        // the release parts are possessive: a greedy group repeats by recursion and overflows the stack on 10,000 parts
        // PEP 440 "Version specifiers": which operators allow wildcards, local labels and a one-part release.
        static final String BODY = "(?:"
                + "(?:===" + S + "[^" + Py.WS + ";)]*)"
                + "|(?:(?:==|!=)" + S + "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*+(?:\\.\\*|" + PRE + POST + DEV + LOCAL + ")?)"
                + "|(?:~=" + S + "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)++" + PRE + POST + DEV + ")"
                + "|(?:(?:<=|>=|<|>)" + S + "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*+" + PRE + POST + DEV + ")"
                + ")";
        static final Pattern SPECIFIER = Pattern.compile(S + BODY + S, Pattern.CASE_INSENSITIVE);
        static final Pattern PREFIX = Pattern.compile("([0-9]+)((?:a|b|c|rc)[0-9]+)");
    }

    /** The specifier grammar without surrounding whitespace (the PEP 508 tokenizer's SPECIFIER token). */
    static String grammarBody() {
        return Grammar.BODY;
    }

    private final String operator;
    private final String version;
    private final Boolean prereleases;
    private final Version specVersion;
    /** What {@link #prereleases()} answers; fixed at construction. */
    private final Boolean effectivePrereleases;
    /** For {@code ==X.*} / {@code !=X.*} and {@code ~=}: the split prefix and its numeric length. */
    private final List<String> wildcardSplit;
    private final int wildcardNumeric;

    private Specifier(String operator, String version, Boolean prereleases) {
        this.operator = operator;
        this.version = version;
        this.prereleases = prereleases;
        this.specVersion = operator.equals("===") || version.endsWith(".*") ? coerce(version)
                : Version.parse(version);
        this.effectivePrereleases = computePrereleases();
        String wildcard = null;
        if (version.endsWith(".*")) {
            wildcard = version;
        } else if (operator.equals("~=")) {
            wildcard = compatiblePrefix(version);
        }
        if (wildcard != null) {
            this.wildcardSplit = versionSplit(canonicalize(wildcard.substring(0, wildcard.length() - 2)));
            this.wildcardNumeric = numericPrefixLength(wildcardSplit);
        } else {
            this.wildcardSplit = null;
            this.wildcardNumeric = 0;
        }
    }

    /**
     * Parses one specifier.
     *
     * @throws InvalidSpecifierException {@code Invalid specifier: '<text>'}
     */
    public static Specifier parse(String text) {
        return parse(text, null);
    }

    /** Parses one specifier with an explicit pre-release policy (null: decided by the specifier). */
    public static Specifier parse(String text, Boolean prereleases) {
        Objects.requireNonNull(text, "text");
        if (!Grammar.SPECIFIER.matcher(text).matches()) {
            throw new InvalidSpecifierException("Invalid specifier: " + Pep508Parser.excerpt(text));
        }
        String spec = Py.strip(text);
        String op;
        if (spec.startsWith("===")) {
            op = "===";
        } else if (spec.startsWith("~=") || spec.startsWith("==") || spec.startsWith("!=") || spec.startsWith("<=")
                || spec.startsWith(">=")) {
            op = spec.substring(0, 2);
        } else {
            op = spec.substring(0, 1);
        }
        return new Specifier(op, Py.strip(spec.substring(op.length())), prereleases);
    }

    public String operator() {
        return operator;
    }

    /** The version part as written (stripped). */
    public String version() {
        return version;
    }

    /**
     * Whether the specifier admits pre-releases on its own: the explicit policy if given; else
     * false for {@code !=} and {@code ==X.*}; else whether its version is a pre-release (null for
     * an {@code ===} that is no version).
     */
    public Boolean prereleases() {
        return effectivePrereleases;
    }

    private Boolean computePrereleases() {
        if (prereleases != null) {
            return prereleases;
        }
        if (operator.equals("!=") || (operator.equals("==") && version.endsWith(".*"))) {
            return false;
        }
        Version v = coerce(version);
        return v == null ? null : v.isPrerelease();
    }

    Boolean explicitPrereleases() {
        return prereleases;
    }

    /** Whether {@code v} satisfies the specifier, pre-releases admitted as packaging's {@code contains} does. */
    public boolean contains(Version v, Boolean prereleases) {
        return !filter(List.of(new Item<>(v, v.toString(), v)), prereleases).isEmpty();
    }

    public boolean contains(String v, Boolean prereleases) {
        return !filter(List.of(new Item<>(v, v, coerce(v))), prereleases).isEmpty();
    }

    /** The versions (strings) the specifier admits, in order, with packaging's pre-release rules. */
    public List<String> filter(Iterable<String> versions, Boolean prereleases) {
        List<Item<String>> items = new ArrayList<>();
        versions.forEach(s -> items.add(new Item<>(s, s, coerce(s))));
        return Item.values(filter(items, prereleases));
    }

    /** An item being filtered: the caller's value, its text and its version (null when not one). */
    record Item<T>(T value, String text, Version version) {
        static <T> List<T> values(List<Item<T>> items) {
            List<T> out = new ArrayList<>(items.size());
            items.forEach(i -> out.add(i.value()));
            return out;
        }
    }

    /** packaging {@code Specifier.filter}. */
    <T> List<Item<T>> filter(List<Item<T>> items, Boolean prereleases) {
        List<Item<T>> out = new ArrayList<>();
        List<Item<T>> pre = new ArrayList<>();
        boolean foundNonPre = false;
        Boolean own = prereleases();
        boolean include = prereleases != null ? prereleases : Boolean.TRUE.equals(own);
        for (Item<T> item : items) {
            Version parsed = item.version();
            boolean match = false;
            if (parsed == null) {
                if (operator.equals("===") && matchesArbitrary(item.text())) {
                    out.add(item);
                }
            } else if (operator.equals("===")) {
                match = matchesArbitrary(item.text());
            } else {
                match = matches(parsed);
            }
            if (match && parsed != null) {
                if (!parsed.isPrerelease() || include) {
                    foundNonPre = true;
                    out.add(item);
                } else if (prereleases == null && !Boolean.FALSE.equals(this.prereleases)) {
                    pre.add(item);
                }
            }
        }
        if (!foundNonPre && prereleases == null && !Boolean.FALSE.equals(this.prereleases)) {
            out.addAll(pre);
        }
        return out;
    }

    boolean matchesArbitrary(String text) {
        // PEP 440 "Arbitrary equality": a case-insensitive string comparison.
        return text.toLowerCase(Locale.ROOT).equals(version.toLowerCase(Locale.ROOT));
    }

    /** Whether the operator holds for {@code v}, pre-release policy aside. */
    boolean matches(Version v) {
        return switch (operator) {
            case "~=" -> compatible(v);
            case "==" -> equal(v);
            case "!=" -> !equal(v);
            case "<=" -> v.withoutLocal().compareTo(specVersion) <= 0;
            case ">=" -> v.withoutLocal().compareTo(specVersion) >= 0;
            case "<" -> lessThan(v);
            case ">" -> greaterThan(v);
            default -> matchesArbitrary(v.toString());
        };
    }

    /** PEP 440 "Compatible release": {@code ~=2.2.post3} is {@code >=2.2.post3, ==2.*}. */
    private boolean compatible(Version v) {
        return v.withoutLocal().compareTo(specVersion) >= 0 && prefixMatches(v);
    }

    /** The {@code X.*} that {@code ~=X.Y} implies, computed on the text as written, as packaging does. */
    private static String compatiblePrefix(String version) {
        List<String> split = versionSplit(version);
        List<String> prefix = new ArrayList<>();
        for (String seg : split) {
            if (!isNotSuffix(seg)) {
                break;
            }
            prefix.add(seg);
        }
        prefix.remove(prefix.size() - 1);
        return versionJoin(prefix) + ".*";
    }

    /** PEP 440 "Version matching", with prefix matching for a trailing {@code .*}. */
    private boolean equal(Version v) {
        if (wildcardSplit != null) {
            return prefixMatches(v);
        }
        Version prospective = specVersion.local() == null ? v.withoutLocal() : v;
        return prospective.equals(specVersion);
    }

    private boolean prefixMatches(Version v) {
        // The local label is ignored in prefix matching; pad the release with zeros first.
        List<String> prospective = leftPad(versionSplit(v.withoutLocal().toString()), wildcardNumeric);
        List<String> shortened = prospective.subList(0, Math.min(prospective.size(), wildcardSplit.size()));
        return shortened.equals(wildcardSplit);
    }

    /** PEP 440 "Exclusive ordered comparison": {@code <V} admits no pre-release of V unless V is one. */
    private boolean lessThan(Version v) {
        if (v.compareTo(specVersion) >= 0) {
            return false;
        }
        return specVersion.isPrerelease() || !v.isPrerelease() || v.compareTo(earliestPrerelease(specVersion)) < 0;
    }

    /** {@code >V} admits no post-release of V unless V is one, and no local version of V. */
    private boolean greaterThan(Version v) {
        if (v.compareTo(specVersion) <= 0) {
            return false;
        }
        if (!specVersion.isPostrelease() && v.isPostrelease() && v.postBase().equals(specVersion)) {
            return false;
        }
        return v.local() == null || !v.withoutLocal().equals(specVersion);
    }

    private static Version earliestPrerelease(Version v) {
        return v.withDevZero();
    }

    static Version coerce(String text) {
        return Version.parseOrNull(text);
    }

    /** packaging {@code canonicalize_version(v, strip_trailing_zero=False)}: invalid text is returned as is. */
    private static String canonicalize(String text) {
        Version v = coerce(text);
        return v == null ? text : v.toString();
    }

    /** packaging {@code _version_split}: epoch, then dot-separated parts, {@code 0a1} split in two. */
    static List<String> versionSplit(String version) {
        List<String> out = new ArrayList<>();
        int bang = version.lastIndexOf('!');
        String epoch = bang < 0 ? "" : version.substring(0, bang);
        out.add(epoch.isEmpty() ? "0" : epoch);
        for (String item : version.substring(bang + 1).split("\\.", -1)) {
            Matcher m = Grammar.PREFIX.matcher(item);
            if (m.matches()) {
                out.add(m.group(1));
                out.add(m.group(2));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static String versionJoin(List<String> components) {
        return components.get(0) + "!" + String.join(".", components.subList(1, components.size()));
    }

    private static boolean isNotSuffix(String segment) {
        for (String p : new String[] {"dev", "a", "b", "rc", "post"}) {
            if (segment.startsWith(p)) {
                return false;
            }
        }
        return true;
    }

    private static int numericPrefixLength(List<String> split) {
        int n = 0;
        for (String s : split) {
            if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                break;
            }
            n++;
        }
        return n;
    }

    private static List<String> leftPad(List<String> split, int target) {
        int numeric = numericPrefixLength(split);
        if (target - numeric <= 0) {
            return split;
        }
        List<String> out = new ArrayList<>(split.subList(0, numeric));
        for (int i = 0; i < target - numeric; i++) {
            out.add("0");
        }
        out.addAll(split.subList(numeric, split.size()));
        return out;
    }

    /** packaging's canonical form, used for equality and de-duplication. */
    String canonical() {
        if (operator.equals("===") || version.endsWith(".*")) {
            return operator + version;
        }
        Version v = Version.parse(version);
        return operator + (operator.equals("~=") ? v.toString() : v.toStringTrimmed());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Specifier s && canonical().equals(s.canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    /** Operator and version as written. */
    @Override
    public String toString() {
        return operator + version;
    }
}
