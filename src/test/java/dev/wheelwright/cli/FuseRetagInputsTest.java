package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.wheel.WheelWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Odd inputs of {@code fuse} and {@code retag}: one line, exit 2, nothing written. */
class FuseRetagInputsTest {
    static final Path FUSE = Path.of("testdata/fuse");

    @TempDir
    Path tmp;

    /** A real wheel of project demo holding one thin Mach-O extension of {@code arch}. */
    static Path wheel(Path dir, String filename, String arch, boolean withWheelFile) throws IOException {
        List<WheelWriter.Entry> m = new ArrayList<>();
        m.add(new WheelWriter.Entry("demo/_demo.cpython-39-darwin.so",
                Files.readAllBytes(FUSE.resolve("_demo." + arch + ".so")), 0755));
        m.add(text("demo-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"));
        if (withWheelFile) {
            String tag = filename.split("-", 3)[2].replaceFirst("^\\d[^-]*-", "").replace(".whl", "");
            m.add(text("demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: "
                    + tag + "\n"));
        }
        Path p = dir.resolve(filename);
        WheelWriter.write(p, m, "demo-1.0.dist-info");
        return p;
    }

    static WheelWriter.Entry text(String name, String s) {
        return new WheelWriter.Entry(name, s.getBytes(StandardCharsets.UTF_8), 0644);
    }

    static final String ARM = "demo-1.0-cp39-cp39-macosx_11_0_arm64.whl";
    static final String X86 = "demo-1.0-cp39-cp39-macosx_10_9_x86_64.whl";

    /** One bad input per row: how to make it, then the exact stderr line expected (%s = the input path). */
    static Stream<Arguments> badInputs() {
        return Stream.<Arguments>of(
                Arguments.of("folder as wheel", (BiFunction<Path, String, Path>) (d, n) -> mkdir(d.resolve(n)),
                        "%s: is a folder, not a wheel file"),
                Arguments.of("missing file", (BiFunction<Path, String, Path>) (d, n) -> d.resolve(n),
                        "%s: no such file"),
                Arguments.of("not a zip", (BiFunction<Path, String, Path>) (d, n) -> write(d.resolve(n), "hello".getBytes()),
                        "%s: not a zip file (no end of central directory record; truncated or not a wheel)"),
                Arguments.of("truncated zip", (BiFunction<Path, String, Path>) (d, n) -> truncated(d, n),
                        "%s: not a zip file (no end of central directory record; truncated or not a wheel)"),
                Arguments.of("no WHEEL file", (BiFunction<Path, String, Path>) (d, n) -> unchecked(() -> wheel(d, n, "arm64", false)),
                        n(ARM) + ": no .dist-info/WHEEL file; not a wheel"),
                Arguments.of("member changed after RECORD was written", (BiFunction<Path, String, Path>) (d, n) -> tampered(d, n),
                        n(ARM) + ": member 'demo/__init__.py' does not match its RECORD hash (changed after the wheel was built)"),
                Arguments.of("damaged member", (BiFunction<Path, String, Path>) (d, n) -> damaged(d, n),
                        n(ARM) + ": member 'demo/_demo.cpython-39-darwin.so' is damaged (CRC-32 "));
    }

    private static String n(String s) {
        return s;
    }

    @ParameterizedTest(name = "fuse: {0}")
    @MethodSource("badInputs")
    void fuseRefusesOnOneLine(String what, BiFunction<Path, String, Path> make, String expected) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path good = wheel(in, X86, "x86_64", true);
        Path bad = make.apply(in, ARM);
        Path out = tmp.resolve("out");
        MainTest.Run r = MainTest.run("fuse", good.toString(), bad.toString(), "-o", out.toString());
        assertOneLine(r, expected.replace("%s", bad.toString()));
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest(name = "retag: {0}")
    @MethodSource("badInputs")
    void retagRefusesOnOneLineBeforeWritingAnything(String what, BiFunction<Path, String, Path> make, String expected)
            throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        // A first wheel that would be retagged: the bad second one must stop the run before it is written.
        Path wrong = wheel(in, "demo-1.0-cp39-cp39-macosx_11_0_x86_64.whl", "arm64", true);
        Path bad = make.apply(Files.createDirectories(tmp.resolve("bad")), ARM);
        Path out = tmp.resolve("out");
        MainTest.Run r = MainTest.run("retag", "--apply", "-o", out.toString(), wrong.toString(), bad.toString());
        assertOneLine(r, expected.replace("%s", bad.toString()));
        assertThat(out).doesNotExist();
    }

    static void assertOneLine(MainTest.Run r, String expectedStart) {
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("wheelwright: " + expectedStart).endsWith("\n");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void fusedAndRetaggedWheelsAreReadableLikeAnyNewFile() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path plain = Files.writeString(in.resolve("plain"), "x"); // the mode the umask gives a new file
        Path out = tmp.resolve("new").resolve("folder");
        MainTest.Run fuse = MainTest.run("fuse", "-q", wheel(in, X86, "x86_64", true).toString(),
                wheel(in, ARM, "arm64", true).toString(), "-o", out.toString());
        assertThat(fuse.code()).as(fuse.err()).isZero();
        Path fused = out.resolve("demo-1.0-cp39-cp39-macosx_10_9_universal2.whl");
        assertThat(Files.getPosixFilePermissions(fused)).isEqualTo(Files.getPosixFilePermissions(plain));

        MainTest.Run retag = MainTest.run("retag", "--apply", "-o", out.toString(),
                wheel(in, "demo-1.0-cp39-cp39-macosx_11_0_x86_64.whl", "arm64", true).toString());
        assertThat(retag.code()).as(retag.err()).isZero();
        assertThat(Files.getPosixFilePermissions(out.resolve(ARM))).isEqualTo(Files.getPosixFilePermissions(plain));
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "demo-1.0-cp39-cp39-macosx_10_9_universal2.whl", ARM); // no temporary file left
        }
    }

    @Test
    void aPureWheelCarryingLaunchersForSeveralMachinesKeepsItsTag() throws IOException {
        // pip and setuptools ship Windows launchers for x86, amd64 and arm64 as data of a py3-none-any wheel.
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path bin = Path.of("testdata/binaries");
        Path w = in.resolve("tool-1.0-py3-none-any.whl");
        WheelWriter.write(w, List.of(
                text("tool/__init__.py", "\n"),
                new WheelWriter.Entry("tool/t32.exe", Files.readAllBytes(bin.resolve("pe-i686.pyd")), 0644),
                new WheelWriter.Entry("tool/t64.exe", Files.readAllBytes(bin.resolve("pe-x86_64.pyd")), 0644),
                text("tool-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: tool\nVersion: 1.0\n"),
                text("tool-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")),
                "tool-1.0.dist-info");
        MainTest.Run r = MainTest.run("retag", "--apply", w.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("PE binaries for [amd64, x86] in one wheel: no single Windows tag fits;"
                + " the platform tag is left as it is").contains("the tag is right; nothing to do");
        try (var files = Files.list(in)) {
            assertThat(files).containsExactly(w);
        }
    }

    @Test
    void aMemberNameWithANewlineIsStillOneLine() throws IOException {
        Path w = tmp.resolve(ARM);
        try (var zos = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(w.toFile())) {
            zos.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("demo/a\nb.py"));
            zos.write(new byte[] {'x'});
            zos.closeArchiveEntry();
        }
        MainTest.Run r = MainTest.run("retag", w.toString());
        assertOneLine(r, w.getFileName() + ": unsafe member name 'demo/a\\x0ab.py' (control characters)");
    }

    // ---- makers of bad inputs
    interface IoSupplier {
        Path get() throws IOException;
    }

    static Path unchecked(IoSupplier s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path mkdir(Path p) {
        return unchecked(() -> Files.createDirectories(p));
    }

    static Path write(Path p, byte[] data) {
        return unchecked(() -> Files.write(p, data));
    }

    static Path truncated(Path dir, String name) {
        return unchecked(() -> {
            Path full = wheel(Files.createDirectories(dir.resolve("full")), name, "arm64", true);
            byte[] b = Files.readAllBytes(full);
            Files.delete(full);
            Files.delete(dir.resolve("full"));
            return Files.write(dir.resolve(name), java.util.Arrays.copyOf(b, b.length / 2));
        });
    }

    /** A wheel whose RECORD hashes the original demo/__init__.py, holding another one (valid CRC). */
    static Path tampered(Path dir, String name) {
        return unchecked(() -> {
            Path p = wheel(Files.createDirectories(dir.resolve("orig")), name, "arm64", true);
            Path out = dir.resolve(name);
            try (var in = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(p).get();
                 var zos = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(out.toFile())) {
                for (var en : java.util.Collections.list(in.getEntries())) {
                    byte[] data = in.getInputStream(en).readAllBytes();
                    if (en.getName().equals("demo-1.0.dist-info/RECORD")) {
                        String record = new String(data, StandardCharsets.UTF_8);
                        byte[] orig = "x = 1\n".getBytes(StandardCharsets.UTF_8);
                        record = "demo/__init__.py,sha256=" + WheelWriter.sha256(orig) + "," + orig.length + "\n" + record;
                        data = record.getBytes(StandardCharsets.UTF_8);
                    }
                    zos.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(en.getName()));
                    zos.write(data);
                    zos.closeArchiveEntry();
                }
                var init = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("demo/__init__.py");
                zos.putArchiveEntry(init);
                zos.write("import os; os.system('evil')\n".getBytes(StandardCharsets.UTF_8));
                zos.closeArchiveEntry();
            }
            return out;
        });
    }

    /** A stored (uncompressed) member with one byte changed: only its CRC-32 can tell. */
    static Path damaged(Path dir, String name) {
        return unchecked(() -> {
            Path p = dir.resolve(name);
            try (var zos = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(p.toFile())) {
                for (String[] e : new String[][] {
                        {"demo/_demo.cpython-39-darwin.so", null},
                        {"demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp39-cp39-macosx_11_0_arm64\n"},
                        {"demo-1.0.dist-info/RECORD", ""}}) {
                    byte[] data = e[1] == null ? Files.readAllBytes(FUSE.resolve("_demo.arm64.so"))
                            : e[1].getBytes(StandardCharsets.UTF_8);
                    var en = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(e[0]);
                    en.setMethod(java.util.zip.ZipEntry.STORED);
                    en.setSize(data.length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(data);
                    en.setCrc(crc.getValue());
                    zos.putArchiveEntry(en);
                    zos.write(data);
                    zos.closeArchiveEntry();
                }
            }
            byte[] b = Files.readAllBytes(p);
            b[200] ^= 0x01; // inside the first member's data (its local header is 30 + name bytes)
            return Files.write(p, b);
        });
    }
}
