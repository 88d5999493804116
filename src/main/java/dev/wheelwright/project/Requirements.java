package dev.wheelwright.project;

import dev.wheelwright.spec.InvalidRequirementException;
import dev.wheelwright.spec.Names;
import dev.wheelwright.spec.Requirement;
import dev.wheelwright.spec.SpecifierSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few facts this package needs from a PEP 508 requirement string: its project name
 * (normalised per PEP 503) and the version specifier text that follows it.
 */
public final class Requirements {
    private Requirements() {}

    // PEP 508: a name starts and ends with a letter or digit and may contain '-', '_' and '.'.
    private static final Pattern NAME = Pattern.compile("^\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)");
    private static final Pattern LOWER_BOUND = Pattern.compile(">=\\s*([0-9]+(?:\\.[0-9]+)*)");

    /**
     * The normalised project name of a requirement (PEP 508, read by the spec parser), or, for
     * text that is not a valid requirement, of the name it starts with; empty when there is none.
     */
    public static Optional<String> name(String requirement) {
        try {
            return Optional.of(Names.canonicalize(Requirement.parse(requirement.strip()).name()));
        } catch (InvalidRequirementException e) {
            Matcher m = NAME.matcher(requirement);
            return m.find() ? Optional.of(normalize(m.group(1))) : Optional.empty();
        }
    }

    // Releases probed to decide whether a setuptools requirement allows 70.1 or later.
    private static final List<String> NEW_SETUPTOOLS = List.of("70.1", "70.3", "72.0", "75.0", "80.0", "100.0", "1000.0");

    /**
     * Whether a setuptools requirement allows a release of 70.1 or later, the first setuptools
     * that builds wheels without the {@code wheel} package (its bdist_wheel moved into
     * setuptools). An unparsable requirement counts as allowing it.
     */
    public static boolean allowsSetuptoolsWithBdistWheel(String setuptoolsRequirement) {
        try {
            SpecifierSet spec = Requirement.parse(setuptoolsRequirement.strip()).specifier();
            return NEW_SETUPTOOLS.stream().anyMatch(v -> spec.contains(v, true));
        } catch (InvalidRequirementException e) {
            return true;
        }
    }

    /** PEP 503: runs of '-', '_' and '.' become one '-', lower case. */
    public static String normalize(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }

    /** The version in a {@code >=X} clause of the requirement, if it has one. */
    public static Optional<String> lowerBound(String requirement) {
        Matcher m = LOWER_BOUND.matcher(requirement);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Compares dotted release numbers numerically ({@link dev.wheelwright.spec.DottedVersions#compare}). */
    public static int compareVersions(String a, String b) {
        return dev.wheelwright.spec.DottedVersions.compare(a, b);
    }
}
