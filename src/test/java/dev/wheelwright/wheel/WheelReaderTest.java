package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

class WheelReaderTest {
    @TempDir
    Path tmp;

    static final String DI = "demo-1.0.dist-info";

    static List<WheelWriter.Entry> goodEntries() {
        List<WheelWriter.Entry> e = new ArrayList<>();
        e.add(WheelWriter.Entry.text("demo/__init__.py", "print('hi')\n"));
        e.add(WheelWriter.Entry.text("demo-1.0.data/scripts/demo-tool", "#!python\n"));
        e.add(WheelWriter.Entry.text(DI + "/METADATA",
                "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nClassifier: A\nClassifier: B\n"
                        + "Summary: a demo\n  folded\n\nLong description\nbody\n"));
        e.add(WheelWriter.Entry.text(DI + "/WHEEL",
                "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"));
        e.add(WheelWriter.Entry.text(DI + "/entry_points.txt", "[console_scripts]\ndemo = demo:main\n"));
        return e;
    }

    Path writeWheel(String filename, List<WheelWriter.Entry> entries, boolean record) throws IOException {
        List<WheelWriter.Entry> all = new ArrayList<>(entries);
        if (record) {
            all.add(WheelWriter.Entry.text(DI + "/RECORD", WheelWriter.record(entries, DI + "/RECORD")));
        }
        Path p = tmp.resolve(filename);
        WheelWriter.write(p, all);
        return p;
    }

    @Test
    void readsMetadataWheelFileEntryPointsAndVerifiesRecord() throws IOException {
        WheelFacts w = new WheelReader().read(writeWheel("demo-1.0-py3-none-any.whl", goodEntries(), true));
        assertThat(w.distInfo()).isEqualTo(DI);
        assertThat(w.filename()).isEqualTo("demo-1.0-py3-none-any.whl");
        assertThat(w.metadata().all("classifier")).containsExactly("A", "B");
        assertThat(w.metadata().first("Summary")).contains("a demo\nfolded");
        assertThat(w.metadata().body()).isEqualTo("Long description\nbody\n");
        assertThat(w.rootIsPurelib()).contains(true);
        assertThat(w.wheelTags()).containsExactly("py3-none-any");
        assertThat(w.entryPoints()).containsKey("console_scripts");
        assertThat(w.entryPoints().get("console_scripts")).containsEntry("demo", "demo:main");
        assertThat(w.recordIssues()).isEmpty();
        assertThat(w.record()).hasSize(6);
        assertThat(w.scheme("demo-1.0.data/scripts/demo-tool")).isEqualTo("scripts");
        assertThat(w.scheme("demo/__init__.py")).isEqualTo("root");
        assertThat(w.member("demo/__init__.py").orElseThrow().sha256())
                .isEqualTo(WheelWriter.sha256("print('hi')\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reportsEveryKindOfRecordDisagreement() throws IOException {
        List<WheelWriter.Entry> entries = goodEntries();
        String record = WheelWriter.record(entries, DI + "/RECORD")
                .replace(WheelWriter.recordRow("demo/__init__.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8)),
                        "demo/__init__.py,sha256=AAAA,12")
                .replace("demo-1.0.data/scripts/demo-tool,sha256=", "demo-1.0.data/scripts/demo-tool,md5=")
                + "demo/gone.py,sha256=x,1\n";
        // entry_points.txt row removed: a file without a row
        record = record.lines().filter(l -> !l.startsWith(DI + "/entry_points.txt")).reduce("", (a, b) -> a + b + "\n");
        entries.add(WheelWriter.Entry.text(DI + "/RECORD", record));
        WheelFacts w = new WheelReader().read(writeWheel("demo-1.0-py3-none-any.whl", entries, false));
        assertThat(w.recordIssues()).extracting(RecordIssue::kind, RecordIssue::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RecordIssue.Kind.HASH_MISMATCH, "demo/__init__.py"),
                org.assertj.core.groups.Tuple.tuple(RecordIssue.Kind.BAD_ROW, "demo-1.0.data/scripts/demo-tool"),
                org.assertj.core.groups.Tuple.tuple(RecordIssue.Kind.FILE_MISSING, "demo/gone.py"),
                org.assertj.core.groups.Tuple.tuple(RecordIssue.Kind.NOT_IN_RECORD, DI + "/entry_points.txt"));
    }

    @Test
    void sizeMismatchWithRightHashIsReported() throws IOException {
        List<WheelWriter.Entry> entries = goodEntries();
        byte[] init = "print('hi')\n".getBytes(StandardCharsets.UTF_8);
        String record = WheelWriter.record(entries, DI + "/RECORD")
                .replace(WheelWriter.recordRow("demo/__init__.py", init), "demo/__init__.py,sha256=" + WheelWriter.sha256(init) + ",99");
        entries.add(WheelWriter.Entry.text(DI + "/RECORD", record));
        WheelFacts w = new WheelReader().read(writeWheel("demo-1.0-py3-none-any.whl", entries, false));
        assertThat(w.recordIssues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(RecordIssue.Kind.SIZE_MISMATCH);
            assertThat(i.expected()).isEqualTo("99");
            assertThat(i.actual()).isEqualTo("12");
        });
    }

    @Test
    void missingRecordIsNullAndNoIssues() throws IOException {
        WheelFacts w = new WheelReader().read(writeWheel("demo-1.0-py3-none-any.whl", goodEntries(), false));
        assertThat(w.record()).isNull();
        assertThat(w.recordIssues()).isEmpty();
    }

    @Test
    void duplicatesCaseCollisionsAndUnsafeNamesAreFacts() throws IOException {
        List<WheelWriter.Entry> entries = goodEntries();
        entries.add(WheelWriter.Entry.text("demo/__init__.py", "second copy\n"));
        entries.add(WheelWriter.Entry.text("demo/Util.py", ""));
        entries.add(WheelWriter.Entry.text("demo/util.py", ""));
        entries.add(WheelWriter.Entry.text("../evil.py", ""));
        entries.add(WheelWriter.Entry.text("/etc/evil", ""));
        WheelFacts w = new WheelReader().read(writeWheel("demo-1.0-py3-none-any.whl", entries, false));
        assertThat(w.duplicateNames()).containsEntry("demo/__init__.py", 2).hasSize(1);
        assertThat(w.caseCollisions()).containsExactly(List.of("demo/Util.py", "demo/util.py"));
        assertThat(w.unsafeMemberNames()).containsExactly("../evil.py", "/etc/evil");
    }

    @Test
    void picksTheDistInfoNamedAfterTheWheel() throws IOException {
        List<WheelWriter.Entry> entries = goodEntries();
        entries.add(0, WheelWriter.Entry.text("other-2.0.dist-info/WHEEL", "Wheel-Version: 1.0\n"));
        WheelFacts w = new WheelReader().read(writeWheel("demo-1.0-py3-none-any.whl", entries, false));
        assertThat(w.distInfoDirs()).containsExactly("other-2.0.dist-info", DI);
        assertThat(w.distInfo()).isEqualTo(DI);
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("empty", new byte[0], "empty file (0 bytes), not a zip archive"),
                Arguments.of("random", randomBytes(4096), "not a zip file (bad magic bytes)"),
                Arguments.of("short", new byte[] {'P', 'K'}, "not a zip file (bad magic bytes)"));
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        b[0] = 'X';
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void unreadableWheelsFailWithOneLineNamingTheWheel(String label, byte[] content, String defect) throws IOException {
        Path p = tmp.resolve(label + "-1.0-py3-none-any.whl");
        Files.write(p, content);
        assertThatThrownBy(() -> new WheelReader().read(p, "dist/x.whl"))
                .isInstanceOf(WheelException.class)
                .hasMessage("dist/x.whl: " + defect);
    }

    @Test
    void truncatedWheelIsRefused() throws IOException {
        Path good = writeWheel("demo-1.0-py3-none-any.whl", goodEntries(), true);
        byte[] all = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.whl");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> new WheelReader().read(cut, "cut.whl"))
                .isInstanceOf(WheelException.class)
                .hasMessageStartingWith("cut.whl: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void zipBombIsRefusedBeforeItIsInflated() throws IOException {
        Path bomb = tmp.resolve("bomb-1.0-py3-none-any.whl");
        try (OutputStream os = Files.newOutputStream(bomb); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
            ZipArchiveEntry e = new ZipArchiveEntry("bomb/zeros.bin");
            zip.putArchiveEntry(e);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeArchiveEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(200_000);
        assertThatThrownBy(() -> new WheelReader().read(bomb, "bomb.whl"))
                .isInstanceOf(WheelException.class)
                .hasMessageContaining("bomb.whl: member bomb/zeros.bin expands")
                .hasMessageContaining("zip bomb");
    }

    @Test
    void totalSizeAndMemberCountLimitsHold() throws IOException {
        Path p = writeWheel("demo-1.0-py3-none-any.whl", goodEntries(), true);
        assertThatThrownBy(() -> new WheelReader(ArchiveLimits.defaults().withMaxTotalSize(50)).read(p, "w.whl"))
                .hasMessageContaining("w.whl: ").hasMessageContaining("limit of 50");
        assertThatThrownBy(() -> new WheelReader(ArchiveLimits.defaults().withMaxMembers(3)).read(p, "w.whl"))
                .hasMessage("w.whl: 6 members, more than the limit of 3 (refusing a possible zip bomb)");
    }

    @Test
    void directoryAndMissingFileAreClearErrors() {
        assertThatThrownBy(() -> new WheelReader().read(tmp, "dist")).hasMessage("dist: is a directory, not a wheel file");
        assertThatThrownBy(() -> new WheelReader().read(tmp.resolve("nope.whl"), "nope.whl")).hasMessage("nope.whl: no such file");
    }

    static Path testdata(String rel) {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        return p.resolve("testdata/wheels").resolve(rel);
    }

    @Test
    void readsTheBinariesOfARealSetuptoolsWheel() {
        Path real = testdata("real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        WheelFacts w = new WheelReader().read(real, real.getFileName().toString());
        assertThat(w.recordIssues()).isEmpty();
        assertThat(w.distInfo()).isEqualTo("hello_ext-0.1.0.dist-info");
        assertThat(w.metadata().first("Name")).contains("hello-ext");
        assertThat(w.rootIsPurelib()).contains(false);
        assertThat(w.binaries()).singleElement().satisfies(b -> {
            assertThat(b.member()).isEqualTo("hello_ext/_speed.cpython-311-x86_64-linux-gnu.so");
            assertThat(b.info().format()).isEqualTo(dev.wheelwright.binary.BinaryFormat.ELF);
            assertThat(b.info().archs()).containsExactly("x86_64");
        });
        assertThat(w.invalidBinaries()).isEmpty();
    }

    @Test
    void nativeMembersAreReadWhateverTheirNameAndBadOnesAreFacts() throws IOException {
        List<WheelWriter.Entry> entries = goodEntries();
        entries.add(new WheelWriter.Entry("demo/_ext.so", Files.readAllBytes(testdata("macho/ext-universal2.so"))));
        entries.add(new WheelWriter.Entry("demo/misnamed.bin", Files.readAllBytes(testdata("elf/ext-aarch64.so"))));
        entries.add(WheelWriter.Entry.text("demo/_lfs.so", "version https://git-lfs.github.com/spec/v1\noid sha256:0\n"));
        byte[] cut = Files.readAllBytes(testdata("elf/ext-x86_64.so"));
        entries.add(new WheelWriter.Entry("demo/_cut.so", java.util.Arrays.copyOf(cut, 100)));
        entries.add(new WheelWriter.Entry("demo/helper.jar", Files.readAllBytes(testdata("jar/helper-java17.jar"))));
        WheelFacts w = new WheelReader().read(writeWheel("demo-1.0-py3-none-any.whl", entries, true));
        assertThat(w.binaries()).extracting(WheelFacts.WheelBinary::member).containsExactly("demo/_ext.so", "demo/misnamed.bin");
        assertThat(w.binaries().get(0).info().archs()).containsExactlyInAnyOrder("arm64", "x86_64");
        assertThat(w.invalidBinaries()).extracting(WheelFacts.InvalidBinary::member).containsExactly("demo/_lfs.so", "demo/_cut.so");
        assertThat(w.invalidBinaries().get(0).reason())
                .isEqualTo("not a Mach-O, ELF or PE binary (unknown magic bytes; starts with \"version https://git-lfs.github.com/spec/v1\")");
        assertThat(w.invalidBinaries().get(1).reason()).doesNotStartWith("demo/_cut.so");
        assertThat(w.jars()).singleElement().satisfies(j -> {
            assertThat(j.classMajor()).isEqualTo(61);
            assertThat(j.javaVersion()).isEqualTo(17);
            assertThat(j.newestClass()).isEqualTo("demo/Helper.class");
        });
    }

    @Test
    void zip64ArchivesAreRead() throws IOException {
        Path p = tmp.resolve("demo-1.0-py3-none-any.whl");
        List<WheelWriter.Entry> entries = goodEntries();
        entries.add(WheelWriter.Entry.text(DI + "/RECORD", WheelWriter.record(entries, DI + "/RECORD")));
        try (OutputStream os = Files.newOutputStream(p); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
            zip.setUseZip64(org.apache.commons.compress.archivers.zip.Zip64Mode.Always);
            for (WheelWriter.Entry e : entries) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.name()));
                zip.write(e.data());
                zip.closeArchiveEntry();
            }
        }
        WheelFacts w = new WheelReader().read(p);
        assertThat(w.recordIssues()).isEmpty();
        assertThat(w.files()).hasSize(6);
        assertThat(w.wheelTags()).containsExactly("py3-none-any");
    }

    @Test
    void overlongMemberNamesAreRefused() throws IOException {
        List<WheelWriter.Entry> entries = goodEntries();
        entries.add(WheelWriter.Entry.text("demo/" + "x".repeat(2000) + ".py", ""));
        Path p = writeWheel("demo-1.0-py3-none-any.whl", entries, false);
        assertThatThrownBy(() -> new WheelReader().read(p, "long.whl"))
                .hasMessage("long.whl: a member name is 2008 bytes long, more than the limit of 1024");
    }

    /** A RECORD digest that is the file's sha256 in another encoding is named as such, not taken for a mismatch. */
    @Test
    void digestsInOtherEncodingsAreRecognised() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest("x = 1\n".getBytes(StandardCharsets.UTF_8));
        String required = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        assertThat(WheelReader.otherEncoding(java.util.HexFormat.of().formatHex(digest), required)).isEqualTo("hex");
        assertThat(WheelReader.otherEncoding(java.util.HexFormat.of().withUpperCase().formatHex(digest), required)).isEqualTo("hex");
        assertThat(WheelReader.otherEncoding(required + "=", required)).isEqualTo("padded base64");
        String standard = java.util.Base64.getEncoder().encodeToString(digest);
        assertThat(standard).containsAnyOf("+", "/"); // this digest tells standard from urlsafe base64
        assertThat(WheelReader.otherEncoding(standard, required)).isEqualTo("standard base64");
        assertThat(WheelReader.otherEncoding(standard.replace("=", ""), required)).isEqualTo("standard base64");
        byte[] other = digest.clone();
        other[0] ^= 1;
        assertThat(WheelReader.otherEncoding(java.util.HexFormat.of().formatHex(other), required)).isNull();
        assertThat(WheelReader.otherEncoding(required.substring(1), required)).isNull();
    }
}
