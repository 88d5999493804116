package dev.wheelwright.binary.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.PeSlice;
import dev.wheelwright.repair.PeFixtures;
import dev.wheelwright.repair.RepairFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PePatcher} on mingw/lld-made images, read back by LLVM's tools, pefile and Wine; {@link WindowsDlls} as shipped. */
class PePatcherTest {
    @TempDir
    Path tmp;

    private static final String LONG_FOO = "foo-0123456789abcdef0123456789abcdef.dll";
    private static final String LONG_BAZ = "baz-fedcba9876543210fedcba9876543210.dll";

    private Path fixtures() throws Exception {
        Path fx = tmp.resolve("fx");
        PeFixtures.build(fx);
        return fx;
    }

    private static PeSlice read(byte[] d) {
        return (PeSlice) PeReader.read("x", d).slices().get(0);
    }

    private static Map<String, String> renames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("foo.dll", LONG_FOO);
        m.put("baz.dll", LONG_BAZ);
        return m;
    }

    @Test
    void checksumIsTheOneLlvmAndPefileComputeForUntouchedImages() throws Exception {
        Path fx = fixtures();
        // the linkers leave CheckSum 0: pefile's generate_checksum is the independent oracle
        Path pyd = fx.resolve("build/pedemo/_demo.cp312-win_amd64.pyd");
        List<Path> files = List.of(fx.resolve("lib/bar.dll"), fx.resolve("foo/foo.dll"), pyd, fx.resolve("host/load.exe"));
        StringBuilder script = new StringBuilder("import pefile, sys\nfor f in sys.argv[1:]:\n    print(pefile.PE(f).generate_checksum())\n");
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import pefile").start();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor() == 0, "pefile (python3-pefile) is not installed");
        String[] cmd = new String[files.size() + 3];
        cmd[0] = "/usr/bin/python3";
        cmd[1] = "-c";
        cmd[2] = script.toString();
        for (int i = 0; i < files.size(); i++) {
            cmd[i + 3] = files.get(i).toString();
        }
        List<String> sums = RepairFixtures.run(cmd).strip().lines().toList();
        for (int i = 0; i < files.size(); i++) {
            assertThat(PePatcher.checksum(Files.readAllBytes(files.get(i)))).as(files.get(i).toString()).isEqualTo(Long.parseLong(sums.get(i)));
        }
    }

    @Test
    void namesThatDoNotFitTheSpareRoomGoToANewSectionThatLlvmAndWineRead() throws Exception {
        Path fx = fixtures();
        Path pyd = fx.resolve("build/pedemo/_demo.cp312-win_amd64.pyd");
        byte[] original = Files.readAllBytes(pyd);
        PePatcher.Result padded = PePatcher.patch("pyd", original, renames(), true);
        PePatcher.Result section = PePatcher.patch("pyd", original, renames(), false);
        assertThat(padded.placement()).isEqualTo("padding");
        assertThat(section.placement()).isEqualTo("new section");
        assertThat(section.data().length).isGreaterThan(original.length);
        for (PePatcher.Result r : List.of(padded, section)) {
            assertThat(read(r.data()).imports()).containsExactlyInAnyOrder("KERNEL32.dll", "msvcrt.dll", LONG_FOO, "python312.dll", LONG_BAZ);
        }
        Path out = tmp.resolve("section.pyd");
        Files.write(out, section.data());
        String headers = RepairFixtures.run(RepairFixtures.tool("llvm-readobj").toString(), "--sections", "--coff-imports", out.toString());
        assertThat(headers).contains("Name: " + PePatcher.NEW_SECTION, "Name: " + LONG_FOO, "Name: " + LONG_BAZ)
                .doesNotContain("Name: foo.dll", "Name: baz.dll");
        String objdump = RepairFixtures.run(RepairFixtures.tool("llvm-objdump").toString(), "-p", out.toString());
        assertThat(objdump).contains("CheckSum                " + String.format("%08x", PePatcher.checksum(section.data())));
        // the input array is not touched
        assertThat(original).isEqualTo(Files.readAllBytes(pyd));

        // and Windows (Wine) loads it, finding the renamed DLLs in the folder given
        PeFixtures.wine();
        Path dir = tmp.resolve("libs");
        Files.createDirectories(dir);
        Files.copy(fx.resolve("foo/foo.dll"), dir.resolve(LONG_FOO));
        Files.copy(fx.resolve("lib/bar.dll"), dir.resolve("bar.dll"));
        Files.copy(fx.resolve("lib/baz.dll"), dir.resolve(LONG_BAZ));
        Path prefix = Path.of(System.getProperty("java.io.tmpdir"), "wheelwright-test-wine-prefix");
        PeFixtures.Loaded loaded = PeFixtures.load(fx, prefix, out, dir);
        assertThat(loaded.out()).as(loaded.out()).contains("demo_value 142");
    }

    @Test
    void pe32AndArm64ImagesAreRewrittenBothWays() throws Exception {
        Path fx = fixtures();
        for (String arch : List.of("x86", "arm64")) {
            byte[] dll = Files.readAllBytes(fx.resolve("other/other-" + arch + ".dll"));
            assertThat(read(dll).arch()).isEqualTo(arch);
            for (boolean padding : new boolean[] {true, false}) {
                PePatcher.Result r = PePatcher.patch(arch, dll, Map.of("foo.dll", LONG_FOO), padding);
                assertThat(r.placement()).isEqualTo(padding ? "padding" : "new section");
                Path out = tmp.resolve(arch + "-" + padding + ".dll");
                Files.write(out, r.data());
                String imports = RepairFixtures.run(RepairFixtures.tool("llvm-readobj").toString(), "--coff-imports", out.toString());
                assertThat(imports).as(arch).contains("Name: " + LONG_FOO).doesNotContain("Name: foo.dll");
                String objdump = RepairFixtures.run(RepairFixtures.tool("llvm-objdump").toString(), "-p", out.toString());
                assertThat(objdump).contains("CheckSum                " + String.format("%08x", PePatcher.checksum(r.data())));
                assertThat(read(r.data()).imports()).containsExactly(LONG_FOO);
            }
        }
    }

    @Test
    void withoutRoomForOneMoreSectionHeaderTheSectionsMoveAndWineStillLoadsIt() throws Exception {
        Path fx = fixtures();
        byte[] dll = Files.readAllBytes(fx.resolve("other/tight-amd64.dll"));
        String readobj = RepairFixtures.tool("llvm-readobj").toString();
        String before = RepairFixtures.run(readobj, "--file-headers", fx.resolve("other/tight-amd64.dll").toString());
        assertThat(before).contains("SectionCount: 15", "SizeOfHeaders: 1024");
        PePatcher.Result r = PePatcher.patch("tight", dll, Map.of("foo.dll", LONG_FOO), false);
        assertThat(r.placement()).isEqualTo("new section");
        Path out = tmp.resolve("tight.dll");
        Files.write(out, r.data());
        String after = RepairFixtures.run(readobj, "--file-headers", "--sections", "--coff-imports", out.toString());
        assertThat(after).contains("SectionCount: 16", "SizeOfHeaders: 1536", "Name: " + PePatcher.NEW_SECTION, "Name: " + LONG_FOO);
        String objdump = RepairFixtures.run(RepairFixtures.tool("llvm-objdump").toString(), "-p", out.toString());
        assertThat(objdump).contains("CheckSum                " + String.format("%08x", PePatcher.checksum(r.data())));

        PeFixtures.wine();
        Path dir = tmp.resolve("libs");
        Files.createDirectories(dir);
        Files.copy(fx.resolve("foo/foo.dll"), dir.resolve(LONG_FOO));
        Files.copy(fx.resolve("lib/bar.dll"), dir.resolve("bar.dll"));
        Path prefix = Path.of(System.getProperty("java.io.tmpdir"), "wheelwright-test-wine-prefix");
        PeFixtures.Loaded loaded = PeFixtures.load(fx, prefix, out, dir);
        assertThat(loaded.out()).as(loaded.out()).contains("demo_value 142");
    }

    @Test
    void nothingToRenameLeavesTheBytesAsTheyAre() throws Exception {
        Path fx = fixtures();
        byte[] bar = Files.readAllBytes(fx.resolve("lib/bar.dll"));
        PePatcher.Result r = PePatcher.patch("bar", bar, Map.of("foo.dll", LONG_FOO));
        assertThat(r.placement()).isEqualTo("unchanged");
        assertThat(r.data()).isEqualTo(bar);
    }

    @Test
    void anImageWithTrailingDataThatNeedsANewSectionIsRefused() throws Exception {
        Path fx = fixtures();
        byte[] pyd = Files.readAllBytes(fx.resolve("build/pedemo/_demo.cp312-win_amd64.pyd"));
        byte[] overlay = Arrays.copyOf(pyd, pyd.length + 64); // what a COFF symbol table left by an unstripped build looks like to the loader
        assertThatThrownBy(() -> PePatcher.patch("mod.pyd", overlay, renames(), false)).isInstanceOf(BinaryFormatException.class)
                .hasMessage("mod.pyd: the new DLL names do not fit in the image's spare room and it has 64 bytes of trailing data"
                        + " (a symbol table? strip it, as delvewheel's --strip does)");
    }

    @Test
    void aTruncatedImageIsOneLineNamingIt() throws Exception {
        byte[] pyd = Files.readAllBytes(fixtures().resolve("build/pedemo/_demo.cp312-win_amd64.pyd"));
        for (int cut : new int[] {40, 200, 700}) {
            assertThatThrownBy(() -> PePatcher.patch("cut.pyd", Arrays.copyOf(pyd, cut), renames()))
                    .isInstanceOf(BinaryFormatException.class).hasMessageStartingWith("cut.pyd").message().doesNotContain("\n");
        }
    }

    @Test
    void theShippedTableKnowsWindowsInterpreterAndRuntimeDlls() {
        WindowsDlls t = WindowsDlls.builtin();
        assertThat(t.source()).startsWith("delvewheel delvewheel/_dll_list.py at ");
        assertThat(t.isSystem("KERNEL32.dll", "amd64")).isTrue();
        assertThat(t.isSystem("msvcrt.dll", "arm64")).isTrue();
        assertThat(t.isSystem("api-ms-win-crt-runtime-l1-1-0.dll", "amd64")).isTrue();
        assertThat(t.isSystem("python312.dll", "amd64")).isTrue();
        assertThat(t.isSystem("python3.dll", "x86")).isTrue();
        assertThat(t.isSystem("foo.dll", "amd64")).isFalse();
        assertThat(t.isSystem("vcruntime140.dll", "amd64")).isFalse();
        assertThat(t.shippedByInterpreter(Set.of("cp312"), Set.of("cp312"), "win_amd64")).containsExactlyInAnyOrder("vcruntime140.dll",
                "vcruntime140_1.dll");
        assertThat(t.shippedByInterpreter(Set.of("cp312"), Set.of("cp312"), "win32")).containsExactly("vcruntime140.dll");
        assertThat(t.shippedByInterpreter(Set.of("cp38"), Set.of("abi3"), "win_amd64")).containsExactly("vcruntime140.dll");
        assertThat(t.shippedByInterpreter(Set.of("py3"), Set.of("none"), "win_amd64")).isEmpty();
        assertThat(t.ignoredDependency("MSVCP140.dll", "concrt140.dll")).isTrue();
    }

    @Test
    void aBrokenTableNamesTheField() {
        assertThatThrownBy(() -> WindowsDlls.parse("t.json", "{\"source\": \"x\", \"regexes\": [\"(\"]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("t.json: regexes '(' is not a regular expression");
        assertThatThrownBy(() -> WindowsDlls.parse("t.json", "[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("t.json: the top level must be an object");
        assertThatThrownBy(() -> WindowsDlls.parse("t.json", ("{\"source\": \"x\", \"regexes\": [], \"dependencies\": {},"
                + " \"system\": {\"x86\": [\"A.dll\"]}}").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("t.json: system.x86 holds 'A.dll', not lower case");
    }
}
