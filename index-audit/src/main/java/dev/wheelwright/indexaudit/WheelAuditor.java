package dev.wheelwright.indexaudit;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import dev.wheelwright.spec.WheelFilename;
import dev.wheelwright.wheel.ArchiveLimits;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelReader;
import dev.wheelwright.wheel.WheelSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The executor side: one wheel in, one {@link AuditResult} out, never an exception. The wheel is
 * streamed into a private temporary file (the zip reader needs random access) while its SHA-256
 * is computed and its size is held to the limit, audited by the same rule engine and catalogue as
 * {@code wheelwright audit} (built once per executor JVM), then deleted. A wheel that cannot be
 * fetched or read, is over the size limit, has another SHA-256 than the index says, or takes
 * longer than the time limit is a result row with its status and error.
 */
public final class WheelAuditor {
    private WheelAuditor() {}

    /** The built-in catalogue's audit rules, loaded once per JVM. */
    private static final class Rules {
        static final List<RuleDefinition> AUDIT = RuleCatalog.load(List.of()).reading(Set.of(Reads.WHEEL, Reads.BINARY));
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    /** One thread per JVM for audits that must be stoppable at the time limit. */
    private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "index-audit-wheel");
        t.setDaemon(true);
        return t;
    });

    /** The version of tool and catalogue: a wheel audited under another is audited again. */
    public static String catalogVersion() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(dev.wheelwright.cli.Version.VERSION.getBytes(StandardCharsets.UTF_8));
            for (RuleDefinition r : RuleCatalog.load(List.of()).reading(Set.of(Reads.WHEEL, Reads.BINARY))) {
                md.update((r.id() + "|" + r.name() + "|" + r.severity() + "|" + r.message() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return dev.wheelwright.cli.Version.VERSION + "+" + HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AuditResult audit(WheelRef ref, Map<String, String> hadoopConf, long maxBytes, long timeoutSeconds, String catalog) {
        AuditResult r = new AuditResult();
        r.setLocation(ref.getLocation());
        r.setFilename(ref.getFilename());
        r.setUploadYear(ref.getUploadYear());
        r.setCatalog(catalog);
        r.setFindings(new ArrayList<>());
        describe(r);
        Path dir = null;
        Path tmp = null;
        try {
            // the file keeps the wheel's own name: the audit reads the tags from it
            dir = Files.createTempDirectory("index-audit-");
            String safe = ref.getFilename().replaceAll("[/\\\\\\x00]", "_");
            tmp = dir.resolve(safe.isEmpty() || safe.startsWith(".") ? "wheel.whl" : safe);
            String sha = fetch(ref.getLocation(), hadoopConf, tmp, maxBytes);
            r.setSha256(sha);
            r.setBytes(Files.size(tmp));
            if (ref.getSha256() != null && !ref.getSha256().isBlank() && !ref.getSha256().equalsIgnoreCase(sha)) {
                return failed(r, "failed", "sha256 " + sha + " is not the " + ref.getSha256() + " the source names");
            }
            Path file = tmp;
            Future<List<Finding>> f = WORKER.submit(() -> run(file, file.getFileName().toString()));
            List<Finding> findings;
            try {
                findings = f.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                return failed(r, "failed", "no result within " + timeoutSeconds + " s");
            }
            for (Finding x : findings) {
                r.getFindings().add(row(x));
            }
            r.setStatus("audited");
            return r;
        } catch (TooLarge e) {
            return failed(r, "skipped", e.getMessage());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            return failed(r, "failed", oneLine(c));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(r, "failed", "interrupted");
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            return failed(r, "failed", oneLine(e));
        } finally {
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
                if (dir != null) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    /** The findings of one wheel, as `wheelwright audit` finds them for a batch of one. */
    static List<Finding> run(Path file, String display) {
        WheelFacts wf = new WheelReader(ArchiveLimits.defaults()).read(file, display);
        Facts facts = Facts.builder().put(WheelSet.class, new WheelSet(List.of(wf), List.of()))
                .put(AuditPolicy.class, AuditPolicy.none()).build();
        return RuleEngine.run(Rules.AUDIT, facts);
    }

    static FindingRow row(Finding f) {
        FindingRow x = new FindingRow();
        x.setRule(f.rule());
        x.setName(f.name());
        x.setSeverity(f.severity().id());
        x.setMessage(f.message());
        x.setLocation(f.location().display());
        if (f.location() instanceof Location.WheelMember m) {
            x.setMember(m.member());
            x.setArch(m.arch());
        }
        x.setEvidence(new ArrayList<>(f.evidence()));
        return x;
    }

    private static AuditResult failed(AuditResult r, String status, String error) {
        r.setStatus(status);
        r.setError(error);
        r.setFindings(new ArrayList<>());
        return r;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() > 300 ? m.substring(0, 297) + "..." : m;
    }

    /** Name, version, tags and platform family from the file name, when it is a valid wheel name. */
    static void describe(AuditResult r) {
        String f = r.getFilename();
        try {
            WheelFilename w = WheelFilename.parse(f);
            r.setProject(w.name());
            r.setVersion(w.version().toString());
        } catch (RuntimeException e) {
            // an invalid name is the audit's finding to make
        }
        String base = f.endsWith(".whl") ? f.substring(0, f.length() - 4) : f;
        String[] parts = base.split("-");
        r.setTags(parts.length >= 3 ? String.join("-", parts[parts.length - 3], parts[parts.length - 2], parts[parts.length - 1]) : null);
        r.setPlatformFamily(parts.length >= 3 ? family(parts[parts.length - 1]) : "unknown");
    }

    static String family(String platformTags) {
        String p = platformTags.toLowerCase(Locale.ROOT);
        if (p.startsWith("manylinux")) {
            return "manylinux";
        }
        if (p.startsWith("musllinux")) {
            return "musllinux";
        }
        if (p.startsWith("linux")) {
            return "linux";
        }
        if (p.startsWith("macosx")) {
            return "macosx";
        }
        if (p.startsWith("win")) {
            return "windows";
        }
        if (p.equals("any")) {
            return "any";
        }
        return "other";
    }

    static final class TooLarge extends IOException {
        TooLarge(String m) {
            super(m);
        }
    }

    /** Streams the wheel into {@code to}; returns its SHA-256 in hex. */
    static String fetch(String location, Map<String, String> hadoopConf, Path to, long maxBytes) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = open(location, hadoopConf); OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLarge("larger than the limit of " + maxBytes + " bytes (--max-wheel-size)");
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static InputStream open(String location, Map<String, String> hadoopConf) throws IOException, InterruptedException {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            HttpResponse<InputStream> resp = HTTP.send(HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofMinutes(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            if (resp.statusCode() != 200) {
                resp.body().close();
                throw new IOException("HTTP " + resp.statusCode() + " for " + location);
            }
            return resp.body();
        }
        Configuration conf = new Configuration();
        hadoopConf.forEach(conf::set);
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
        FileSystem fs = p.getFileSystem(conf);
        return fs.open(p);
    }
}
