package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version: parsed leniently (the spelling variants PEP 440 "Normalization" allows),
 * printed in normal form, and ordered as PEP 440 "Summary of permitted suffixes and relative
 * ordering" says. Two versions that differ only by trailing zeros of the release are equal
 * ({@code 1.0 == 1.0.0}), as in pypa/packaging.
 *
 * <p>Numbers are held as {@code long}: PEP 440 puts no bound on them, but versions with components
 * beyond 2^63 do not occur in practice and are rejected as invalid.
 */
public final class Version implements Comparable<Version> {

    /** PEP 440 appendix B, "Parsing version strings with regular expressions", as normalisation allows. */
    private static final class Grammar {
        static final Pattern VERSION = Pattern.compile(
                "[" + Py.WS + "]*v?+"
                + "(?:(?<epoch>[0-9]+)!)?+"
                + "(?<release>[0-9]+(?:\\.[0-9]+)*+)"
                + "(?<pre>[._-]?+(?<prel>alpha|a|beta|b|preview|pre|c|rc)[._-]?+(?<pren>[0-9]+)?)?+"
                + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[._-]?(?<postl>post|rev|r)[._-]?(?<postn2>[0-9]+)?))?+"
                + "(?<dev>[._-]?+(?<devl>dev)[._-]?+(?<devn>[0-9]+)?)?+"
                + "(?:\\+(?<local>[a-z0-9]+(?:[._-][a-z0-9]+)*+))?+"
                + "[" + Py.WS + "]*",
                Pattern.CASE_INSENSITIVE);
        static final Pattern LOCAL_SEPARATORS = Pattern.compile("[._-]");
    }

    private final long epoch;
    private final long[] release;
    /** "a", "b" or "rc", or null. */
    private final String preLabel;
    private final long preNumber;
    private final Long post;
    private final Long dev;
    /** Segments of the local label: {@link Long} or lower-case {@link String}; null when absent. */
    private final List<Object> local;
    /** The comparison key (release without trailing zeros, PEP 440 suffix ranks), computed once. */
    private final long[] trimmed;
    private final long[] suffix;

    private Version(long epoch, long[] release, String preLabel, long preNumber, Long post, Long dev,
            List<Object> local) {
        this.epoch = epoch;
        this.release = release;
        this.preLabel = preLabel;
        this.preNumber = preNumber;
        this.post = post;
        this.dev = dev;
        this.local = local;
        this.trimmed = trim(release);
        this.suffix = computeSuffix();
    }

    /**
     * Parses a version as PEP 440 permits it to be written.
     *
     * @throws InvalidVersionException {@code Invalid version: '<text>'} when it is not one
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        Version v = parseOrNull(text);
        if (v == null) {
            throw new InvalidVersionException("Invalid version: " + Py.repr(text)
                    + (Grammar.VERSION.matcher(text).matches() ? " (number too large)" : ""));
        }
        return v;
    }

    /** Parses a version, or empty when the text is not one. */
    public static java.util.Optional<Version> tryParse(String text) {
        return java.util.Optional.ofNullable(parseOrNull(text));
    }

    /** The version, or null when {@code text} is not one (no exception: used on hot paths). */
    static Version parseOrNull(String text) {
        Version simple = parseReleaseOnly(text);
        if (simple != null) {
            return simple;
        }
        Matcher m = Grammar.VERSION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            long epoch = m.group("epoch") == null ? 0 : Long.parseLong(m.group("epoch"));
            String[] parts = m.group("release").split("\\.");
            long[] release = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                release[i] = Long.parseLong(parts[i]);
            }
            String preLabel = null;
            long preNumber = 0;
            if (m.group("prel") != null) {
                preLabel = switch (m.group("prel").toLowerCase(Locale.ROOT)) {
                    // PEP 440 "Pre-release spelling": alpha/beta/c/pre/preview are alternate spellings.
                    case "alpha", "a" -> "a";
                    case "beta", "b" -> "b";
                    default -> "rc";
                };
                preNumber = number(m.group("pren"));
            }
            Long post = null;
            if (m.group("postn1") != null) {
                post = Long.parseLong(m.group("postn1")); // PEP 440 "Implicit post release number": 1.0-1
            } else if (m.group("postl") != null) {
                post = number(m.group("postn2"));
            }
            Long dev = m.group("devl") != null ? number(m.group("devn")) : null;
            List<Object> local = null;
            if (m.group("local") != null) {
                List<Object> segs = new ArrayList<>();
                for (String seg : Grammar.LOCAL_SEPARATORS.split(m.group("local"))) {
                    segs.add(isDigits(seg) ? (Object) Long.parseLong(seg) : seg.toLowerCase(Locale.ROOT));
                }
                local = Collections.unmodifiableList(segs);
            }
            return new Version(epoch, release, preLabel, preNumber, post, dev, local);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** Fast path for the common {@code 1.2.3} form (as packaging has): digits and single dots only. */
    private static Version parseReleaseOnly(String text) {
        int n = text.length();
        if (n == 0 || n > 64) {
            return null;
        }
        int parts = 1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (i == 0 || i == n - 1 || text.charAt(i - 1) == '.') {
                    return null;
                }
                parts++;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        long[] release = new long[parts];
        int p = 0;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '.') {
                if (i - start > 18) {
                    return null; // let the general path decide about very long numbers
                }
                release[p++] = Long.parseLong(text, start, i, 10);
                start = i + 1;
            }
        }
        return new Version(0, release, null, 0, null, null, null);
    }

    /** Whether {@code text} parses as a PEP 440 version. */
    public static boolean isValid(String text) {
        return text != null && parseOrNull(text) != null;
    }

    private static long number(String digits) {
        // PEP 440 "Implicit pre-release number" etc.: a missing number means 0.
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    public long epoch() {
        return epoch;
    }

    /** The release segment as written (trailing zeros kept). */
    public List<Long> release() {
        List<Long> out = new ArrayList<>(release.length);
        for (long r : release) {
            out.add(r);
        }
        return Collections.unmodifiableList(out);
    }

    /** The n-th release component, 0 when the release is shorter (packaging's major/minor/micro). */
    public long releasePart(int index) {
        return index < release.length ? release[index] : 0;
    }

    public long major() {
        return releasePart(0);
    }

    public long minor() {
        return releasePart(1);
    }

    public long micro() {
        return releasePart(2);
    }

    /** The pre-release label, {@code a}, {@code b} or {@code rc}, or null. */
    public String preLabel() {
        return preLabel;
    }

    /** The pre-release number; meaningful only when {@link #preLabel()} is not null. */
    public long preNumber() {
        return preNumber;
    }

    /** The post-release number, or null. */
    public Long post() {
        return post;
    }

    /** The development-release number, or null. */
    public Long dev() {
        return dev;
    }

    /** The local version label in normal form ({@code ubuntu.1}), or null. */
    public String local() {
        if (local == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Object seg : local) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(seg);
        }
        return b.toString();
    }

    /** packaging's {@code is_prerelease}: a pre-release or a development release. */
    public boolean isPrerelease() {
        return dev != null || preLabel != null;
    }

    public boolean isPostrelease() {
        return post != null;
    }

    public boolean isDevrelease() {
        return dev != null;
    }

    /** The version without its local label (PEP 440 "public version identifier"). */
    public String publicVersion() {
        String s = toString();
        int plus = s.indexOf('+');
        return plus < 0 ? s : s.substring(0, plus);
    }

    /** Epoch and release only ({@code 1!2.0rc1+x} → {@code 1!2.0}). */
    public String baseVersion() {
        StringBuilder b = new StringBuilder();
        if (epoch != 0) {
            b.append(epoch).append('!');
        }
        appendRelease(b);
        return b.toString();
    }

    /** This version without its local label. */
    public Version withoutLocal() {
        return local == null ? this : new Version(epoch, release, preLabel, preNumber, post, dev, null);
    }

    /** The version this is a post-release of: without post, dev and local ({@code 1.0.post1.dev2} → {@code 1.0}). */
    public Version postBase() {
        return new Version(epoch, release, preLabel, preNumber, null, null, null);
    }

    /** The earliest pre-release of this version: dev 0, no local ({@code 1.2} → {@code 1.2.dev0}). */
    public Version withDevZero() {
        return new Version(epoch, release, preLabel, preNumber, post, 0L, null);
    }

    /** The normal form with trailing zeros of the release removed, one component kept (PEP 625). */
    public String toStringTrimmed() {
        long[] t = trimmed;
        if (t.length == 0) {
            t = new long[] {0};
        }
        return new Version(epoch, t, preLabel, preNumber, post, dev, local).toString();
    }

    /** This version reduced to epoch and release. */
    public Version base() {
        return new Version(epoch, release, null, 0, null, null, null);
    }

    /** The release with trailing zeros removed, as compared (PEP 440 "Release segment" zero padding). */
    long[] trimmedRelease() {
        return trimmed.clone();
    }

    private static long[] trim(long[] release) {
        int n = release.length;
        while (n > 0 && release[n - 1] == 0) {
            n--;
        }
        return java.util.Arrays.copyOf(release, n);
    }

    long[] rawRelease() {
        return release.clone();
    }

    private void appendRelease(StringBuilder b) {
        for (int i = 0; i < release.length; i++) {
            if (i > 0) {
                b.append('.');
            }
            b.append(release[i]);
        }
    }

    /** The PEP 440 normal form. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(baseVersion());
        if (preLabel != null) {
            b.append(preLabel).append(preNumber);
        }
        if (post != null) {
            b.append(".post").append(post);
        }
        if (dev != null) {
            b.append(".dev").append(dev);
        }
        if (local != null) {
            b.append('+').append(local());
        }
        return b.toString();
    }

    @Override
    public int compareTo(Version o) {
        int c = Long.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(trimmed, o.trimmed);
        if (c != 0) {
            return c;
        }
        long[] a = suffix;
        long[] b = o.suffix;
        for (int i = 0; i < a.length; i++) {
            c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        // PEP 440 "Local version identifiers": without a local label sorts before with one.
        if (local == null || o.local == null) {
            return local == null ? (o.local == null ? 0 : -1) : 1;
        }
        for (int i = 0; i < Math.min(local.size(), o.local.size()); i++) {
            c = compareLocalSegment(local.get(i), o.local.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(local.size(), o.local.size());
    }

    static int compareRelease(long[] a, long[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** PEP 440: alphanumeric local segments sort before numeric ones; numbers compare numerically. */
    private static int compareLocalSegment(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        return a instanceof String ? -1 : 1;
    }

    /**
     * PEP 440 ordering within one release: dev-only releases before pre-releases (a &lt; b &lt; rc),
     * then the final release, then post-releases; a dev release sorts before the release it leads to.
     */
    private long[] computeSuffix() {
        long preRank;
        long preN = 0;
        if (preLabel == null && post == null && dev != null) {
            preRank = -1;
        } else if (preLabel == null) {
            preRank = 3;
        } else {
            preRank = switch (preLabel) {
                case "a" -> 0;
                case "b" -> 1;
                default -> 2;
            };
            preN = preNumber;
        }
        return new long[] {
            preRank, preN,
            post == null ? 0 : 1, post == null ? 0 : post,
            dev == null ? 1 : 0, dev == null ? 0 : dev
        };
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(epoch);
        h = 31 * h + java.util.Arrays.hashCode(trimmed);
        h = 31 * h + java.util.Arrays.hashCode(suffix);
        return 31 * h + Objects.hashCode(local);
    }
}
