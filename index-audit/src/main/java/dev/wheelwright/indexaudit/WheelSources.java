package dev.wheelwright.indexaudit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.index.DistributionFile;
import dev.wheelwright.index.SimplePageParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where the wheels come from, as a dataset of {@link WheelRef}: a folder or glob on any Hadoop
 * file system (local, HDFS, S3 through the user's Spark configuration), a PEP 691/503 simple
 * index (the project list is read on the driver, the project pages on the executors), or a list
 * of URLs (text lines {@code URL [SHA256]}, or Parquet with columns {@code url} and optionally
 * {@code sha256} and {@code upload_year}).
 */
public final class WheelSources {
    private WheelSources() {}

    static final String ACCEPT = SimplePageParser.JSON_TYPE + ", " + SimplePageParser.HTML_TYPE + ";q=0.1, text/html;q=0.01";

    public static Dataset<WheelRef> of(SparkSession spark, String spec, Map<String, String> hadoopConf, int partitions)
            throws IOException, InterruptedException {
        if (spec.startsWith("http://") || spec.startsWith("https://")) {
            return index(spark, spec, partitions);
        }
        if (spec.startsWith("list:")) {
            return list(spark, spec.substring("list:".length()));
        }
        return files(spark, spec, hadoopConf);
    }

    /** Every *.whl a glob matches, or under a folder it names (recursively). */
    static Dataset<WheelRef> files(SparkSession spark, String glob, Map<String, String> hadoopConf) throws IOException {
        Configuration conf = new Configuration();
        hadoopConf.forEach(conf::set);
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(glob);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matched = fs.globStatus(p);
        if (matched == null || matched.length == 0) {
            throw new IllegalArgumentException(glob + ": no such file or folder");
        }
        List<WheelRef> refs = new ArrayList<>();
        for (FileStatus st : matched) {
            if (st.isDirectory()) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    if (f.isFile() && f.getPath().getName().endsWith(".whl")) {
                        refs.add(ref(f.getPath().toString(), f.getPath().getName(), null, year(f.getModificationTime())));
                    }
                }
            } else if (st.getPath().getName().endsWith(".whl")) {
                refs.add(ref(st.getPath().toString(), st.getPath().getName(), null, year(st.getModificationTime())));
            }
        }
        return spark.createDataset(refs, Encoders.bean(WheelRef.class));
    }

    static Dataset<WheelRef> list(SparkSession spark, String file) {
        if (file.endsWith(".parquet")) {
            Dataset<Row> rows = spark.read().parquet(file);
            List<String> cols = List.of(rows.columns());
            if (!cols.contains("url")) {
                throw new IllegalArgumentException(file + ": a Parquet list needs a column 'url' (and may have 'sha256', 'upload_year')");
            }
            return rows.map((org.apache.spark.api.java.function.MapFunction<Row, WheelRef>) r -> ref(r.getAs("url"),
                    nameOf(r.getAs("url")), cols.contains("sha256") ? r.getAs("sha256") : null,
                    cols.contains("upload_year") ? r.getAs("upload_year") : null), Encoders.bean(WheelRef.class));
        }
        return spark.read().textFile(file).flatMap((FlatMapFunction<String, WheelRef>) line -> {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                return List.<WheelRef>of().iterator();
            }
            String[] parts = t.split("\\s+");
            return List.of(ref(parts[0], nameOf(parts[0]), parts.length > 1 ? parts[1] : null, null)).iterator();
        }, Encoders.bean(WheelRef.class));
    }

    /** A simple index: its projects from the root page, their files from their pages (on the executors). */
    static Dataset<WheelRef> index(SparkSession spark, String url, int partitions) throws IOException, InterruptedException {
        String base = url.endsWith("/") ? url : url + "/";
        Page root = get(base);
        List<String> projects = projects(root);
        if (projects.isEmpty()) {
            // the URL is a project page itself
            return spark.createDataset(wheels(root), Encoders.bean(WheelRef.class));
        }
        List<String> pages = projects.stream().map(p -> URI.create(base).resolve(p.endsWith("/") ? p : p + "/").toString()).toList();
        return spark.createDataset(pages, Encoders.STRING()).repartition(Math.max(1, partitions))
                .flatMap((FlatMapFunction<String, WheelRef>) page -> pageWheels(page), Encoders.bean(WheelRef.class));
    }

    private static Iterator<WheelRef> pageWheels(String page) throws IOException, InterruptedException {
        return wheels(get(page)).iterator();
    }

    record Page(URI url, String contentType, String body) {}

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    static Page get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", ACCEPT).timeout(Duration.ofMinutes(2))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + r.statusCode());
        }
        return new Page(r.uri(), r.headers().firstValue("Content-Type").orElse("text/html"), r.body());
    }

    private static final Pattern ANCHOR = Pattern.compile("<a\\s[^>]*href\\s*=\\s*[\"']?([^\"'\\s>]+)", Pattern.CASE_INSENSITIVE);

    /** The project names (as hrefs) a root page lists; empty for a project page. */
    static List<String> projects(Page page) throws IOException {
        List<String> out = new ArrayList<>();
        if (page.contentType().startsWith(SimplePageParser.JSON_TYPE)) {
            JsonNode n = new ObjectMapper().readTree(page.body());
            for (JsonNode p : n.path("projects")) {
                out.add(p.path("name").asText());
            }
            return out;
        }
        Matcher m = ANCHOR.matcher(page.body());
        while (m.find()) {
            String href = m.group(1);
            String path = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
            if (path.toLowerCase(Locale.ROOT).matches(".*\\.(whl|tar\\.gz|zip|tar\\.bz2|egg)$")) {
                return List.of(); // files: a project page
            }
            out.add(href);
        }
        return out;
    }

    /** The wheels of a project page, with SHA-256 and (PEP 700 JSON) upload year. */
    static List<WheelRef> wheels(Page page) throws IOException {
        List<WheelRef> out = new ArrayList<>();
        if (page.contentType().startsWith(SimplePageParser.JSON_TYPE)) {
            JsonNode n = new ObjectMapper().readTree(page.body());
            for (JsonNode f : n.path("files")) {
                String name = f.path("filename").asText();
                if (!name.endsWith(".whl")) {
                    continue;
                }
                String sha = f.path("hashes").path("sha256").asText(null);
                String up = f.path("upload-time").asText(null);
                Integer year = up == null || up.length() < 4 ? null : Integer.valueOf(up.substring(0, 4));
                out.add(ref(page.url().resolve(f.path("url").asText()).toString(), name, sha, year));
            }
            return out;
        }
        for (DistributionFile f : SimplePageParser.parse(page.contentType(), page.body(), page.url(), page.url().toString())) {
            if (f.isWheel()) {
                String u = f.url().toString();
                out.add(ref(u.contains("#") ? u.substring(0, u.indexOf('#')) : u, f.filename(), f.hashes().get("sha256"), null));
            }
        }
        return out;
    }

    static String nameOf(String location) {
        String s = location.contains("#") ? location.substring(0, location.indexOf('#')) : location;
        return s.substring(s.lastIndexOf('/') + 1);
    }

    static Integer year(long millis) {
        return millis <= 0 ? null : Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).getYear();
    }

    static WheelRef ref(String location, String filename, String sha256, Integer year) {
        WheelRef r = new WheelRef();
        r.setLocation(location);
        r.setFilename(filename);
        r.setSha256(sha256);
        r.setUploadYear(year);
        return r;
    }
}
