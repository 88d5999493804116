package dev.wheelwright.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An on-disk cache of HTTP responses, keyed by URL and Accept header. Each entry is a body file
 * and a small JSON file with the validators (ETag, Last-Modified) and the content type. Entries
 * are written to a temporary file and renamed into place, so a crash never leaves a torn entry;
 * the body is written before its metadata, so an entry is visible only when complete. The
 * metadata holds the body's size and SHA-256: a body that no longer matches is a miss.
 *
 * <p>The cache is capped in size: after each store, the least recently used entries (by the
 * modification time of the metadata file, touched on every hit) are removed until the total fits.
 */
public final class HttpCache {
    /** Default size cap: generous for index pages and metadata files, bounded for wheels. */
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final long maxBytes;
    /** The first write failure, for one warning per run. */
    private volatile String writeProblem;

    public HttpCache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** {@code $XDG_CACHE_HOME/wheelwright/http}, else {@code ~/.cache/wheelwright/http}. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wheelwright").resolve("http");
    }

    public Path dir() {
        return dir;
    }

    /** Why the cache could not be written during this run, if it could not. */
    public Optional<String> writeProblem() {
        return Optional.ofNullable(writeProblem);
    }

    /** A cached response; {@code url} is where its body came from (the URL after redirects). */
    public record Entry(String url, String contentType, String etag, String lastModified, byte[] body) {}

    public Optional<Entry> get(String url, String accept) {
        Path meta = dir.resolve(key(url, accept) + ".json");
        Path body = dir.resolve(key(url, accept) + ".body");
        if (!Files.isRegularFile(meta) || !Files.isRegularFile(body)) {
            return Optional.empty();
        }
        try {
            ObjectNode m = (ObjectNode) JSON.readTree(meta.toFile());
            byte[] bytes = Files.readAllBytes(body);
            if (m.path("size").asLong(-1) != bytes.length
                    || m.hasNonNull("sha256") && !m.get("sha256").asText().equals(sha256(bytes))) {
                // A body damaged or replaced under us (disk error, an editor, a crash of another
                // tool): never serve it, not even after a 304; drop it so it is fetched afresh.
                remove(url, accept);
                return Optional.empty();
            }
            touch(meta);
            return Optional.of(new Entry(m.path("url").asText(), text(m, "contentType"), text(m, "etag"),
                    text(m, "lastModified"), bytes));
        } catch (IOException | ClassCastException e) {
            return Optional.empty(); // unreadable entry: refetch
        }
    }

    /** Drops an entry (a body that proved bad, e.g. a hash mismatch). */
    public void remove(String url, String accept) {
        try {
            Files.deleteIfExists(dir.resolve(key(url, accept) + ".json"));
            Files.deleteIfExists(dir.resolve(key(url, accept) + ".body"));
        } catch (IOException e) {
            // best effort: a stale entry is checked again next time
        }
    }

    /** Marks an entry as used now (after a 304 revalidation). */
    public void touch(String url, String accept) {
        touch(dir.resolve(key(url, accept) + ".json"));
    }

    public void put(String url, String accept, Entry entry) {
        try {
            Files.createDirectories(dir);
            String k = key(url, accept);
            writeAtomically(dir.resolve(k + ".body"), entry.body());
            ObjectNode m = JSON.createObjectNode();
            m.put("url", entry.url() != null ? entry.url() : url);
            m.put("accept", accept);
            m.put("contentType", entry.contentType());
            m.put("etag", entry.etag());
            m.put("lastModified", entry.lastModified());
            m.put("size", entry.body().length);
            m.put("sha256", sha256(entry.body()));
            m.put("stored", Instant.now().toString());
            writeAtomically(dir.resolve(k + ".json"), JSON.writeValueAsBytes(m));
            evict();
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written must not fail the run: the response is still used.
            if (writeProblem == null) {
                String why = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                        : String.valueOf(e.getMessage());
                writeProblem = dir + ": cannot write the HTTP cache (" + why + "); responses are not cached";
            }
        }
    }

    /** Removes least recently used entries until the cache fits its cap. */
    void evict() throws IOException {
        record Item(Path meta, Path body, long size, FileTime used) {}
        List<Item> items = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path meta : ds) {
                String name = meta.getFileName().toString();
                Path body = dir.resolve(name.substring(0, name.length() - 5) + ".body");
                long size = Files.size(meta) + (Files.exists(body) ? Files.size(body) : 0);
                items.add(new Item(meta, body, size, Files.getLastModifiedTime(meta)));
                total += size;
            }
        }
        if (total <= maxBytes) {
            return;
        }
        items.sort(Comparator.comparing(Item::used));
        for (Item it : items) {
            if (total <= maxBytes) {
                break;
            }
            Files.deleteIfExists(it.meta());
            Files.deleteIfExists(it.body());
            total -= it.size();
        }
    }

    private static void writeAtomically(Path target, byte[] data) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void touch(Path p) {
        try {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // best effort: only affects eviction order
        }
    }

    private static String text(ObjectNode m, String field) {
        return m.hasNonNull(field) ? m.get(field).asText() : null;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String key(String url, String accept) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(url.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
            md.update((accept == null ? "" : accept).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
