package dev.wheelwright.index;

import dev.wheelwright.spec.Names;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All the places pip would look, merged: the files of a project from every index and find-links
 * location, and the core metadata of one file. A source that fails for one project is reported
 * as a problem of that project, so the rest of the report still comes out. Pages and metadata are
 * remembered for the run.
 */
public final class PackageFinder {
    private final List<PackageSource> sources;
    private final HttpFetcher http;
    private final Map<String, ProjectPage> pages = new HashMap<>();
    private final Map<URI, CoreMetadata> metadata = new HashMap<>();

    public PackageFinder(List<PackageSource> sources, HttpFetcher http) {
        this.sources = List.copyOf(sources);
        this.http = http;
    }

    /** Sources from settings: index first, then extra indexes, then find-links. */
    public static PackageFinder of(IndexSettings settings, HttpFetcher http) {
        List<PackageSource> sources = new ArrayList<>();
        if (settings.indexUrl() != null) {
            sources.add(new SimpleRepository(toUri(settings.indexUrl()), http));
        }
        for (String extra : settings.extraIndexUrls()) {
            sources.add(new SimpleRepository(toUri(extra), http));
        }
        for (String link : settings.findLinks()) {
            sources.add(FindLinks.of(link, http));
        }
        return new PackageFinder(sources, http);
    }

    private static URI toUri(String url) {
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")
                    || u.getScheme().equals("file"))) {
                throw new IndexException(url + ": index URL must be http, https or file");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IndexException(url + ": malformed index URL");
        }
    }

    public List<PackageSource> sources() {
        return sources;
    }

    /** The files of one project from all sources. */
    public ProjectPage project(String name) {
        String normalized = Names.canonicalize(name);
        return pages.computeIfAbsent(normalized, n -> {
            List<DistributionFile> files = new ArrayList<>();
            List<IndexProblem> problems = new ArrayList<>();
            List<String> notFound = new ArrayList<>();
            for (PackageSource s : sources) {
                try {
                    List<DistributionFile> found = s.files(n);
                    if (found.isEmpty()) {
                        notFound.add(s.location(n));
                    }
                    files.addAll(found);
                } catch (IndexException e) {
                    problems.add(IndexProblem.of(IndexProblem.Kind.PAGE, e.getMessage(), s.describe(), n));
                }
            }
            return new ProjectPage(n, files, problems, notFound);
        });
    }

    /**
     * The core metadata of a file: local wheels are read directly; PEP 658 metadata files are
     * used when the index announces them; otherwise METADATA is read from the remote wheel with
     * HTTP range requests, and when the server does not allow that, the wheel is downloaded (and
     * cached, and checked against the index's sha256).
     *
     * @throws IndexException when it cannot be obtained
     */
    /**
     * Checks a downloaded file against the sha256 the index gave (PEP 503: the URL fragment;
     * PEP 691: {@code hashes}), as pip does before it trusts a file.
     */
    static void verify(DistributionFile file, byte[] body) {
        verify(file.url(), file.hashes(), body);
    }

    /** Checks a body against the sha256 of a hash map (PEP 658: also the metadata file's). */
    static void verify(URI url, Map<String, String> hashes, byte[] body) {
        String expected = hashes.get("sha256");
        if (expected == null) {
            return;
        }
        try {
            String actual = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
            if (!actual.equalsIgnoreCase(expected)) {
                throw new IndexException(url + ": sha256 mismatch (index says " + expected + ", file has " + actual + ")");
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public CoreMetadata metadata(DistributionFile file) {
        CoreMetadata known = metadata.get(file.url());
        if (known != null) {
            return known;
        }
        CoreMetadata md;
        if ("file".equals(file.url().getScheme()) && !file.hasMetadata()) {
            md = CoreMetadata.fromWheel(Path.of(file.url()));
        } else {
            md = null;
            if (file.hasMetadata()) {
                HttpFetcher.Response r = http.get(file.metadataUrl(), "*/*", true);
                if (r.ok()) {
                    try {
                        // PEP 658: the index's hash of the metadata file is checked, as for the file itself.
                        verify(file.metadataUrl(), file.metadataHashes(), r.body());
                    } catch (IndexException e) {
                        http.forget(file.metadataUrl(), "*/*");
                        throw e;
                    }
                    md = CoreMetadata.parse(new String(r.body(), StandardCharsets.UTF_8));
                }
            }
            if (md == null && file.isWheel()) {
                // No PEP 658 file: read METADATA through range requests before downloading the wheel.
                md = RemoteWheelMetadata.read(http, file).orElse(null);
            }
            if (md == null) {
                HttpFetcher.Response r = http.get(file.url(), "*/*", true);
                if (!r.ok()) {
                    throw new IndexException(file.url() + ": HTTP " + r.status());
                }
                try {
                    verify(file, r.body());
                } catch (IndexException e) {
                    http.forget(file.url(), "*/*");
                    throw e;
                }
                md = CoreMetadata.fromWheel(file.url().toString(), r.body());
            }
        }
        metadata.put(file.url(), md);
        return md;
    }
}
