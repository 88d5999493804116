package dev.wheelwright.spec;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PEP 508 dependency specifier: {@code name [extras] specifier-or-url ; marker}, parsed as
 * pypa/packaging's {@code Requirement} parses it.
 *
 * @param name the name as written
 * @param extras the extras as written (sorted, no duplicates)
 * @param specifier the version specifiers (empty when none or with a URL)
 * @param url the direct reference after {@code @}, or null
 * @param marker the environment marker, or null
 */
public record Requirement(String name, Set<String> extras, SpecifierSet specifier, String url, Marker marker) {

    public Requirement {
        Objects.requireNonNull(name, "name");
        extras = Collections.unmodifiableSet(new TreeSet<>(extras));
        Objects.requireNonNull(specifier, "specifier");
    }

    /**
     * Parses a requirement.
     *
     * @throws InvalidRequirementException with packaging's message, the input and the column
     */
    public static Requirement parse(String text) {
        Objects.requireNonNull(text, "text");
        Pep508Parser.ParsedRequirement p;
        try {
            p = Pep508Parser.parseRequirement(text);
        } catch (Pep508Parser.SyntaxError e) {
            throw new InvalidRequirementException("Invalid requirement: " + e.oneLine(), e.detail());
        }
        SpecifierSet spec;
        try {
            spec = SpecifierSet.parse(p.specifier());
        } catch (InvalidSpecifierException e) {
            throw new InvalidRequirementException("Invalid requirement " + Pep508Parser.excerpt(text) + ": " + e.getMessage(), e);
        }
        return new Requirement(p.name(), new TreeSet<>(p.extras()), spec, p.url().isEmpty() ? null : p.url(),
                p.marker() == null ? null : Marker.fromParsed(p.marker()));
    }

    /** The PEP 503 normalised name. */
    public String normalizedName() {
        return Names.canonicalize(name);
    }

    /** packaging's {@code str(Requirement)}: name, sorted extras, specifiers, {@code @ url}, {@code ; marker}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name);
        if (!extras.isEmpty()) {
            b.append('[').append(String.join(",", extras)).append(']');
        }
        if (!specifier.isEmpty()) {
            b.append(specifier);
        }
        if (url != null) {
            b.append(" @ ").append(url);
            if (marker != null) {
                b.append(' ');
            }
        }
        if (marker != null) {
            b.append("; ").append(marker);
        }
        return b.toString();
    }
}
