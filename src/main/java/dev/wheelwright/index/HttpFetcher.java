package dev.wheelwright.index;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP GET with an on-disk cache: cached responses are revalidated with If-None-Match /
 * If-Modified-Since (a 304 serves the cached body), immutable files (wheels, metadata named by
 * their hash) are served from the cache without asking, {@code offline} serves only the cache.
 * Server errors (5xx) and connection failures are retried with exponential back-off. Every
 * failure becomes one {@link IndexException} line naming the URL.
 */
public final class HttpFetcher {
    private final HttpClient client;
    private final HttpCache cache;
    private final boolean offline;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;

    /**
     * What a fetch gave: the status (200, or 404 for a missing project), the body and its type.
     * {@code url} is where the body came from after redirects: relative links on a page resolve
     * against it (RFC 3986 5.1.3, the base URI is the retrieval URI).
     */
    public record Response(URI url, int status, String contentType, byte[] body, boolean fromCache) {
        public boolean ok() {
            return status == 200;
        }
    }

    public HttpFetcher(HttpCache cache, boolean offline, int attempts, Duration backoff, Duration timeout) {
        this.cache = cache;
        this.offline = offline;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Defaults for the command line: 3 attempts, 0.5 s first back-off, 30 s timeout. */
    public static HttpFetcher standard(HttpCache cache, boolean offline) {
        return new HttpFetcher(cache, offline, 3, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** Forgets what the cache holds for a URL (as fetched with {@code accept}, or as the range {@code accept}). */
    public void forget(URI url, String accept) {
        if (cache != null) {
            cache.remove(url.toString(), accept);
        }
    }

    public boolean offline() {
        return offline;
    }

    /**
     * Fetches a URL.
     *
     * @param accept    the Accept header (also part of the cache key)
     * @param immutable the content never changes (a file named by version): a cached copy is used as is
     * @return the response; a 404/410 is returned with that status and no body (the caller decides)
     * @throws IndexException when the URL cannot be fetched (offline miss, unreachable, other errors)
     */
    public Response get(URI url, String accept, boolean immutable) {
        if ("file".equals(url.getScheme())) {
            return local(url);
        }
        String key = url.toString();
        Optional<HttpCache.Entry> cached = cache == null ? Optional.empty() : cache.get(key, accept);
        if (cached.isPresent() && (offline || immutable)) {
            return fromCache(url, cached.get());
        }
        if (offline) {
            throw new IndexException(url + ": not in the cache and --offline is set");
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("User-Agent", "wheelwright/" + dev.wheelwright.index.IndexVersion.VERSION);
        if (accept != null) {
            req.header("Accept", accept);
        }
        if (cached.isPresent()) {
            // RFC 9110 13.1: conditional request with the stored validators.
            if (cached.get().etag() != null) {
                req.header("If-None-Match", cached.get().etag());
            }
            if (cached.get().lastModified() != null) {
                req.header("If-Modified-Since", cached.get().lastModified());
            }
        }
        HttpResponse<byte[]> resp = send(url, req.build());
        int status = resp.statusCode();
        if (status == 304 && cached.isPresent()) {
            cache.touch(key, accept);
            return fromCache(url, cached.get());
        }
        if (status == 404 || status == 410) {
            return new Response(url, status, null, new byte[0], false);
        }
        if (status != 200) {
            throw new IndexException(url + ": HTTP " + status + reason(status));
        }
        String type = resp.headers().firstValue("Content-Type").orElse("");
        HttpCache.Entry entry = new HttpCache.Entry(resp.uri().toString(), type, resp.headers().firstValue("ETag").orElse(null),
                resp.headers().firstValue("Last-Modified").orElse(null), resp.body());
        if (cache != null && !noStore(resp)) {
            cache.put(key, accept, entry);
        }
        return new Response(resp.uri(), 200, type, resp.body(), false);
    }

    /**
     * What a range request gave: 206 with the part asked for and the file's total size, or 200
     * with the whole file (a server that ignores Range; RFC 9110 14.2).
     */
    public record RangeResponse(int status, byte[] body, long start, long total) {}

    /**
     * GET with a {@code Range: bytes=...} header (RFC 9110 14.1.2; a suffix range {@code -N} asks
     * for the last N bytes). The file must be immutable (a wheel): answers are cached as they are.
     *
     * @throws IndexException when the URL cannot be fetched, or for a status other than 200/206
     */
    public RangeResponse getRange(URI url, String range) {
        String accept = rangeKey(range);
        Optional<HttpCache.Entry> cached = cache == null ? Optional.empty() : cache.get(url.toString(), accept);
        if (cached.isPresent()) {
            return rangeOf(url, cached.get().contentType(), cached.get().body());
        }
        if (offline) {
            throw new IndexException(url + ": not in the cache and --offline is set");
        }
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("User-Agent", "wheelwright/" + IndexVersion.VERSION)
                .header("Range", "bytes=" + range)
                .build();
        HttpResponse<byte[]> resp = send(url, req);
        String kind;
        if (resp.statusCode() == 206) {
            kind = "206 " + resp.headers().firstValue("Content-Range").orElse("");
        } else if (resp.statusCode() == 200) {
            kind = "200";
        } else if (resp.statusCode() == 416) {
            return new RangeResponse(416, new byte[0], 0, 0); // range not satisfiable: the caller downloads
        } else {
            throw new IndexException(url + ": HTTP " + resp.statusCode() + reason(resp.statusCode()));
        }
        RangeResponse r = rangeOf(url, kind, resp.body());
        if (cache != null) {
            cache.put(url.toString(), accept, new HttpCache.Entry(url.toString(), kind, null, null, resp.body()));
        }
        return r;
    }

    /** The cache key part of a range request. */
    static String rangeKey(String range) {
        return "range " + range;
    }

    private static RangeResponse rangeOf(URI url, String kind, byte[] body) {
        if (kind.equals("200")) {
            return new RangeResponse(200, body, 0, body.length);
        }
        // "206 bytes 100-199/1000"
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("206 bytes (\\d+)-(\\d+)/(\\d+)").matcher(kind);
        if (!m.matches()) {
            throw new IndexException(url + ": malformed Content-Range in a partial answer ('" + kind.substring(4) + "')");
        }
        return new RangeResponse(206, body, Long.parseLong(m.group(1)), Long.parseLong(m.group(3)));
    }

    /**
     * A {@code file:} URL, as pip reads a local index: a folder stands for its {@code index.html};
     * a missing file is a 404 (another source may have the project).
     */
    private static Response local(URI url) {
        java.nio.file.Path p;
        try {
            p = java.nio.file.Path.of(url);
        } catch (IllegalArgumentException e) {
            throw new IndexException(url + ": malformed file URL");
        }
        if (java.nio.file.Files.isDirectory(p)) {
            p = p.resolve("index.html");
        }
        if (!java.nio.file.Files.isRegularFile(p)) {
            return new Response(url, 404, null, new byte[0], false);
        }
        try {
            String type = p.getFileName().toString().endsWith(".json") ? SimplePageParser.JSON_TYPE : "text/html";
            return new Response(url, 200, type, java.nio.file.Files.readAllBytes(p), false);
        } catch (IOException e) {
            throw new IndexException(url + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private HttpResponse<byte[]> send(URI url, HttpRequest request) {
        String last = "unknown error";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<byte[]> resp = exchange(request);
                if (resp.statusCode() < 500 || attempt == attempts) {
                    return resp;
                }
                last = "HTTP " + resp.statusCode();
            } catch (HttpConnectTimeoutException e) {
                last = "connection timed out";
            } catch (HttpTimeoutException e) {
                last = "timed out after " + timeout.toSeconds() + " s";
            } catch (ConnectException e) {
                last = "cannot connect" + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "");
            } catch (IOException e) {
                last = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IndexException(url + ": interrupted");
            }
            if (attempt < attempts) {
                sleep(backoff.multipliedBy(1L << (attempt - 1)));
            }
        }
        throw new IndexException(url + ": cannot reach the index: " + last
                + (attempts > 1 ? " (after " + attempts + " attempts)" : ""));
    }

    /**
     * One request. The request timeout of the JDK client ends when the headers arrive; a server
     * that then stalls in the body would hang the run. So the timeout is also applied to the
     * body as an inactivity limit (as pip's socket read timeout): no byte for that long ends it.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        java.util.concurrent.atomic.AtomicLong lastActivity = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            lastActivity.set(System.nanoTime());
            HttpResponse.BodySubscriber<byte[]> inner = HttpResponse.BodySubscribers.ofByteArray();
            return new HttpResponse.BodySubscriber<>() {
                @Override
                public java.util.concurrent.CompletionStage<byte[]> getBody() {
                    return inner.getBody();
                }

                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                    inner.onSubscribe(s);
                }

                @Override
                public void onNext(java.util.List<java.nio.ByteBuffer> items) {
                    lastActivity.set(System.nanoTime());
                    inner.onNext(items);
                }

                @Override
                public void onError(Throwable t) {
                    inner.onError(t);
                }

                @Override
                public void onComplete() {
                    inner.onComplete();
                }
            };
        };
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request, handler);
        long slice = Math.max(10, Math.min(250, timeout.toMillis() / 4));
        while (true) {
            try {
                return f.get(slice, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() - lastActivity.get() > timeout.toNanos()) {
                    f.cancel(true);
                    throw new HttpTimeoutException("no data for " + timeout.toSeconds() + " s");
                }
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                throw new IOException(c == null ? "request failed" : String.valueOf(c.getMessage()), c);
            } catch (InterruptedException e) {
                f.cancel(true);
                throw e;
            }
        }
    }

    private static boolean noStore(HttpResponse<?> resp) {
        return resp.headers().allValues("Cache-Control").stream().anyMatch(v -> v.toLowerCase().contains("no-store"));
    }

    private static Response fromCache(URI url, HttpCache.Entry e) {
        URI from = url;
        try {
            from = e.url() == null || e.url().isEmpty() ? url : URI.create(e.url());
        } catch (IllegalArgumentException bad) {
            // an entry written by hand or damaged: the request URL is the best base left
        }
        return new Response(from, 200, e.contentType(), e.body(), true);
    }

    private static String reason(int status) {
        return switch (status) {
            case 401 -> " (authentication required)";
            case 403 -> " (forbidden)";
            default -> status >= 500 ? " (server error)" : "";
        };
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
