package dev.wheelwright.index;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.spec.Marker;
import dev.wheelwright.spec.Names;
import dev.wheelwright.spec.Requirement;
import dev.wheelwright.spec.Specifier;
import dev.wheelwright.spec.SpecifierSet;
import dev.wheelwright.spec.Version;
import java.util.List;
import java.util.Map;

/**
 * What resolution needs from PEP 508 and PEP 440, on top of the {@code spec} package's
 * {@link Requirement}, {@link SpecifierSet} and {@link Marker}: the requirement as written (for
 * reports), the PEP 592 "pinned" test, pre-release admission and marker evaluation that treats an
 * undefined comparison as false rather than failing the whole run.
 */
final class Pep508 {
    private Pep508() {}

    /** A parsed requirement and the text it was parsed from. */
    record Req(Requirement requirement, String text) {
        String normalizedName() {
            return requirement.normalizedName();
        }

        List<String> extras() {
            return requirement.extras().stream().map(Names::canonicalize).toList();
        }

        SpecifierSet specifierSet() {
            return requirement.specifier();
        }

        /** The specifiers as text ("" for any version). */
        String specifier() {
            return requirement.specifier().toString();
        }

        String url() {
            return requirement.url();
        }

        Marker marker() {
            return requirement.marker();
        }

        /**
         * PEP 592: a requirement pinned to one version ({@code ==V} or {@code ===V}, also among other
         * specifiers, as pip's is_pinned) may use a yanked file.
         */
        boolean pinned() {
            List<Specifier> specs = requirement.specifier().specifiers();
            return specs.stream().anyMatch(sp -> sp.operator().equals("===")
                    || sp.operator().equals("==") && !sp.version().endsWith(".*"));
        }
    }

    /**
     * Parses a PEP 508 requirement.
     *
     * @throws WheelwrightException (the spec package's InvalidRequirementException) naming the requirement
     */
    static Req requirement(String text) {
        return new Req(Requirement.parse(text), text.strip());
    }

    /** Whether {@code v} satisfies the set; pre-releases admitted when {@code prereleases}. */
    static boolean contains(SpecifierSet set, Version v, boolean prereleases) {
        return set.contains(v, prereleases);
    }

    /** PEP 440 "Handling of pre-releases": the set names a pre-release, so pre-releases are admitted. */
    static boolean allowsPrereleases(SpecifierSet set) {
        return Boolean.TRUE.equals(set.prereleases());
    }

    /**
     * PEP 508 "Environment Markers" in the given environment. A comparison packaging cannot make
     * (an undefined one) counts as false: the dependency is left out, as it would not apply.
     */
    static boolean markerHolds(Marker marker, Map<String, String> env) {
        if (marker == null) {
            return true;
        }
        try {
            return marker.evaluate(env);
        } catch (WheelwrightException e) {
            return false;
        }
    }

    /** Requires-Python (a specifier set) admits the version; an invalid one admits everything, as pip. */
    static boolean requiresPythonAllows(String requiresPython, Version python) {
        if (requiresPython == null || requiresPython.isBlank()) {
            return true;
        }
        try {
            return SpecifierSet.parse(requiresPython).contains(python, true);
        } catch (WheelwrightException e) {
            return true;
        }
    }
}
