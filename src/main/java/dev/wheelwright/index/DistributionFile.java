package dev.wheelwright.index;

import dev.wheelwright.spec.Names;
import dev.wheelwright.spec.Version;
import dev.wheelwright.spec.WheelFilename;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One file of a project as an index lists it (PEP 503 anchor or PEP 691 JSON file object), or
 * as a find-links folder holds it.
 *
 * @param filename        the file name (last path part of the URL)
 * @param url             where to download it (absolute; a {@code file:} URI for local files)
 * @param hashes          hash name to hex digest, as the index gave them (may be empty)
 * @param requiresPython  the PEP 345 Requires-Python specifier the index announced, or null
 * @param yanked          PEP 592: the file is yanked
 * @param yankedReason    PEP 592: the reason given, or null
 * @param hasMetadata     PEP 658/714: the index serves the core metadata at {@code url + ".metadata"}
 * @param source          the index URL or folder this file came from (for messages)
 * @param metadataHashes  PEP 658/714: hash name to hex digest of the metadata file, as the index gave them (may be empty)
 */
public record DistributionFile(String filename, URI url, Map<String, String> hashes, String requiresPython,
        boolean yanked, String yankedReason, boolean hasMetadata, String source, Map<String, String> metadataHashes) {

    public DistributionFile {
        hashes = Map.copyOf(hashes);
        metadataHashes = Map.copyOf(metadataHashes);
    }

    /** A file without metadata-file hashes (a find-links folder, or an index that gives none). */
    public DistributionFile(String filename, URI url, Map<String, String> hashes, String requiresPython,
            boolean yanked, String yankedReason, boolean hasMetadata, String source) {
        this(filename, url, hashes, requiresPython, yanked, yankedReason, hasMetadata, source, Map.of());
    }

    public boolean isWheel() {
        return filename.toLowerCase(Locale.ROOT).endsWith(".whl");
    }

    /** The parsed wheel name, when this is a wheel with a valid PEP 427 name. */
    public Optional<WheelFilename> wheel() {
        if (!isWheel()) {
            return Optional.empty();
        }
        try {
            return Optional.of(WheelFilename.parse(filename));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether this is a source distribution pip would consider ({@code .tar.gz} or {@code .zip}). */
    public boolean isSdist() {
        String lower = filename.toLowerCase(Locale.ROOT);
        return lower.endsWith(".tar.gz") || lower.endsWith(".zip");
    }

    /**
     * The project name (normalised) and version this file is for. Wheels are parsed per PEP 427;
     * sdists are {@code {name}-{version}.tar.gz} (PEP 625), split at the last dash whose tail is a
     * valid version, as pip does for legacy names that contain dashes.
     */
    public Optional<NameVersion> nameVersion() {
        Optional<WheelFilename> w = wheel();
        if (w.isPresent()) {
            return Optional.of(new NameVersion(w.get().name(), w.get().version()));
        }
        if (!isSdist()) {
            return Optional.empty();
        }
        String lower = filename.toLowerCase(Locale.ROOT);
        String stem = filename.substring(0, filename.length() - (lower.endsWith(".tar.gz") ? 7 : 4));
        for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
            String v = stem.substring(dash + 1);
            if (Version.isValid(v)) {
                return Optional.of(new NameVersion(Names.canonicalize(stem.substring(0, dash)), Version.parse(v)));
            }
        }
        return Optional.empty();
    }

    /** PEP 658: where the core metadata of this file is served. */
    public URI metadataUrl() {
        String s = url.toString();
        int hash = s.indexOf('#');
        return URI.create((hash >= 0 ? s.substring(0, hash) : s) + ".metadata");
    }

    /** A project name (PEP 503 normalised) and a version. */
    public record NameVersion(String name, Version version) {}
}
