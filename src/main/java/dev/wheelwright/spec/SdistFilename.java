package dev.wheelwright.spec;

import java.util.Objects;

/**
 * A parsed source distribution file name, {@code {name}-{version}.tar.gz} (or the legacy
 * {@code .zip}), as pypa/packaging's {@code parse_sdist_filename} reads it: the version is what
 * follows the last dash (a PEP 440 version has none).
 *
 * @param distribution the name part as written
 * @param name the PEP 503 normalised name
 * @param version the version
 * @param filename the file name parsed
 */
public record SdistFilename(String distribution, String name, Version version, String filename) {

    public SdistFilename {
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(filename, "filename");
    }

    /**
     * Parses a source distribution file name.
     *
     * @throws InvalidSdistFilenameException with a message quoting the name
     */
    public static SdistFilename parse(String filename) {
        Objects.requireNonNull(filename, "filename");
        String stem;
        if (filename.endsWith(".tar.gz")) {
            stem = filename.substring(0, filename.length() - 7);
        } else if (filename.endsWith(".zip")) {
            stem = filename.substring(0, filename.length() - 4);
        } else {
            throw new InvalidSdistFilenameException(
                    "Invalid sdist filename (extension must be '.tar.gz' or '.zip'): " + Py.repr(filename));
        }
        int dash = stem.lastIndexOf('-');
        if (dash < 0) {
            throw new InvalidSdistFilenameException("Invalid sdist filename: " + Py.repr(filename));
        }
        String namePart = stem.substring(0, dash);
        Version version = Version.parseOrNull(stem.substring(dash + 1));
        if (version == null) {
            throw new InvalidSdistFilenameException("Invalid sdist filename (invalid version): " + Py.repr(filename),
                    new InvalidVersionException("Invalid version: " + Py.repr(stem.substring(dash + 1))));
        }
        return new SdistFilename(namePart, Names.canonicalize(namePart), version, filename);
    }
}
