package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.index.FixtureIndex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every JSON document of every command starts with {@code schemaVersion} and {@code tool}
 * (docs/cli.md, "JSON documents"); the versions are the ones docs/cli.md lists.
 */
class JsonDocumentsTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static JsonNode document(Run r, int schemaVersion) throws Exception {
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.isObject()).as(r.out()).isTrue();
        List<String> fields = new ArrayList<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the first fields").startsWith("schemaVersion", "tool");
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(schemaVersion);
        assertThat(doc.get("tool").get("name").asText()).isEqualTo("wheelwright");
        assertThat(doc.get("tool").get("version").asText()).isEqualTo(Version.VERSION);
        return doc;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "inspect testdata/binaries/elf-x86_64-plain.so testdata/projects/modern-clean | 1 | binaries",
            "tags --python 3.12 --platform win_amd64                                     | 1 | tags",
            "tags --python 3.12 --platform win_amd64 --wheel a-1.0-py3-none-any.whl      | 1 | installs",
            "rules --family B                                                            | 2 | rules",
            "rules show WW-B017                                                          | 1 | readme",
            "explain python-headers-missing                                              | 1 | readme",
            "doctor testdata/projects/legacy-cffi                                        | 1 | findings",
    })
    void everyDocumentCarriesSchemaVersionAndTool(String args, int schemaVersion, String field) throws Exception {
        List<String> all = new ArrayList<>(List.of(args.split(" +")));
        all.add("--format");
        all.add("json");
        JsonNode doc = document(run(all), schemaVersion);
        assertThat(doc.has(field)).as(field).isTrue();
    }

    /** A small wheel to audit: the writer the tests use. */
    Path wheel() {
        Path w = tmp.resolve("demo-1.0-py3-none-any.whl");
        dev.wheelwright.wheel.WheelWriter.write(w, List.of(
                dev.wheelwright.wheel.WheelWriter.Entry.text("demo/__init__.py", ""),
                dev.wheelwright.wheel.WheelWriter.Entry.text("demo-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"),
                dev.wheelwright.wheel.WheelWriter.Entry.text("demo-1.0.dist-info/WHEEL",
                        "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")), "demo-1.0.dist-info");
        return w;
    }

    @Test
    void explainOfAFindingToo() throws Exception {
        run(List.of("doctor", "testdata/projects/legacy-cffi", "-q"));
        JsonNode doc = document(run(List.of("explain", "1", "--format", "json")), 1);
        assertThat(doc.get("finding").get("rule").asText()).startsWith("WW-");
    }

    @Test
    void depsToo() throws Exception {
        try (FixtureIndex index = FixtureIndex.standard()) {
            JsonNode doc = document(run(List.of("deps", "--isolated", "--cache-dir", tmp.resolve("cache").toString(), "--index",
                    index.simpleUrl().toString(), "--target", "win_amd64", "--format", "json", "purelib")), 1);
            assertThat(doc.has("targets")).isTrue();
        }
    }

    @Test
    void auditToo() throws Exception {
        JsonNode doc = document(run(List.of("audit", "--format", "json", wheel().toString())), 1);
        assertThat(doc.has("findings")).isTrue();
    }
}
