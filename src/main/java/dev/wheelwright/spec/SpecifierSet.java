package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A comma-separated set of PEP 440 version specifiers, all of which a version must satisfy, with
 * pypa/packaging's pre-release rules: pre-releases are admitted when asked for, when a specifier
 * names one, or (PEP 440 "Handling of pre-releases") when nothing but pre-releases matches.
 */
public final class SpecifierSet {

    private final List<Specifier> specs;
    private final Boolean prereleases;
    private final boolean hasArbitrary;
    private final Boolean effectivePrereleases;

    private SpecifierSet(List<Specifier> specs, Boolean prereleases, boolean hasArbitrary) {
        this.specs = List.copyOf(specs);
        this.prereleases = prereleases;
        this.hasArbitrary = hasArbitrary;
        this.effectivePrereleases = computePrereleases();
    }

    /**
     * Parses {@code ">=1.0, <2, !=1.5"}; an empty or blank text is the set that admits everything.
     *
     * @throws InvalidSpecifierException naming the first bad specifier
     */
    public static SpecifierSet parse(String text) {
        return parse(text, null);
    }

    /** Parses with an explicit pre-release policy (null: decided by the specifiers). */
    public static SpecifierSet parse(String text, Boolean prereleases) {
        Objects.requireNonNull(text, "text");
        List<Specifier> specs = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String s = Py.strip(part);
            if (!s.isEmpty()) {
                specs.add(Specifier.parse(s));
            }
        }
        return new SpecifierSet(specs, prereleases, text.contains("==="));
    }

    /**
     * Both sets at once (packaging {@code &}): all specifiers of this set and of {@code other}; an
     * explicit pre-release policy of either carries over.
     *
     * @throws IllegalArgumentException when one set admits pre-releases explicitly and the other refuses them
     */
    public SpecifierSet and(SpecifierSet other) {
        List<Specifier> all = new ArrayList<>(specs);
        all.addAll(other.specs);
        Boolean pre;
        if (prereleases == null || prereleases.equals(other.prereleases)) {
            pre = other.prereleases;
        } else if (other.prereleases == null) {
            pre = prereleases;
        } else {
            throw new IllegalArgumentException("Cannot combine SpecifierSets with True and False prerelease overrides.");
        }
        return new SpecifierSet(all, pre, hasArbitrary || other.hasArbitrary);
    }

    /** The specifiers in the order written. */
    public List<Specifier> specifiers() {
        return specs;
    }

    public boolean isEmpty() {
        return specs.isEmpty();
    }

    /** packaging {@code SpecifierSet.prereleases}: explicit, else true if any specifier admits them, else null. */
    public Boolean prereleases() {
        return effectivePrereleases;
    }

    private Boolean computePrereleases() {
        if (prereleases != null) {
            return prereleases;
        }
        if (specs.isEmpty()) {
            return null;
        }
        return specs.stream().anyMatch(s -> Boolean.TRUE.equals(s.prereleases())) ? Boolean.TRUE : null;
    }

    /**
     * Whether {@code version} satisfies every specifier. {@code prereleases}: true admits
     * pre-releases, false refuses them, null follows the set (and a lone pre-release is admitted
     * when it matches, as there is no other version).
     */
    public boolean contains(Version version, Boolean prereleases) {
        return !filterItems(List.of(new Specifier.Item<>(version, version.toString(), version)), prereleases).isEmpty();
    }

    public boolean contains(Version version) {
        return contains(version, null);
    }

    /** Like {@link #contains(Version, Boolean)} for a version string, which {@code ===} compares as written. */
    public boolean contains(String version, Boolean prereleases) {
        Version v = Specifier.coerce(version);
        String text = v == null || hasArbitrary ? version : v.toString();
        return !filterItems(List.of(new Specifier.Item<>(version, text, v)), prereleases).isEmpty();
    }

    /** The versions that satisfy the set, in the given order (packaging {@code filter}). */
    public List<String> filter(Iterable<String> versions, Boolean prereleases) {
        return filter(versions, Function.identity(), prereleases);
    }

    /** The items whose {@code key} version satisfies the set, in the given order. */
    public <T> List<T> filter(Iterable<T> items, Function<T, String> key, Boolean prereleases) {
        List<Specifier.Item<T>> list = new ArrayList<>();
        for (T item : items) {
            String text = key.apply(item);
            list.add(new Specifier.Item<>(item, text, Specifier.coerce(text)));
        }
        return Specifier.Item.values(filterItems(list, prereleases));
    }

    /** The versions of {@code versions} (already parsed) that satisfy the set, in order. */
    public List<Version> filterVersions(Iterable<Version> versions, Boolean prereleases) {
        List<Specifier.Item<Version>> list = new ArrayList<>();
        versions.forEach(v -> list.add(new Specifier.Item<>(v, v.toString(), v)));
        return Specifier.Item.values(filterItems(list, prereleases));
    }

    private <T> List<Specifier.Item<T>> filterItems(List<Specifier.Item<T>> items, Boolean prereleases) {
        if (prereleases == null && prereleases() != null) {
            prereleases = prereleases();
        }
        if (!specs.isEmpty()) {
            boolean admit = prereleases == null || prereleases;
            List<Specifier.Item<T>> filtered;
            if (specs.size() == 1) {
                filtered = specs.get(0).filter(items, admit);
            } else {
                filtered = new ArrayList<>();
                for (Specifier.Item<T> item : items) {
                    if (matchesAll(item, admit)) {
                        filtered.add(item);
                    }
                }
            }
            return prereleases != null ? filtered : pep440FilterPrereleases(filtered);
        }
        if (Boolean.TRUE.equals(prereleases)) {
            return items;
        }
        if (Boolean.FALSE.equals(prereleases)) {
            List<Specifier.Item<T>> out = new ArrayList<>();
            for (Specifier.Item<T> item : items) {
                if (item.version() == null || !item.version().isPrerelease()) {
                    out.add(item);
                }
            }
            return out;
        }
        return pep440FilterPrereleases(items);
    }

    private boolean matchesAll(Specifier.Item<?> item, boolean admitPrereleases) {
        Version parsed = item.version();
        if (parsed == null) {
            // Only === can match text that is no version.
            return specs.stream().allMatch(s -> s.operator().equals("===") && s.matchesArbitrary(item.text()));
        }
        if (!admitPrereleases && parsed.isPrerelease()) {
            return false;
        }
        for (Specifier s : specs) {
            boolean ok = s.operator().equals("===") ? s.matchesArbitrary(item.text()) : s.matches(parsed);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** PEP 440: pre-releases are left out unless no final release is among the items. */
    private static <T> List<Specifier.Item<T>> pep440FilterPrereleases(List<Specifier.Item<T>> items) {
        List<Specifier.Item<T>> out = new ArrayList<>();
        List<Specifier.Item<T>> nonFinal = new ArrayList<>();
        List<Specifier.Item<T>> arbitrary = new ArrayList<>();
        boolean foundFinal = false;
        for (Specifier.Item<T> item : items) {
            Version parsed = item.version();
            if (parsed == null) {
                if (foundFinal) {
                    out.add(item);
                } else {
                    arbitrary.add(item);
                    nonFinal.add(item);
                }
            } else if (!parsed.isPrerelease()) {
                if (!foundFinal) {
                    out.addAll(arbitrary);
                    foundFinal = true;
                }
                out.add(item);
            } else if (!foundFinal) {
                nonFinal.add(item);
            }
        }
        return foundFinal ? out : nonFinal;
    }

    /** The specifiers sorted by text, duplicates (by canonical form) dropped, joined by commas. */
    @Override
    public String toString() {
        List<Specifier> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparing(Specifier::toString));
        LinkedHashSet<Specifier> unique = new LinkedHashSet<>(sorted);
        StringBuilder b = new StringBuilder();
        for (Specifier s : unique) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(s);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecifierSet s && new LinkedHashSet<>(specs).equals(new LinkedHashSet<>(s.specs));
    }

    @Override
    public int hashCode() {
        return new LinkedHashSet<>(specs).hashCode();
    }
}
