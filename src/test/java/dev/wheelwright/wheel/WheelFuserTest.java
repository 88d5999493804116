package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelFuserTest {
    static final Path FIXTURES = Path.of("testdata/fuse");
    static final String EXT = "demo/_demo.cpython-39-darwin.so";
    static final String LIB = "demo/.dylibs/libhelper.dylib";

    @TempDir
    Path tmp;

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    /** A wheel of project demo for one arch, assembled from the thin fixtures. */
    Path wheel(String filename, String arch, Map<String, String> extraText) throws IOException {
        List<WheelWriter.Entry> m = new ArrayList<>();
        m.add(text("demo/__init__.py", "from ._demo import *\n"));
        m.add(new WheelWriter.Entry(EXT, fixture("_demo." + arch + ".so"), 0755));
        m.add(new WheelWriter.Entry(LIB, fixture("helper." + arch + ".dylib"), 0755));
        extraText.forEach((k, v) -> m.add(text(k, v)));
        String version = filename.split("-")[1];
        String distInfo = "demo-" + version + ".dist-info";
        m.add(text(distInfo + "/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: " + version + "\n"));
        String tag = filename.substring(filename.indexOf('-', filename.indexOf('-') + 1) + 1, filename.length() - 4);
        m.add(text(distInfo + "/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: " + tag + "\n\n"));
        Path dir = Files.createDirectories(tmp.resolve("in-" + arch + "-" + version));
        Path p = dir.resolve(filename);
        WheelWriter.write(p, m, distInfo);
        return p;
    }

    static WheelWriter.Entry text(String name, String s) {
        return new WheelWriter.Entry(name, s.getBytes(StandardCharsets.UTF_8), 0644);
    }

    static Map<String, byte[]> members(Path wheel) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = ZipFile.builder().setPath(wheel).get()) {
            for (Enumeration<ZipArchiveEntry> e = z.getEntriesInPhysicalOrder(); e.hasMoreElements(); ) {
                ZipArchiveEntry en = e.nextElement();
                try (InputStream is = z.getInputStream(en)) {
                    out.put(en.getName(), is.readAllBytes());
                }
            }
        }
        return out;
    }

    Path x86() throws IOException {
        return wheel("demo-1.0-cp39-cp39-macosx_10_9_x86_64.whl", "x86_64", Map.of());
    }

    Path arm() throws IOException {
        return wheel("demo-1.0-cp39-cp39-macosx_11_0_arm64.whl", "arm64", Map.of());
    }

    @Test
    void fusesTwoThinWheelsIntoUniversal2() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        WheelFuser.Result r = WheelFuser.fuse(arm(), x86(), out, null);

        assertThat(r.wheel().getFileName().toString()).isEqualTo("demo-1.0-cp39-cp39-macosx_10_9_universal2.whl");
        assertThat(r.fusedBinaries()).containsExactly(EXT, LIB);
        Map<String, byte[]> m = members(r.wheel());
        assertThat(m.keySet()).containsExactly("demo/__init__.py", EXT, LIB,
                "demo-1.0.dist-info/METADATA", "demo-1.0.dist-info/WHEEL", "demo-1.0.dist-info/RECORD");
        assertThat(new String(m.get("demo-1.0.dist-info/WHEEL"), StandardCharsets.UTF_8))
                .contains("Tag: cp39-cp39-macosx_10_9_universal2\n")
                .doesNotContain("x86_64").doesNotContain("arm64")
                .contains("Root-Is-Purelib: false");

        // fat layout: x86_64 first at a 2^12 boundary, arm64 second at a 2^14 boundary, bytes unchanged
        byte[] fat = m.get(EXT);
        ByteBuffer b = ByteBuffer.wrap(fat);
        assertThat(b.getInt(0)).isEqualTo(0xcafebabe);
        assertThat(b.getInt(4)).isEqualTo(2);
        int[] cputypes = {b.getInt(8), b.getInt(28)};
        assertThat(cputypes).containsExactly(0x01000007, 0x0100000c);
        int x86Off = b.getInt(16), x86Size = b.getInt(20), x86Align = b.getInt(24);
        int armOff = b.getInt(36), armSize = b.getInt(40), armAlign = b.getInt(44);
        assertThat(x86Align).isEqualTo(12);
        assertThat(armAlign).isEqualTo(14);
        assertThat(x86Off % 4096).isZero();
        assertThat(armOff % 16384).isZero();
        assertThat(Arrays.copyOfRange(fat, x86Off, x86Off + x86Size)).isEqualTo(fixture("_demo.x86_64.so"));
        assertThat(Arrays.copyOfRange(fat, armOff, armOff + armSize)).isEqualTo(fixture("_demo.arm64.so"));

        // RECORD lists every other member with a correct hash and size
        String record = new String(m.get("demo-1.0.dist-info/RECORD"), StandardCharsets.UTF_8);
        for (var e : m.entrySet()) {
            if (!e.getKey().endsWith("RECORD")) {
                assertThat(record).contains(e.getKey() + ",sha256=" + WheelWriter.sha256(e.getValue()) + "," + e.getValue().length + "\n");
            }
        }
        assertThat(record).endsWith("demo-1.0.dist-info/RECORD,,\n");
    }

    @Test
    void fusingTwiceGivesIdenticalBytes() throws IOException {
        Path a = x86();
        Path b = arm();
        Path one = WheelFuser.fuse(a, b, Files.createDirectories(tmp.resolve("one")), null).wheel();
        Path two = WheelFuser.fuse(b, a, Files.createDirectories(tmp.resolve("two")), null).wheel();
        assertThat(Files.readAllBytes(one)).isEqualTo(Files.readAllBytes(two));
    }

    @Test
    void lipoAndObjdumpSeeBothSlicesWithUnchangedLoadCommands() throws Exception {
        Path lipo = tool("llvm-lipo");
        Path objdump = tool("llvm-objdump");
        Path fused = WheelFuser.fuse(x86(), arm(), Files.createDirectories(tmp.resolve("o")), null).wheel();
        Path so = tmp.resolve("fused.so");
        Files.write(so, members(fused).get(EXT));

        assertThat(run(lipo.toString(), "-info", so.toString()))
                .contains("Architectures in the fat file").contains("x86_64 arm64");
        assertThat(run(lipo.toString(), so.toString(), "-verify_arch", "x86_64", "arm64")).isEmpty();
        for (String arch : List.of("x86_64", "arm64")) {
            String thin = loadCommands(run(objdump.toString(), "--macho", "--private-headers",
                    FIXTURES.resolve("_demo." + arch + ".so").toString()));
            String inFat = loadCommands(run(objdump.toString(), "--macho", "--private-headers", "--arch=" + arch, so.toString()));
            assertThat(inFat).isEqualTo(thin).contains("cmd LC_");
        }
    }

    /** The load-command part of objdump's output (after the first "Load command"). */
    static String loadCommands(String objdump) {
        int i = objdump.indexOf("Load command");
        assertThat(i).isNotNegative();
        return objdump.substring(i);
    }

    @Test
    void arm64TagAboveElevenRaisesTheUniversal2Version() throws IOException {
        Path a = wheel("demo-1.0-cp39-cp39-macosx_10_9_x86_64.whl", "x86_64", Map.of());
        Path b = wheel("demo-1.0-cp39-cp39-macosx_12_0_arm64.whl", "arm64", Map.of());
        Path out = WheelFuser.fuse(a, b, Files.createDirectories(tmp.resolve("o")), null).wheel();
        assertThat(out.getFileName().toString()).isEqualTo("demo-1.0-cp39-cp39-macosx_12_0_universal2.whl");
    }

    @Test
    void refusesDifferentVersions() throws IOException {
        Path a = x86();
        Path b = wheel("demo-1.1-cp39-cp39-macosx_11_0_arm64.whl", "arm64", Map.of());
        assertThatThrownBy(() -> WheelFuser.fuse(a, b, tmp, null))
                .isInstanceOf(WheelwrightException.class)
                .hasMessageContaining("different versions (1.0, 1.1)");
    }

    @Test
    void refusesTwoArm64Wheels() throws IOException {
        Path a = arm();
        Path b = wheel("demo-1.0-cp39-cp39-macosx_12_0_arm64.whl", "arm64", Map.of());
        assertThatThrownBy(() -> WheelFuser.fuse(a, b, tmp, null))
                .isInstanceOf(WheelwrightException.class)
                .hasMessageContaining("both arm64 wheels");
    }

    @Test
    void refusesDifferingDataFilesNamingEachUnlessAPreferenceIsGiven() throws IOException {
        Path a = wheel("demo-1.0-cp39-cp39-macosx_10_9_x86_64.whl", "x86_64",
                Map.of("demo/config.json", "{\"arch\": \"x86_64\"}", "demo/build.txt", "x"));
        Path b = wheel("demo-1.0-cp39-cp39-macosx_11_0_arm64.whl", "arm64",
                Map.of("demo/config.json", "{\"arch\": \"arm64\"}", "demo/build.txt", "y"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertThatThrownBy(() -> WheelFuser.fuse(a, b, out, null))
                .isInstanceOf(WheelwrightException.class)
                .hasMessageContaining("2 files differ")
                .hasMessageContaining("demo/build.txt, demo/config.json")
                .hasMessageContaining("--prefer");
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }

        WheelFuser.Result r = WheelFuser.fuse(a, b, out, "arm64");
        assertThat(r.preferred()).containsExactlyInAnyOrder("demo/config.json", "demo/build.txt");
        assertThat(new String(members(r.wheel()).get("demo/config.json"), StandardCharsets.UTF_8)).contains("arm64");
    }

    @Test
    void refusesAMachOFileWithoutCounterpart() throws IOException {
        Path a = x86();
        List<WheelWriter.Entry> m = new ArrayList<>();
        m.add(new WheelWriter.Entry(EXT, fixture("_demo.arm64.so"), 0755));
        m.add(text("demo/__init__.py", "from ._demo import *\n"));
        m.add(text("demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp39-cp39-macosx_11_0_arm64\n"));
        Path b = Files.createDirectories(tmp.resolve("b")).resolve("demo-1.0-cp39-cp39-macosx_11_0_arm64.whl");
        WheelWriter.write(b, m, "demo-1.0.dist-info");
        assertThatThrownBy(() -> WheelFuser.fuse(a, b, tmp, null))
                .isInstanceOf(WheelwrightException.class)
                .hasMessageContaining(LIB + " (only in the x86_64 wheel)");
    }

    @Test
    void commandLineReportsRefusalOnOneLineWithExitTwo() throws IOException {
        Path a = x86();
        Path b = wheel("demo-1.1-cp39-cp39-macosx_11_0_arm64.whl", "arm64", Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"fuse", a.toString(), b.toString(), "-o", tmp.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("wheelwright: cannot fuse").contains("different versions");

        StringWriter out2 = new StringWriter();
        int ok = Main.run(new String[] {"fuse", a.toString(), arm().toString(), "-o", tmp.resolve("ok").toString()},
                new PrintWriter(out2, true), new PrintWriter(new StringWriter(), true));
        assertThat(ok).isZero();
        assertThat(out2.toString()).contains("demo-1.0-cp39-cp39-macosx_10_9_universal2.whl");
    }

    static Path tool(String name) {
        for (String dir : List.of("/usr/lib/llvm-14/bin", "/usr/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, name + " is not installed");
        return null;
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", cmd) + " → " + text).isZero();
        return text;
    }
}
