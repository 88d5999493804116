package dev.wheelwright.indexaudit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wheelwright.wheel.WheelWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job in local[2] over real wheels made here: its Parquet rows are the findings `wheelwright
 * audit --format json` gives for the same wheels, from a folder, from a PEP 691 index served on
 * 127.0.0.1 and from a list; a broken wheel is a failure row; a re-run audits nothing again.
 */
class IndexAuditJobTest {
    static SparkSession spark;
    static final Path TESTDATA = Path.of("..", "testdata");

    @TempDir
    static Path tmp;
    static Path wheels;
    static List<Path> readable = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("index-audit-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        wheels = Files.createDirectories(tmp.resolve("wheels"));
        // a real wheel built by setuptools: plain linux tag
        Path real = wheels.resolve("hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        Files.copy(TESTDATA.resolve("wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl"), real);
        readable.add(real);
        // a universal2 tag on a thin x86_64 module
        readable.add(wheel("thin-1.0-cp39-cp39-macosx_10_9_universal2.whl", "thin", "thin/_ext.cpython-39-darwin.so",
                Files.readAllBytes(TESTDATA.resolve("binaries/macho-x86_64-10.9.so")), "cp39-cp39-macosx_10_9_universal2"));
        // manylinux1 on a module needing glibc 2.34
        readable.add(wheel("newglibc-2.0-cp311-cp311-manylinux1_x86_64.whl", "newglibc", "newglibc/_x.cpython-311-x86_64-linux-gnu.so",
                Files.readAllBytes(TESTDATA.resolve("binaries/elf-x86_64-glibc234.so")), "cp311-cp311-manylinux1_x86_64"));
        // not a zip at all
        Files.writeString(wheels.resolve("broken-1.0-py3-none-any.whl"), "this is no zip archive\n");
    }

    static Path wheel(String filename, String name, String member, byte[] data, String tag) {
        String distInfo = name + "-" + filename.split("-")[1] + ".dist-info";
        Path p = wheels.resolve(filename);
        WheelWriter.write(p, List.of(
                new WheelWriter.Entry(member, data),
                WheelWriter.Entry.text(distInfo + "/METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + filename.split("-")[1] + "\n"),
                WheelWriter.Entry.text(distInfo + "/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: " + tag + "\n")),
                distInfo);
        return p;
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** (wheel file name, rule, message, member, arch) of `wheelwright audit --format json`. */
    static Set<String> cliFindings(List<Path> files) throws Exception {
        List<String> args = new ArrayList<>(List.of("audit", "--format", "json"));
        files.forEach(f -> args.add(f.toString()));
        StringWriter out = new StringWriter();
        dev.wheelwright.cli.Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        Set<String> keys = new TreeSet<>();
        for (JsonNode f : new ObjectMapper().readTree(out.toString()).get("findings")) {
            JsonNode loc = f.get("location");
            keys.add(Path.of(loc.get("wheel").asText()).getFileName() + " | " + f.get("rule").asText() + " | " + f.get("message").asText()
                    + " | " + loc.path("member").asText(null) + " | " + loc.path("arch").asText(null));
        }
        return keys;
    }

    static Set<String> jobFindings(Path out) {
        Set<String> keys = new TreeSet<>();
        for (Row r : spark.read().parquet(out.resolve("findings").toString()).collectAsList()) {
            keys.add(r.getAs("wheel") + " | " + r.getAs("rule") + " | " + r.getAs("message") + " | " + r.getAs("member") + " | " + r.getAs("arch"));
        }
        return keys;
    }

    static String run(Path out, String... sources) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IndexAuditJob.run(spark, new IndexAuditJob.Options(out.toString(), null, 2, 1L << 30, 120, List.of(sources)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFolderGivesTheFindingsOfTheCliAndAFailureRowForABrokenWheel() throws Exception {
        Path out = tmp.resolve("out-folder");
        String printed = run(out, wheels.toString());
        Set<String> expected = cliFindings(readable);
        assertThat(expected).isNotEmpty();
        assertThat(jobFindings(out)).isEqualTo(expected);
        List<Row> rows = spark.read().parquet(out.resolve("wheels").toString()).collectAsList();
        assertThat(rows).hasSize(4);
        Row broken = rows.stream().filter(r -> r.getAs("filename").equals("broken-1.0-py3-none-any.whl")).findFirst().orElseThrow();
        assertThat((String) broken.getAs("status")).isEqualTo("failed");
        assertThat((String) broken.getAs("error")).isNotBlank();
        assertThat(rows.stream().filter(r -> r.getAs("status").equals("audited"))).hasSize(3);
        // the JSON lines carry the same rows
        assertThat(spark.read().json(out.resolve("findings-json").toString()).count()).isEqualTo(expected.size());
        // summary tables, and the figures printed
        assertThat(spark.read().parquet(out.resolve("summary/by-rule").toString()).count()).isPositive();
        Row totals = spark.read().parquet(out.resolve("summary/totals").toString()).first();
        assertThat((long) totals.getAs("wheels")).isEqualTo(4);
        assertThat((long) totals.getAs("failed")).isEqualTo(1);
        assertThat(printed).contains("index-audit: 4 wheels").contains("wheels/s").contains("Findings per rule");

        // a re-run with the same catalogue audits nothing again
        String again = run(out, wheels.toString());
        assertThat(again).contains("index-audit: 0 wheels");
        assertThat(spark.read().parquet(out.resolve("wheels").toString()).count()).isEqualTo(4);
        assertThat(jobFindings(out)).isEqualTo(expected);
    }

    @Test
    void aSimpleIndexOnLoopbackAndAListGiveTheSameRows() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<Path> files;
        try (Stream<Path> s = Files.list(wheels)) {
            files = s.filter(f -> f.toString().endsWith(".whl")).sorted().toList();
        }
        StringBuilder projects = new StringBuilder("{\"meta\": {\"api-version\": \"1.1\"}, \"projects\": [");
        for (int i = 0; i < files.size(); i++) {
            projects.append(i == 0 ? "" : ", ").append("{\"name\": \"p").append(i).append("\"}");
            Path f = files.get(i);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
            String page = "{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"p" + i + "\", \"files\": [{\"filename\": \"" + f.getFileName()
                    + "\", \"url\": \"../../files/" + f.getFileName() + "\", \"hashes\": {\"sha256\": \"" + sha
                    + "\"}, \"upload-time\": \"202" + i + "-03-01T10:00:00Z\"}]}";
            serve(server, "/simple/p" + i + "/", "application/vnd.pypi.simple.v1+json", page.getBytes(StandardCharsets.UTF_8));
            serve(server, "/files/" + f.getFileName(), "application/octet-stream", Files.readAllBytes(f));
        }
        serve(server, "/simple/", "application/vnd.pypi.simple.v1+json", (projects + "]}").getBytes(StandardCharsets.UTF_8));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path out = tmp.resolve("out-index");
            run(out, base + "/simple/");
            assertThat(jobFindings(out)).isEqualTo(cliFindings(readable));
            List<Row> rows = spark.read().parquet(out.resolve("wheels").toString()).collectAsList();
            assertThat(rows).hasSize(4).allSatisfy(r -> assertThat((Integer) r.getAs("uploadYear")).isBetween(2020, 2023));
            assertThat(rows).allSatisfy(r -> assertThat((String) r.getAs("location")).startsWith(base + "/files/"));

            // a list with a wrong sha256 is a failure row, the others are audited
            Path list = tmp.resolve("urls.txt");
            Files.writeString(list, "# wheels to audit\n" + base + "/files/" + readable.get(1).getFileName() + " " + "0".repeat(64) + "\n"
                    + base + "/files/" + readable.get(2).getFileName() + "\n");
            Path out2 = tmp.resolve("out-list");
            run(out2, "list:" + list);
            List<Row> listed = spark.read().parquet(out2.resolve("wheels").toString()).collectAsList();
            assertThat(listed).hasSize(2);
            assertThat(listed).anySatisfy(r -> {
                assertThat((String) r.getAs("status")).isEqualTo("failed");
                assertThat((String) r.getAs("error")).contains("is not the " + "0".repeat(64));
            });
            assertThat(jobFindings(out2)).isEqualTo(cliFindings(List.of(readable.get(2))));
        } finally {
            server.stop(0);
        }
    }

    static void serve(HttpServer server, String path, String type, byte[] body) {
        server.createContext(path, ex -> {
            if (!ex.getRequestURI().getPath().equals(path)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
    }

    @Test
    void badArgumentsAreOneLine() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> IndexAuditJob.parse(new String[] {"dir"})))
                .hasMessage("--out DIR is required (where the tables go)");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> IndexAuditJob.parse(new String[] {"--out", "o", "--partitions", "x", "d"})))
                .hasMessage("--partitions x: not a positive number");
    }
}
