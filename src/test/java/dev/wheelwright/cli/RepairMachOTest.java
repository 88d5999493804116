package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.macho.CodeSignatureVerifier;
import dev.wheelwright.binary.macho.MachOReader;
import dev.wheelwright.repair.RepairFixtures;
import dev.wheelwright.wheel.WheelWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repair} of macOS wheels made from clang/lld binaries: thin arm64, thin x86_64 and universal2, each linking @rpath/libhelper.dylib. */
class RepairMachOTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void fixtures() throws Exception {
        RepairFixtures.tool("clang-14");
        RepairFixtures.tool("ld64.lld");
        RepairFixtures.tool("llvm-lipo");
        RepairFixtures.run("bash", Path.of("scripts/make-repair-macho-fixtures.sh").toAbsolutePath().toString(), tmp.resolve("fx").toString());
    }

    private Path wheel(String module, String platform) throws Exception {
        Path p = tmp.resolve("dist/demo-1.0-cp311-cp311-" + platform + ".whl");
        WheelWriter.write(p, List.of(
                new WheelWriter.Entry("demo/_mod.cpython-311-darwin.so", Files.readAllBytes(tmp.resolve("fx/" + module)), 0755),
                WheelWriter.Entry.text("demo/__init__.py", ""),
                WheelWriter.Entry.text("demo-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"),
                WheelWriter.Entry.text("demo-1.0.dist-info/WHEEL",
                        "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: cp311-cp311-" + platform + "\n")),
                "demo-1.0.dist-info");
        return p;
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static byte[] member(Path wheel, String name) throws Exception {
        try (ZipFile z = new ZipFile(wheel.toFile())) {
            var e = z.getEntry(name);
            assertThat(e).as(name).isNotNull();
            return z.getInputStream(e).readAllBytes();
        }
    }

    private Path repairOne(Path wheel, String expectedName) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path dir = tmp.resolve("out-" + wheel.getFileName());
        int code = run(out, err, "repair", wheel.toString(), "-o", dir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bundle @rpath/libhelper.dylib from " + tmp.resolve("fx/lib/libhelper.dylib"),
                "as demo/.dylibs/libhelper.dylib", "LC_RPATH " + tmp.resolve("fx/lib") + " removed");
        Path repaired = dir.resolve(expectedName);
        assertThat(repaired).exists();
        StringWriter aout = new StringWriter();
        int audit = run(aout, new StringWriter(), "audit", repaired.toString());
        assertThat(aout.toString()).doesNotContain("external-dylib", "unresolved-rpath");
        assertThat(audit).as(aout.toString()).isZero();
        return repaired;
    }

    /** Every arm64 slice of a member verifies page by page; returns how many were checked. */
    private static int verifyArm64(byte[] data) {
        int n = 0;
        for (var s : MachOReader.read("m", data).slices()) {
            MachOSlice m = (MachOSlice) s;
            if (m.arch().equals("arm64")) {
                byte[] thin = Arrays.copyOfRange(data, (int) m.offset(), (int) (m.offset() + m.size()));
                CodeSignatureVerifier.Result r = CodeSignatureVerifier.verify(thin);
                assertThat(r.problems()).isEmpty();
                assertThat(r.pages()).isPositive();
                n++;
            }
        }
        return n;
    }

    @Test
    void universal2WheelBundlesTheFatLibraryRewritesBothSlicesAndSignsArm64() throws Exception {
        Path input = wheel("mod.fat.so", "macosx_10_9_universal2");
        byte[] before = Files.readAllBytes(input);
        Path repaired = repairOne(input, "demo-1.0-cp311-cp311-macosx_10_9_universal2.whl");
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
        Path x = tmp.resolve("x");
        Files.createDirectories(x);
        Files.write(x.resolve("mod.so"), member(repaired, "demo/_mod.cpython-311-darwin.so"));
        Files.write(x.resolve("libhelper.dylib"), member(repaired, "demo/.dylibs/libhelper.dylib"));
        String objdump = RepairFixtures.tool("llvm-objdump").toString();
        String used = RepairFixtures.run(objdump, "--macho", "--dylibs-used", "--arch=all", x.resolve("mod.so").toString());
        assertThat(used.split("@loader_path/.dylibs/libhelper.dylib", -1)).hasSize(3);
        assertThat(used).doesNotContain("@rpath/libhelper.dylib");
        String headers = RepairFixtures.run(objdump, "--macho", "--private-headers", "--arch=all", x.resolve("mod.so").toString());
        assertThat(headers).doesNotContain(tmp.resolve("fx/lib").toString());
        String lib = RepairFixtures.run(objdump, "--macho", "--dylib-id", "--arch=all", x.resolve("libhelper.dylib").toString());
        assertThat(lib).contains("/DLC/demo/.dylibs/libhelper.dylib");
        assertThat(verifyArm64(Files.readAllBytes(x.resolve("mod.so")))).isEqualTo(1);
        assertThat(verifyArm64(Files.readAllBytes(x.resolve("libhelper.dylib")))).isEqualTo(1);
        // the same input twice: the same bytes
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "repair", input.toString(), "-o", tmp.resolve("again").toString(), "-q")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("again").resolve(repaired.getFileName()))).isEqualTo(Files.readAllBytes(repaired));
    }

    @Test
    void thinArm64AndThinX86WheelsAreRepairedEach() throws Exception {
        Path arm = repairOne(wheel("mod.arm64.so", "macosx_11_0_arm64"), "demo-1.0-cp311-cp311-macosx_11_0_arm64.whl");
        assertThat(verifyArm64(member(arm, "demo/_mod.cpython-311-darwin.so"))).isEqualTo(1);
        // the fat libhelper is cut to the wheel's arch, and that slice is signed anew
        byte[] lib = member(arm, "demo/.dylibs/libhelper.dylib");
        assertThat(MachOReader.read("lib", lib).fat()).isFalse();
        assertThat(verifyArm64(lib)).isEqualTo(1);
        Path x86 = repairOne(wheel("mod.x86_64.so", "macosx_10_9_x86_64"), "demo-1.0-cp311-cp311-macosx_10_9_x86_64.whl");
        MachOSlice m = (MachOSlice) MachOReader.read("m", member(x86, "demo/_mod.cpython-311-darwin.so")).slices().get(0);
        assertThat(m.dylibs().stream().map(MachOSlice.Dylib::name)).contains("@loader_path/.dylibs/libhelper.dylib");
        assertThat(m.codeSignature()).isFalse();
    }

    @Test
    void aModuleWithoutHeaderRoomIsRefusedWithOneLineAndNothingWritten() throws Exception {
        Path input = wheel("tight.arm64.so", "macosx_11_0_arm64");
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "repair", input.toString(), "-o", tmp.resolve("out").toString(),
                "--lib-dir", tmp.resolve("fx/lib").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("-headerpad_max_install_names");
        assertThat(tmp.resolve("out")).doesNotExist();
        try (Stream<Path> s = Files.list(tmp.resolve("dist"))) {
            assertThat(s.count()).isEqualTo(1);
        }
    }
}
