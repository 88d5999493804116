package dev.wheelwright.spec;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed wheel file name, {@code {distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl}
 * (PEP 427 "File name convention"), checked as pypa/packaging's {@code parse_wheel_filename} checks it.
 *
 * @param distribution the distribution part as written ({@code Foo_Bar})
 * @param name the PEP 503 normalised name ({@code foo-bar})
 * @param version the version
 * @param build the build tag, or null when the name has none
 * @param tags the expanded compressed tag set, in the order written
 * @param filename the file name parsed (no directory)
 */
public record WheelFilename(String distribution, String name, Version version, BuildTag build,
        Set<Tag> tags, String filename) {

    private static final class Grammar {
        // PEP 427 "Escaping and Unicode": the name part holds word characters, digits, dots and
        // underscores only (runs of '-' became '_'); packaging also refuses a doubled underscore.
        static final Pattern NAME = Pattern.compile("[\\w\\d._]*", Pattern.UNICODE_CHARACTER_CLASS);
        // PEP 427: the build tag must start with a digit.
        static final Pattern BUILD = Pattern.compile("([0-9]+)(.*)");
    }

    public WheelFilename {
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        tags = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(Objects.requireNonNull(tags, "tags")));
        Objects.requireNonNull(filename, "filename");
    }

    /**
     * Parses a wheel file name (just the name: a directory part is refused as a bad name).
     *
     * @throws InvalidWheelFilenameException with a message quoting the name; its subclass
     *     {@link InvalidBuildTagException} for a build tag that does not start with a digit; an
     *     invalid version has the {@link InvalidVersionException} as its cause
     */
    public static WheelFilename parse(String filename) {
        return parse(filename, false);
    }

    /**
     * Like {@link #parse(String)}; with {@code validateOrder}, compressed tag sets must list their
     * values in sorted order (PEP 425), as packaging's {@code validate_order} checks.
     */
    public static WheelFilename parse(String filename, boolean validateOrder) {
        Objects.requireNonNull(filename, "filename");
        String quoted = Py.repr(filename);
        if (!filename.endsWith(".whl")) {
            throw new InvalidWheelFilenameException("Invalid wheel filename (extension must be '.whl'): " + quoted);
        }
        String stem = filename.substring(0, filename.length() - 4);
        int dashes = 0;
        for (int i = 0; i < stem.length(); i++) {
            if (stem.charAt(i) == '-') {
                dashes++;
            }
        }
        if (dashes != 4 && dashes != 5) {
            throw new InvalidWheelFilenameException("Invalid wheel filename (wrong number of parts): " + quoted);
        }
        // Split off the name, version (and build) from the left; the tag set (two dashes) is the rest.
        String[] parts = stem.split("-", dashes - 1);
        String distribution = parts[0];
        if (distribution.contains("__") || !Grammar.NAME.matcher(distribution).matches()) {
            throw new InvalidWheelFilenameException("Invalid project name: " + quoted);
        }
        Version version;
        try {
            version = Version.parse(parts[1]);
        } catch (InvalidVersionException e) {
            throw new InvalidWheelFilenameException("Invalid wheel filename (invalid version): " + quoted, e);
        }
        BuildTag build = null;
        if (dashes == 5) {
            String buildPart = parts[2];
            Matcher m = Grammar.BUILD.matcher(buildPart);
            if (!m.lookingAt()) {
                throw new InvalidBuildTagException("Invalid build number: " + buildPart + " in " + quoted);
            }
            try {
                build = new BuildTag(Integer.parseInt(m.group(1)), m.group(2));
            } catch (NumberFormatException tooLarge) {
                throw new InvalidBuildTagException("Invalid build number: " + buildPart + " in " + quoted
                        + " (number too large)");
            }
        }
        String tagText = parts[parts.length - 1];
        Set<Tag> tags;
        try {
            tags = Tag.parse(tagText, validateOrder);
        } catch (UnsortedTagsException e) {
            throw new InvalidWheelFilenameException("Invalid wheel filename (compressed tag set components must be in"
                    + " sorted order per PEP 425): " + quoted, e);
        }
        return new WheelFilename(distribution, Names.canonicalize(distribution), version, build, tags, filename);
    }
}
