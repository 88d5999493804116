package dev.wheelwright.index;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A PEP 503 / PEP 691 simple repository. The project page is {@code <base>/<normalized-name>/};
 * the request asks for JSON first and HTML as a fallback (PEP 691 "Content negotiation"), and
 * the response's Content-Type decides how it is read.
 */
public final class SimpleRepository implements PackageSource {
    /** PEP 691: prefer JSON, accept the versioned HTML, then legacy text/html. */
    public static final String ACCEPT = SimplePageParser.JSON_TYPE + ", "
            + SimplePageParser.HTML_TYPE + ";q=0.1, text/html;q=0.01";

    private final URI base;
    private final HttpFetcher http;

    public SimpleRepository(URI base, HttpFetcher http) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.http = http;
    }

    public URI base() {
        return base;
    }

    @Override
    public List<DistributionFile> files(String normalizedName) {
        URI page = base.resolve(normalizedName + "/");
        HttpFetcher.Response r = http.get(page, ACCEPT, false);
        if (!r.ok()) {
            return List.of();
        }
        String body = new String(r.body(), StandardCharsets.UTF_8);
        // Links are relative to where the page really is, after a redirect (e.g. to a canonical URL).
        return SimplePageParser.parse(r.contentType(), body, r.url(), base.toString());
    }

    @Override
    public String location(String normalizedName) {
        return base.resolve(normalizedName + "/").toString();
    }

    @Override
    public String describe() {
        return base.toString();
    }
}
