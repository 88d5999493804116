package dev.wheelwright.index;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A simple repository for tests: tiny real wheels and sdists written to a folder, served by the
 * JDK HTTP server on 127.0.0.1 (port 0) as PEP 691 JSON or PEP 503 HTML by the Accept header,
 * with ETag revalidation, PEP 658 metadata files, PEP 592 yanks and requires-python. The server
 * counts requests and 304 answers per path, and can be told to fail.
 *
 * <p>The standard fixture ({@link #standard}) holds:
 * <ul>
 * <li>{@code ffilib} 1.0.0, 1.1.0 (macOS x86_64 and manylinux x86_64 wheels only), 1.2.0 (first
 *     with macOS arm64 and manylinux aarch64 wheels), 1.2.1 (yanked), 1.3.0rc1 (pre-release); every
 *     version has an sdist</li>
 * <li>{@code purelib} 2.0 ({@code py3-none-any}; requires {@code ffilib>=1.0} and
 *     {@code winonly; sys_platform == "win32"}); no PEP 658 file, so its METADATA is read from the wheel</li>
 * <li>{@code winonly} 1.0 ({@code win_amd64} wheel only)</li>
 * <li>{@code newpy} 2.0 (requires-python {@code >=3.11}) and 1.0</li>
 * <li>{@code armlater} 1.0 (a macOS x86_64 wheel, no sdist) and 2.0 (a macOS arm64 wheel)</li>
 * <li>{@code sdistonly} 0.5 (an sdist only); {@code cyc-a} 1.0 and {@code cyc-b} 1.0 require each other</li>
 * <li>{@code xtra} 1.0 (extra {@code win} requires {@code winonly}, extra {@code new} requires {@code newpy});
 *     {@code xuser} 1.0 requires {@code xtra[win]}</li>
 * </ul>
 */
public final class FixtureIndex implements AutoCloseable {
    record Project(String name, List<FileSpec> files) {}

    record FileSpec(String filename, byte[] data, String requiresPython, String yanked, boolean metadata,
            String metadataText) {}

    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final HttpServer server;
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();
    final Map<String, String> lastAccept = new ConcurrentHashMap<>();
    /** Paths answered with 500 this many more times. */
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    /** Serve HTML only (a PEP 503 server that ignores Accept). */
    volatile boolean htmlOnly;
    /** Answer Range requests on files with 206 (otherwise they are ignored, as some servers do). */
    volatile boolean ranges;
    /** Range requests answered with 206, per path. */
    final Map<String, AtomicInteger> partial = new ConcurrentHashMap<>();
    /** Validate with Last-Modified / If-Modified-Since instead of ETags. */
    volatile boolean lastModifiedOnly;
    /** Files served with other bytes than the index's hash says. */
    final List<String> corrupt = new ArrayList<>();
    /** Paths whose page is garbage. */
    final List<String> malformed = new ArrayList<>();

    public FixtureIndex() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An index URL whose pages all redirect (301) to those of {@link #simpleUrl()}. */
    public URI movedUrl() {
        return simpleUrl().resolve("/moved/a/b/");
    }

    public URI simpleUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/simple/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Serves the standard fixture until stdin closes (or Ctrl-C), for trying {@code deps} by hand:
     * {@code scripts/serve-fixture-index.sh [FIND_LINKS_DIR]}. With a folder argument, also writes
     * the fixture's files there, as a {@code --find-links} folder.
     */
    public static void main(String[] args) throws IOException {
        try (FixtureIndex ix = standard()) {
            if (args.length > 0) {
                ix.writeFiles(Path.of(args[0]));
                System.out.println("find-links folder: " + args[0]);
            }
            System.out.println("index: " + ix.simpleUrl());
            System.out.println("try:   bin/wheelwright deps --isolated --no-cache --index " + ix.simpleUrl()
                    + " 'purelib' 'ffilib==1.1.0' --target macosx_11_0_arm64 --python 3.9");
            System.out.println("(stops when standard input closes; Ctrl-C also stops it)");
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until stdin closes
            }
        }
    }

    public static FixtureIndex standard() throws IOException {
        FixtureIndex ix = new FixtureIndex();
        for (String v : List.of("1.0.0", "1.1.0")) {
            ix.wheel("ffilib", v, "cp39-cp39-macosx_10_9_x86_64", List.of(), null, null, true);
            ix.wheel("ffilib", v, "cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64", List.of(), null, null, true);
            ix.sdist("ffilib", v, null, null);
        }
        for (String v : List.of("1.2.0", "1.2.1", "1.3.0rc1")) {
            String yank = v.equals("1.2.1") ? "broken build" : null;
            for (String tag : List.of("cp39-cp39-macosx_10_9_x86_64", "cp39-cp39-macosx_11_0_arm64",
                    "cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64", "cp39-cp39-manylinux_2_17_aarch64.manylinux2014_aarch64")) {
                ix.wheel("ffilib", v, tag, List.of(), null, yank, true);
            }
            ix.sdist("ffilib", v, null, yank);
        }
        ix.wheel("purelib", "2.0", "py3-none-any", List.of("ffilib>=1.0", "winonly; sys_platform == \"win32\""), null, null, false);
        ix.wheel("winonly", "1.0", "py3-none-win_amd64", List.of(), null, null, true);
        ix.wheel("newpy", "2.0", "py3-none-any", List.of(), ">=3.11", null, true);
        ix.wheel("newpy", "1.0", "py3-none-any", List.of(), null, null, true);
        ix.sdist("sdistonly", "0.5", null, null);
        ix.wheel("armlater", "1.0", "py3-none-macosx_10_9_x86_64", List.of(), null, null, true);
        ix.wheel("armlater", "2.0", "py3-none-macosx_11_0_arm64", List.of(), null, null, true);
        ix.wheel("cyc-a", "1.0", "py3-none-any", List.of("cyc-b"), null, null, true);
        ix.wheel("cyc-b", "1.0", "py3-none-any", List.of("cyc-a>=1"), null, null, true);
        ix.wheel("xtra", "1.0", "py3-none-any", List.of("winonly; extra == \"win\"", "newpy; extra == \"new\""), null, null, true);
        ix.wheel("xuser", "1.0", "py3-none-any", List.of("xtra[win]"), null, null, true);
        ix.wheel("setuptools", "70.0.0", "py3-none-any", List.of(), ">=3.8", null, true);
        return ix;
    }

    public void wheel(String name, String version, String tag, List<String> requires, String requiresPython, String yanked,
            boolean pep658) throws IOException {
        String dist = name.replace('-', '_');
        String filename = dist + "-" + version + "-" + tag + ".whl";
        String metadata = metadataText(name, version, requires, requiresPython);
        byte[] data = wheelBytes(dist, version, tag, metadata);
        project(name).files().add(new FileSpec(filename, data, requiresPython, yanked, pep658, metadata));
    }

    /** A wheel with the given bytes, served without a PEP 658 file. */
    public void wheelBytes(String name, String version, String tag, byte[] data) {
        String filename = name.replace('-', '_') + "-" + version + "-" + tag + ".whl";
        project(name).files().add(new FileSpec(filename, data, null, null, false, null));
    }

    public void sdist(String name, String version, String requiresPython, String yanked) {
        String filename = name.replace('-', '_') + "-" + version + ".tar.gz";
        byte[] data = ("not really a tarball " + filename).getBytes(StandardCharsets.UTF_8);
        project(name).files().add(new FileSpec(filename, data, requiresPython, yanked, false, null));
    }

    /** The project page of {@code name} answers with HTTP 500 from now on (every retry included). */
    public void failPage(String name) {
        failures.put("/simple/" + name + "/", new AtomicInteger(Integer.MAX_VALUE));
    }

    /** The project page of {@code name} is served as a truncated, unparsable JSON document. */
    public void malformedPage(String name) {
        malformed.add(name);
    }

    /** The PEP 658 metadata files of {@code name}'s wheels answer with HTTP 500. */
    public void failMetadata(String name) {
        for (FileSpec f : project(name).files()) {
            if (f.metadata()) {
                failures.put("/files/" + f.filename() + ".metadata", new AtomicInteger(Integer.MAX_VALUE));
            }
        }
    }

    private Project project(String name) {
        return projects.computeIfAbsent(name, n -> new Project(n, new ArrayList<>()));
    }

    /** Writes every file into a folder (a --find-links folder). */
    public void writeFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Project p : projects.values()) {
            for (FileSpec f : p.files()) {
                if (f.yanked() == null) {
                    Files.write(dir.resolve(f.filename()), f.data());
                }
            }
        }
    }

    static String metadataText(String name, String version, List<String> requires, String requiresPython) {
        StringBuilder sb = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        if (requiresPython != null) {
            sb.append("Requires-Python: ").append(requiresPython).append('\n');
        }
        for (String r : requires) {
            sb.append("Requires-Dist: ").append(r).append('\n');
        }
        return sb.append("\nA test distribution.\n").toString();
    }

    static byte[] wheelBytes(String dist, String version, String tag, String metadata) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String info = dist + "-" + version + ".dist-info/";
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(dist + "/__init__.py"));
            zip.write("".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(info + "METADATA"));
            zip.write(metadata.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(info + "WHEEL"));
            StringBuilder wheel = new StringBuilder("Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: "
                    + tag.endsWith("-any") + "\n");
            String[] parts = tag.split("-");
            for (String plat : parts[2].split("\\.")) {
                wheel.append("Tag: ").append(parts[0]).append('-').append(parts[1]).append('-').append(plat).append('\n');
            }
            zip.write(wheel.toString().getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(info + "RECORD"));
            zip.write("".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        lastAccept.put(path, String.valueOf(ex.getRequestHeaders().getFirst("Accept")));
        AtomicInteger fail = failures.get(path);
        if (fail != null && fail.getAndDecrement() > 0) {
            send(ex, 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8), null);
            return;
        }
        if (path.startsWith("/moved/a/b/")) {
            // A mirror that moved: every page answers 301 to the real one, at another depth.
            ex.getResponseHeaders().set("Location", "/simple/" + path.substring("/moved/a/b/".length()));
            ex.sendResponseHeaders(301, -1);
            ex.close();
            return;
        }
        if (path.startsWith("/simple/") && path.endsWith("/")) {
            String name = path.substring("/simple/".length(), path.length() - 1);
            Project p = projects.get(name);
            if (p == null) {
                send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            if (malformed.contains(name)) {
                send(ex, 200, "application/vnd.pypi.simple.v1+json", "{\"files\": 42".getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept"));
            boolean json = !htmlOnly && accept.startsWith("application/vnd.pypi.simple.v1+json");
            byte[] body = (json ? json(p) : html(p)).getBytes(StandardCharsets.UTF_8);
            send(ex, 200, json ? "application/vnd.pypi.simple.v1+json" : "text/html; charset=utf-8", body, etag(body));
            return;
        }
        if (path.startsWith("/files/")) {
            String file = path.substring("/files/".length());
            for (Project p : projects.values()) {
                for (FileSpec f : p.files()) {
                    if (file.equals(f.filename())) {
                        byte[] data = corrupt.contains(file) ? "tampered".getBytes(StandardCharsets.UTF_8) : f.data();
                        String range = ex.getRequestHeaders().getFirst("Range");
                        if (ranges && range != null && range.startsWith("bytes=")) {
                            sendRange(ex, path, data, range.substring(6));
                            return;
                        }
                        send(ex, 200, "application/octet-stream", data, etag(data));
                        return;
                    }
                    if (f.metadata() && file.equals(f.filename() + ".metadata")) {
                        byte[] md = (corrupt.contains(file) ? f.metadataText() + "Requires-Dist: evil\n" : f.metadataText())
                                .getBytes(StandardCharsets.UTF_8);
                        send(ex, 200, "application/octet-stream", md, etag(md));
                        return;
                    }
                }
            }
        }
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8), null);
    }

    /** RFC 9110 14.1.2: "a-b", "a-" or the suffix "-n"; answered with 206 and Content-Range. */
    private void sendRange(HttpExchange ex, String path, byte[] data, String spec) throws IOException {
        int dash = spec.indexOf('-');
        long start;
        long end;
        if (dash == 0) {
            start = Math.max(0, data.length - Long.parseLong(spec.substring(1)));
            end = data.length - 1;
        } else {
            start = Long.parseLong(spec.substring(0, dash));
            end = dash == spec.length() - 1 ? data.length - 1 : Math.min(data.length - 1, Long.parseLong(spec.substring(dash + 1)));
        }
        byte[] part = java.util.Arrays.copyOfRange(data, (int) start, (int) end + 1);
        partial.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + data.length);
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(206, part.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(part);
        }
    }

    private void send(HttpExchange ex, int status, String type, byte[] body, String etag) throws IOException {
        if (etag != null && lastModifiedOnly) {
            // One fixed date per body: RFC 9110 8.8.2, validated by If-Modified-Since.
            String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    java.time.ZonedDateTime.of(2024, 1, 1 + Math.floorMod(etag.hashCode(), 27), 12, 0, 0, 0, java.time.ZoneOffset.UTC));
            ex.getResponseHeaders().set("Last-Modified", date);
            if (date.equals(ex.getRequestHeaders().getFirst("If-Modified-Since"))) {
                notModified.computeIfAbsent(ex.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
        } else if (etag != null) {
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.computeIfAbsent(ex.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
        }
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String json(Project p) {
        StringBuilder sb = new StringBuilder("{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"" + p.name() + "\", \"files\": [");
        for (int i = 0; i < p.files().size(); i++) {
            FileSpec f = p.files().get(i);
            sb.append(i == 0 ? "" : ", ").append("{\"filename\": \"").append(f.filename())
                    .append("\", \"url\": \"../../files/").append(f.filename())
                    .append("\", \"hashes\": {\"sha256\": \"").append(sha256(f.data())).append("\"}");
            if (f.requiresPython() != null) {
                sb.append(", \"requires-python\": \"").append(f.requiresPython()).append('"');
            }
            sb.append(", \"yanked\": ").append(f.yanked() == null ? "false" : "\"" + f.yanked() + "\"");
            if (f.metadata()) {
                sb.append(", \"core-metadata\": {\"sha256\": \"")
                        .append(sha256(f.metadataText().getBytes(StandardCharsets.UTF_8))).append("\"}");
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    private static String html(Project p) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><body><h1>Links for " + p.name() + "</h1>\n");
        for (FileSpec f : p.files()) {
            sb.append("<a href=\"/files/").append(f.filename()).append("#sha256=").append(sha256(f.data())).append('"');
            if (f.requiresPython() != null) {
                sb.append(" data-requires-python=\"").append(f.requiresPython().replace(">", "&gt;").replace("<", "&lt;")).append('"');
            }
            if (f.yanked() != null) {
                sb.append(" data-yanked=\"").append(f.yanked()).append('"');
            }
            if (f.metadata()) {
                sb.append(" data-dist-info-metadata=\"sha256=")
                        .append(sha256(f.metadataText().getBytes(StandardCharsets.UTF_8))).append('"');
            }
            sb.append('>').append(f.filename()).append("</a><br/>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String etag(byte[] body) {
        return "\"" + sha256(body).substring(0, 16) + "\"";
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
