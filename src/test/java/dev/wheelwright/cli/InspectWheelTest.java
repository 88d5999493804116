package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wheelwright.rules.cases.WheelCaseLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect WHEEL}: the wheel object of cli.md, from real and generated wheels. */
class InspectWheelTest {
    @TempDir
    Path tmp;

    static JsonNode json(AuditCommandTest.Run r) throws Exception {
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void realSetuptoolsWheel() throws Exception {
        Path whl = AuditCommandTest.repo().resolve("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        JsonNode doc = json(AuditCommandTest.run("inspect", "--format", "json", whl.toString()));
        assertThat(doc.get("binaries").size()).isZero();
        JsonNode w = doc.get("wheels").get(0);
        assertThat(w.get("filename").asText()).isEqualTo("hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        assertThat(w.get("name").asText()).isEqualTo("hello_ext");
        assertThat(w.get("version").asText()).isEqualTo("0.1.0");
        assertThat(w.get("build").isNull()).isTrue();
        assertThat(w.get("tags").get(0).get("platform").asText()).isEqualTo("linux_x86_64");
        assertThat(w.get("wheelMetadata").get("Root-Is-Purelib").isBoolean()).isTrue();
        assertThat(w.get("wheelMetadata").get("Root-Is-Purelib").asBoolean()).isFalse();
        assertThat(w.get("wheelMetadata").get("Tag").get(0).asText()).isEqualTo("cp311-cp311-linux_x86_64");
        assertThat(w.get("metadata").get("Name").asText()).isEqualTo("hello-ext");
        assertThat(w.get("record").get("issues").size()).isZero();
        JsonNode bin = w.get("binaries").get(0);
        assertThat(bin.get("path").asText()).isEqualTo("hello_ext/_speed.cpython-311-x86_64-linux-gnu.so");
        assertThat(bin.get("format").asText()).isEqualTo("elf");
        assertThat(bin.get("slices").get(0).get("arch").asText()).isEqualTo("x86_64");
    }

    @Test
    void universal2WheelWithBuildTagAndABinaryBesideIt() throws Exception {
        JsonNode desc = new ObjectMapper(new YAMLFactory()).readTree("""
                filename: demo-2.0-1-cp39-cp39-macosx_10_9_universal2.whl
                metadata: {Requires-Dist: [numpy>=1.20, cffi]}
                files:
                  - {path: demo/__init__.py, text: ""}
                  - {path: demo/_ext.cpython-39-darwin.so, binary: testdata/wheels/macho/ext-universal2.so}
                """);
        WheelCaseLoader.Built b = WheelCaseLoader.build(desc, AuditCommandTest.repo(), tmp.resolve("x.yaml"));
        Path dylib = AuditCommandTest.repo().resolve("testdata/wheels/macho/libhelper.dylib");
        JsonNode doc = json(AuditCommandTest.run("inspect", "--format", "json", b.wheel().toString(), dylib.toString()));
        JsonNode w = doc.get("wheels").get(0);
        assertThat(w.get("build").asText()).isEqualTo("1");
        assertThat(w.get("version").asText()).isEqualTo("2.0");
        assertThat(w.get("metadata").get("Requires-Dist")).hasSize(2);
        JsonNode bin = w.get("binaries").get(0);
        assertThat(bin.get("fat").asBoolean()).isTrue();
        assertThat(bin.get("slices")).extracting(s -> s.get("arch").asText()).containsExactlyInAnyOrder("x86_64", "arm64");
        assertThat(doc.get("binaries").get(0).get("slices").get(0).get("installName").asText()).isEqualTo("@rpath/libhelper.dylib");
    }

    @Test
    void textShowsTagsFromBothPlacesAndEachBinary() throws Exception {
        Path whl = AuditCommandTest.repo().resolve("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        AuditCommandTest.Run r = AuditCommandTest.run("inspect", whl.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("tags (file name): cp311-cp311-linux_x86_64")
                .contains("tags (WHEEL):     cp311-cp311-linux_x86_64")
                .contains("RECORD: 7 rows, matches the archive")
                .contains("hello_ext/_speed.cpython-311-x86_64-linux-gnu.so: ELF (x86_64)");
    }

    @Test
    void unreadableWheelStopsWithOneLine() throws Exception {
        Path bad = tmp.resolve("bad.whl");
        Files.write(bad, new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        AuditCommandTest.Run r = AuditCommandTest.run("inspect", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("wheelwright: " + bad + ": ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }
}
