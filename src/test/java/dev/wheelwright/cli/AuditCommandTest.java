package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wheelwright.rules.cases.WheelCaseLoader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        return p;
    }

    /** Builds a wheel from a case-style description into the temp folder. */
    Path wheel(String yaml) throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        WheelCaseLoader.Built b = WheelCaseLoader.build(doc, repo(), tmp.resolve("case.yaml"));
        Path target = tmp.resolve(b.filename());
        Files.move(b.wheel(), target);
        return target;
    }

    static final String UNIVERSAL2_THIN = """
            filename: demo-1.0-cp311-cp311-macosx_10_9_universal2.whl
            files:
              - {path: demo/__init__.py, text: ""}
              - {path: demo/_ext.cpython-311-darwin.so, binary: testdata/wheels/macho/ext-arm64.so}
            """;

    /** audit without flags judges the claimed tag with the policy table, as retag does: they never disagree. */
    @Test
    void defaultAuditAndRetagAgreeOnACxxModuleBuiltOnANewerSystem() throws Exception {
        Path w = wheel("""
                filename: demo-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
                files:
                  - {path: demo/__init__.py, text: ""}
                  - {path: demo/_ext.cpython-311-x86_64-linux-gnu.so, binary: testdata/wheels/elf/ext-x86_64-cxx.so}
                """);
        Run audit = run("audit", "--no-color", w.toString());
        assertThat(audit.code()).isEqualTo(1);
        assertThat(audit.out()).startsWith(w.getFileName() + ": consistent with manylinux_2_24_x86_64; tag claims "
                + "manylinux_2_17_x86_64.manylinux2014_x86_64: 1 problem\n");
        assertThat(audit.out()).contains("WW-E009 symbol-version-too-new-for-tag");
        Run retag = run("retag", w.toString());
        assertThat(retag.code()).isEqualTo(1);
        assertThat(retag.out()).contains("binaries:  manylinux_2_24_x86_64");
        // the JSON report carries no verdict lines
        assertThat(run("audit", "--format", "json", w.toString()).out()).startsWith("{");
        // the same module under the tag of its policy: both quiet
        Path right = wheel("""
                filename: demo-1.0-cp311-cp311-manylinux_2_24_x86_64.whl
                files:
                  - {path: demo/__init__.py, text: ""}
                  - {path: demo/_ext.cpython-311-x86_64-linux-gnu.so, binary: testdata/wheels/elf/ext-x86_64-cxx.so}
                """);
        Run ok = run("audit", "--no-color", right.toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).startsWith(right.getFileName() + ": consistent with manylinux_2_24_x86_64; tag claims manylinux_2_24_x86_64: no problems\n");
        assertThat(run("retag", right.toString()).code()).isZero();
    }

    /** audit reads sdists too: a hand-made tarball gets the sdist-* findings, a built one passes. */
    @Test
    void sdistsAreAudited() throws Exception {
        Path bad = tmp.resolve("demo-1.1.tar.gz");
        Path good = tmp.resolve("demo-1.0.tar.gz");
        for (Path p : List.of(bad, good)) {
            try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                    new java.util.zip.GZIPOutputStream(Files.newOutputStream(p)))) {
                String[][] files = p == bad
                        ? new String[][] {{"demo-1.0/demo/__init__.py", ""}}
                        : new String[][] {{"demo-1.0/PKG-INFO", "Metadata-Version: 2.2\nName: demo\nVersion: 1.0\n"},
                                {"demo-1.0/pyproject.toml", "[build-system]\nrequires = [\"setuptools\"]\n"}};
                for (String[] f : files) {
                    byte[] data = f[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(f[0]);
                    e.setSize(data.length);
                    out.putArchiveEntry(e);
                    out.write(data);
                    out.closeArchiveEntry();
                }
            }
        }
        Run r = run("audit", "--no-color", bad.toString(), good.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("demo-1.1.tar.gz: source distribution: 3 problems")
                .contains("demo-1.0.tar.gz: source distribution (pyproject.toml): no problems")
                .contains("WW-W025 sdist-metadata-invalid").contains("WW-W026 sdist-name-mismatch")
                .contains("WW-W027 sdist-build-files-missing");
        Run ok = run("audit", good.toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        Run notGz = run("audit", Files.writeString(tmp.resolve("x-1.0.tar.gz"), "plain text").toString());
        assertThat(notGz.code()).isEqualTo(2);
        assertThat(notGz.err()).contains("x-1.0.tar.gz: not a readable .tar.gz archive");
    }

    @Test
    void cleanWheelExitsZero() {
        // linux_x86_64: fine for a wheel that stays on this machine (--local); for an index it is an error (plain-linux-tag)
        Run r = run("audit", "--local", repo().resolve("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
    }

    @Test
    void findingsAreReportedAsJsonWithWheelLocations() throws Exception {
        Path w = wheel(UNIVERSAL2_THIN);
        Run r = run("audit", "--format", "json", w.toString());
        assertThat(r.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode m001 = null;
        for (JsonNode f : json.get("findings")) {
            if (f.get("rule").asText().equals("WW-M001")) {
                m001 = f;
            }
        }
        assertThat(m001).isNotNull();
        assertThat(m001.get("name").asText()).isEqualTo("binary-missing-tagged-arch");
        assertThat(m001.get("message").asText())
                .isEqualTo("demo/_ext.cpython-311-darwin.so lacks x86_64 that the tag macosx_10_9_universal2 promises (it has arm64)");
        assertThat(m001.get("location").get("wheel").asText()).isEqualTo(w.toString());
        assertThat(m001.get("location").get("member").asText()).isEqualTo("demo/_ext.cpython-311-darwin.so");
    }

    @Test
    void policyFlagsBecomeFindings() throws Exception {
        Path w = wheel("""
                filename: demo-1.0-cp311-cp311-macosx_11_0_arm64.whl
                files:
                  - {path: demo/__init__.py, text: ""}
                  - {path: demo/_ext.cpython-311-darwin.so, binary: testdata/wheels/macho/ext-arm64.so}
                """);
        assertThat(run("audit", w.toString()).code()).isZero();
        Run r = run("audit", "--require-archs", "arm64,x86_64", "--format", "json", w.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("\"WW-M008\"").contains("lacks x86_64 required by --require-archs arm64,x86_64");
    }

    @Test
    void everyTargetNeedsAWheelThatInstallsThere() throws Exception {
        Path real = repo().resolve("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        Run r = run("audit", "--target", "linux_x86_64", "--target", "macosx_11_0_arm64,win_amd64", "--format", "json", real.toString());
        assertThat(r.code()).isEqualTo(1);
        List<String> messages = new ArrayList<>();
        new ObjectMapper().readTree(r.out()).get("findings").forEach(f -> {
            if (f.get("name").asText().equals("release-misses-target")) {
                messages.add(f.get("message").asText());
                assertThat(f.get("location").get("path").asText()).isEqualTo(real.getParent().toString());
            }
        });
        assertThat(messages).containsExactly(
                "No wheel installs on macosx_11_0_arm64: the 1 wheel(s) are for linux_x86_64",
                "No wheel installs on win_amd64: the 1 wheel(s) are for linux_x86_64");
        // doctor --wheelhouse checks the same
        Run d = run("doctor", tmp.toString(), "--wheelhouse", real.toString(), "--target", "win_amd64", "--format", "json");
        assertThat(d.code()).isEqualTo(1);
        assertThat(d.out()).contains("No wheel installs on win_amd64");
        assertThat(run("doctor", tmp.toString(), "--target", "nope_x").err()).startsWith("wheelwright: --target nope_x: Invalid platform");
    }

    /** A folder with several projects' wheels: each project must serve each target; one's pure wheel does not cover another. */
    @Test
    void everyProjectInTheSetNeedsAWheelForEachTarget() throws Exception {
        Files.copy(repo().resolve("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl"),
                tmp.resolve("hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl"));
        wheel("""
                filename: other_pure-2.0-py3-none-any.whl
                files:
                  - path: other_pure/__init__.py
                    text: ""
                """);
        Run r = run("audit", "--target", "win_amd64", "--format", "json", tmp.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        List<com.fasterxml.jackson.databind.JsonNode> misses = new ArrayList<>();
        new ObjectMapper().readTree(r.out()).get("findings").forEach(f -> {
            if (f.get("name").asText().equals("release-misses-target")) {
                misses.add(f);
            }
        });
        assertThat(misses).singleElement().satisfies(f -> {
            assertThat(f.get("message").asText()).isEqualTo("No wheel installs on win_amd64: the 1 wheel(s) are for linux_x86_64");
            assertThat(f.get("evidence").get(0).asText()).isEqualTo("project hello-ext: hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        });
    }

    @Test
    void aWheelNamedTwiceIsAuditedOnce() throws Exception {
        Path real = repo().resolve("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        Path copy = Files.copy(real, tmp.resolve(real.getFileName()));
        Run once = run("audit", "--target", "win_amd64", "--format", "json", copy.toString());
        Run thrice = run("audit", "--target", "win_amd64", "--format", "json", copy.toString(), tmp.toString(),
                tmp.resolve(".").resolve(real.getFileName()).toString());
        assertThat(thrice.code()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(thrice.out()).get("findings"))
                .hasSameSizeAs(new ObjectMapper().readTree(once.out()).get("findings"));
    }

    @Test
    void aFolderStandsForItsWheels() throws Exception {
        wheel(UNIVERSAL2_THIN);
        Run r = run("audit", "--format", "json", "--fail-on", "never", tmp.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("WW-M001");
    }

    @Test
    void traversalNameIsAFindingAndNothingIsWritten() throws Exception {
        Path w = wheel("""
                filename: demo-1.0-py3-none-any.whl
                files:
                  - {path: demo/__init__.py, text: ""}
                  - {path: ../../evil.txt, text: "x"}
                """);
        Path cwd = Files.createDirectories(tmp.resolve("sub/dir"));
        Run r = run("audit", "--format", "json", w.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("WW-W010").contains("../../evil.txt");
        assertThat(Files.exists(tmp.resolve("evil.txt"))).isFalse();
        assertThat(Files.exists(cwd.resolve("../../evil.txt"))).isFalse();
    }

    static Stream<Arguments> badWheels() {
        byte[] random = new byte[2048];
        new Random(7).nextBytes(random);
        random[0] = 'Q';
        return Stream.of(
                Arguments.of("empty.whl", new byte[0], "empty.whl: empty file (0 bytes), not a zip archive"),
                Arguments.of("random.whl", random, "random.whl: not a zip file (bad magic bytes)"),
                Arguments.of("text.whl", "hello\n".getBytes(), "text.whl: not a zip file (bad magic bytes)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badWheels")
    void unreadableWheelsExitTwoWithOneLine(String name, byte[] content, String message) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        Run r = run("audit", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("wheelwright: " + tmp.resolve(message) + System.lineSeparator());
    }

    @Test
    void truncatedWheelExitsTwoWithOneLine() throws Exception {
        Path good = wheel(UNIVERSAL2_THIN);
        byte[] all = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.whl");
        Files.write(cut, Arrays.copyOf(all, all.length - 200));
        Run r = run("audit", cut.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("wheelwright: " + cut + ": ").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void zipBombExitsTwoBeforeInflating() throws Exception {
        Path bomb = tmp.resolve("bomb-1.0-py3-none-any.whl");
        try (OutputStream os = Files.newOutputStream(bomb); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
            zip.putArchiveEntry(new ZipArchiveEntry("bomb/zeros"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                zip.write(zeros);
            }
            zip.closeArchiveEntry();
        }
        Run r = run("audit", bomb.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("wheelwright: " + bomb + ": member bomb/zeros expands").contains("zip bomb");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--require-archs", "arm64,sparc"), "--require-archs arm64,sparc: unknown arch 'sparc'"),
                Arguments.of(List.of("--min-macos", "eleven"), "--min-macos eleven: not a macOS version"),
                Arguments.of(List.of("--manylinux", "2014x"), "--manylinux '2014x' is not a manylinux policy"),
                Arguments.of(List.of("--require-archs", ""), "--require-archs '': no arch given"),
                Arguments.of(List.of("--require-archs", ","), "--require-archs '': no arch given"),
                Arguments.of(List.of("--manylinux", "1_1"), "--manylinux '1_1' is not a manylinux policy: glibc 1.1 is older than the oldest policy"),
                Arguments.of(List.of("--min-macos", "9.0"), "--min-macos 9.0: not a macOS version"),
                Arguments.of(List.of("--java", "0"), "--java 0: not a Java feature release"),
                Arguments.of(List.of("--target", "macosx_11_0_arm64,bogus"), "--target bogus: Invalid platform 'bogus'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void badFlagsExitTwo(List<String> flags, String message) {
        List<String> args = new ArrayList<>(List.of("audit"));
        args.addAll(flags);
        args.add(repo().resolve("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl").toString());
        Run r = run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("wheelwright: " + message);
    }

    @Test
    void missingWheelAndEmptyFolderExitTwo() throws Exception {
        Run missing = run("audit", tmp.resolve("nope.whl").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("wheelwright: " + tmp.resolve("nope.whl") + ": no such file" + System.lineSeparator());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Run none = run("audit", empty.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains(empty + ": no .whl or .tar.gz files in this folder");
    }

    @Test
    void userRulesWithConditionsReadTheWheels() throws Exception {
        Path w = wheel(UNIVERSAL2_THIN);
        Path rule = Files.createDirectories(tmp.resolve("my-rules/WW-W900-universal2-wheel-present"));
        Files.writeString(rule.resolve("rule.yaml"), """
                id: WW-W900
                name: universal2-wheel-present
                severity: warning
                title: A universal2 wheel is in the set
                reads: wheel
                when: "any(wheelSet.wheels, w -> w.filename matches 'universal2') && auditPolicy.requireArchs.isEmpty()"
                message: "a universal2 wheel is in the set"
                """);
        Run r = run("audit", "--format", "json", "--fail-on", "never", "--rules", tmp.resolve("my-rules").toString(), w.toString());
        // beside a JSON document on stdout, stderr has only the summary and the exit reason
        assertThat(r.err().lines().toList()).hasSize(2).allMatch(l -> l.startsWith("wheelwright: "));
        assertThat(r.err()).contains("exit 0: --fail-on never");
        assertThat(r.out()).contains("\"WW-W900\"");
        Run withPolicy = run("audit", "--format", "json", "--fail-on", "never", "--require-archs", "arm64",
                "--rules", tmp.resolve("my-rules").toString(), w.toString());
        assertThat(withPolicy.out()).doesNotContain("WW-W900");
    }

    @Test
    void aWheelOverAnArchiveLimitIsOneFindingAndTheBatchGoesOn() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("batch"));
        Path small = wheel("""
                filename: small-1.0-py3-none-any.whl
                files:
                  - {path: small/__init__.py, text: ""}
                """);
        Files.move(small, dir.resolve(small.getFileName()));
        Path big = wheel("""
                filename: big-1.0-py3-none-any.whl
                files:
                  - {path: big/__init__.py, text: "%s"}
                """.formatted("x".repeat(5000)));
        Files.move(big, dir.resolve(big.getFileName()));

        Run r = run("audit", "--format", "json", "--max-uncompressed", "4K", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("name").asText()).isEqualTo("archive-limit-exceeded");
        assertThat(findings.get(0).get("location").get("wheel").asText()).endsWith("big-1.0-py3-none-any.whl");
        assertThat(findings.get(0).get("message").asText()).contains("more than the limit of 4096");

        // a higher limit audits it; nothing auditable at all is exit 2 with one line
        assertThat(run("audit", "--max-uncompressed", "1M", dir.toString()).code()).isZero();
        Run none = run("audit", "--max-uncompressed", "100", dir.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip()).contains("more than the limit of 100").contains("nothing could be audited")
                .doesNotContain("\n");
        assertThat(run("audit", "--max-uncompressed", "lots", dir.toString()).err())
                .startsWith("wheelwright: --max-uncompressed lots: not a size");
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertThat(AuditCommand.parseSize("500M")).isEqualTo(500L << 20);
        assertThat(AuditCommand.parseSize("16G")).isEqualTo(16L << 30);
        assertThat(AuditCommand.parseSize("1.5k")).isEqualTo(1536);
        assertThat(AuditCommand.parseSize("2048")).isEqualTo(2048);
        assertThat(AuditCommand.parseSize("8GiB")).isEqualTo(8L << 30);
    }
}
