package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelRetaggerTest {
    @TempDir
    Path tmp;

    /** A one-module wheel named {@code filename} holding the given Mach-O fixture as its extension. */
    Path wheel(String filename, byte[] ext) throws IOException {
        String version = filename.split("-")[1];
        String distInfo = "demo-" + version + ".dist-info";
        String tag = filename.substring(filename.indexOf('-', filename.indexOf('-') + 1) + 1, filename.length() - 4);
        List<WheelWriter.Entry> m = new ArrayList<>();
        m.add(new WheelWriter.Entry("demo/_demo.so", ext, 0755));
        m.add(WheelFuserTest.text(distInfo + "/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: " + version + "\n"));
        m.add(WheelFuserTest.text(distInfo + "/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: " + tag + "\n\n"));
        Path p = Files.createDirectories(tmp.resolve("in")).resolve(filename);
        WheelWriter.write(p, m, distInfo);
        return p;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} tagged {1} -> {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "elf-x86_64-glibc234.so, linux_x86_64,          manylinux_2_34_x86_64",
        "elf-x86_64-plain.so,    manylinux_2_28_x86_64, manylinux_2_5_x86_64.manylinux1_x86_64",
        "elf-x86_64-rpath.so,    manylinux_2_17_x86_64, linux_x86_64",
        "pe-i686.pyd,            win_amd64,             win32",
        "pe-aarch64.pyd,         win_amd64,             win_arm64",
        "pe-x86_64.pyd,          win_amd64,             win_amd64",
    })
    void linuxAndWindowsTagsFollowTheBinaries(String fixture, String tagged, String expected) throws IOException {
        byte[] binary = Files.readAllBytes(Path.of("testdata/binaries", fixture));
        WheelRetagger.Plan plan = WheelRetagger.plan(wheel("demo-1.0-cp39-cp39-" + tagged + ".whl", binary));
        assertThat(String.join(".", plan.computed())).isEqualTo(expected);
        assertThat(plan.changes()).isEqualTo(!tagged.equals(expected));
    }

    /** A wheel named {@code filename} holding the given members (name, fixture under testdata/wheels/elf). */
    Path elfWheel(String filename, String... memberAndFixture) throws IOException {
        String distInfo = "demo-1.0.dist-info";
        String tag = filename.substring(filename.indexOf('-', filename.indexOf('-') + 1) + 1, filename.length() - 4);
        List<WheelWriter.Entry> m = new ArrayList<>();
        for (int i = 0; i < memberAndFixture.length; i += 2) {
            m.add(new WheelWriter.Entry(memberAndFixture[i],
                    Files.readAllBytes(Path.of("testdata/wheels/elf", memberAndFixture[i + 1])), 0755));
        }
        m.add(WheelFuserTest.text(distInfo + "/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"));
        m.add(WheelFuserTest.text(distInfo + "/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: " + tag + "\n\n"));
        Path p = Files.createDirectories(tmp.resolve("in")).resolve(filename);
        WheelWriter.write(p, m, distInfo);
        return p;
    }

    /** As auditwheel judges a repaired wheel: libraries the wheel bundles are not system dependencies. */
    @Test
    void bundledLibrariesDoNotMakeTheWheelPlainLinux() throws IOException {
        WheelRetagger.Plan repaired = WheelRetagger.plan(elfWheel("demo-1.0-cp311-cp311-manylinux_2_5_x86_64.manylinux1_x86_64.whl",
                "demo/_ext.cpython-311-x86_64-linux-gnu.so", "ext-x86_64-libhelper.so", "demo.libs/libhelper.so.1", "libhelper.so.1"));
        assertThat(repaired.changes()).as(String.join("; ", repaired.notes())).isFalse();
        WheelRetagger.Plan unrepaired = WheelRetagger.plan(elfWheel("demo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl",
                "demo/_ext.cpython-311-x86_64-linux-gnu.so", "ext-x86_64-libhelper.so"));
        assertThat(unrepaired.computed()).containsExactly("linux_x86_64");
    }

    /** Tags that promise nothing the binaries lack stay, even beside a redundant wider-glibc tag or a musllinux one. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "manylinux1_x86_64.manylinux_2_5_x86_64.manylinux_2_28_x86_64, ext-x86_64.so",
        "manylinux_2_5_x86_64.manylinux1_x86_64.musllinux_1_1_x86_64, ext-x86_64.so",
        "manylinux_2_34_x86_64, ext-x86_64-glibc234.so",
    })
    void validTagSetsAreKept(String tags, String fixture) throws IOException {
        WheelRetagger.Plan plan = WheelRetagger.plan(elfWheel("demo-1.0-cp311-cp311-" + tags + ".whl",
                "demo/_ext.cpython-311-x86_64-linux-gnu.so", fixture));
        assertThat(plan.changes()).as(String.join("; ", plan.notes())).isFalse();
        // a tag that promises less than the binaries need is still corrected
        WheelRetagger.Plan tooOld = WheelRetagger.plan(elfWheel("demo-1.0-cp311-cp311-manylinux_2_28_x86_64.whl",
                "demo/_ext.cpython-311-x86_64-linux-gnu.so", "ext-x86_64-glibc234.so"));
        assertThat(tooOld.computed()).containsExactly("manylinux_2_34_x86_64");
    }

    /** A split wheel's libraries come from another distribution: its tags are not widened past what they say. */
    @Test
    void aSplitWheelKeepsItsValidTag() throws IOException {
        WheelRetagger.Plan plan = WheelRetagger.plan(elfWheel("demo-1.0-cp311-cp311-manylinux_2_28_x86_64.whl",
                "demo/_ext.cpython-311-x86_64-linux-gnu.so", "ext-x86_64-split.so"));
        assertThat(plan.changes()).as(String.join("; ", plan.notes())).isFalse();
        assertThat(plan.notes()).anyMatch(n -> n.contains("libhelper.so.1 is expected from demo/vendor/lib/"));
    }

    @Test
    void raisesTheMacosVersionToTheBinariesMinimum() throws IOException {
        Path w = wheel("demo-1.0-cp39-cp39-macosx_10_9_x86_64.whl", WheelFuserTest.fixture("_demo.x86_64-10.15.so"));
        WheelRetagger.Plan plan = WheelRetagger.plan(w);
        assertThat(plan.current()).containsExactly("macosx_10_9_x86_64");
        assertThat(plan.computed()).containsExactly("macosx_10_15_x86_64");
        assertThat(plan.changes()).isTrue();
        assertThat(plan.filename()).isEqualTo("demo-1.0-cp39-cp39-macosx_10_15_x86_64.whl");

        byte[] before = Files.readAllBytes(w);
        Path out = WheelRetagger.apply(plan, Files.createDirectories(tmp.resolve("out")));
        assertThat(Files.readAllBytes(w)).isEqualTo(before);
        assertThat(out.getFileName().toString()).isEqualTo("demo-1.0-cp39-cp39-macosx_10_15_x86_64.whl");
        Map<String, byte[]> m = WheelFuserTest.members(out);
        assertThat(new String(m.get("demo-1.0.dist-info/WHEEL"), StandardCharsets.UTF_8))
                .contains("Tag: cp39-cp39-macosx_10_15_x86_64\n").doesNotContain("10_9");
        assertThat(WheelRetagger.plan(out).changes()).isFalse();
    }

    @Test
    void universal2TagOnAOneSliceBinaryBecomesThatArch() throws IOException {
        Path w = wheel("demo-1.0-cp39-cp39-macosx_10_9_universal2.whl", WheelFuserTest.fixture("_demo.arm64.so"));
        WheelRetagger.Plan plan = WheelRetagger.plan(w);
        assertThat(plan.computed()).containsExactly("macosx_11_0_arm64");
    }

    @Test
    void fusedWheelIsAlreadyRight() throws IOException {
        Path x = wheel("demo-1.0-cp39-cp39-macosx_10_9_x86_64.whl", WheelFuserTest.fixture("_demo.x86_64.so"));
        Path dir = Files.createDirectories(tmp.resolve("arm"));
        Path a = Files.move(wheel("demo-1.0-cp39-cp39-macosx_11_0_arm64.whl", WheelFuserTest.fixture("_demo.arm64.so")),
                dir.resolve("demo-1.0-cp39-cp39-macosx_11_0_arm64.whl"));
        Path fused = WheelFuser.fuse(x, a, Files.createDirectories(tmp.resolve("f")), null).wheel();
        WheelRetagger.Plan plan = WheelRetagger.plan(fused);
        assertThat(plan.computed()).containsExactly("macosx_10_9_universal2");
        assertThat(plan.changes()).isFalse();
    }

    @Test
    void commandExitsOneWhenTheTagIsWrongAndNothingIsApplied() throws IOException {
        Path w = wheel("demo-1.0-cp39-cp39-macosx_10_9_x86_64.whl", WheelFuserTest.fixture("_demo.x86_64-10.15.so"));
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"retag", w.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("macosx_10_15_x86_64").contains("--apply");
        try (var files = Files.list(w.getParent())) {
            assertThat(files).hasSize(1);
        }
        StringWriter quiet = new StringWriter();
        assertThat(Main.run(new String[] {"retag", "-q", "--no-color", w.toString()}, new PrintWriter(quiet, true),
                new PrintWriter(new StringWriter(), true))).isEqualTo(1);
        assertThat(quiet.toString()).isEqualTo(w.getFileName() + " -> demo-1.0-cp39-cp39-macosx_10_15_x86_64.whl\n");
        StringWriter appliedOut = new StringWriter();
        int applied = Main.run(new String[] {"retag", "-q", "--apply", w.toString()}, new PrintWriter(appliedOut, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(appliedOut.toString().strip()).endsWith("demo-1.0-cp39-cp39-macosx_10_15_x86_64.whl");
        assertThat(applied).isZero();
        assertThat(w.resolveSibling("demo-1.0-cp39-cp39-macosx_10_15_x86_64.whl")).exists();
    }

    /** retag is a CI gate: a tag promising less than the binaries allow passes, one promising more fails. */
    @Test
    void aConservativeTagPassesTheGateAndSaysWhatItCouldBe() throws IOException {
        Path w = elfWheel("demo-1.0-cp311-cp311-manylinux_2_28_x86_64.whl", "demo/_ext.cpython-311-x86_64-linux-gnu.so", "ext-x86_64.so");
        WheelRetagger.Plan plan = WheelRetagger.plan(w);
        assertThat(plan.changes()).isTrue();
        assertThat(plan.wrong()).as(String.join("; ", plan.notes())).isFalse();
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"retag", w.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("the tag is conservative").contains("it could be manylinux_2_5_x86_64.manylinux1_x86_64");
        // a macOS 10.13 tag on a 10.9 binary: conservative too
        Path mac = wheel("demo-1.0-cp39-cp39-macosx_10_13_x86_64.whl", Files.readAllBytes(Path.of("testdata/binaries/macho-x86_64-10.9.so")));
        assertThat(WheelRetagger.plan(mac).wrong()).isFalse();
        assertThat(Main.run(new String[] {"retag", mac.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true))).isZero();
    }

    @Test
    void aTagPromisingMoreThanTheBinariesFailsTheGate() throws IOException {
        // the Debian 12 C++ module (GLIBCXX_3.4.22, CXXABI_1.3.9) tagged manylinux2014: audit's WW-E009 too
        Path w = elfWheel("demo-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "demo/_ext.cpython-311-x86_64-linux-gnu.so", "ext-x86_64-cxx.so");
        WheelRetagger.Plan plan = WheelRetagger.plan(w);
        assertThat(plan.computed()).containsExactly("manylinux_2_24_x86_64");
        assertThat(plan.overPromising()).containsExactly("manylinux_2_17_x86_64", "manylinux2014_x86_64");
        StringWriter out = new StringWriter();
        assertThat(Main.run(new String[] {"retag", w.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)))
                .isEqualTo(1);
        assertThat(out.toString()).contains("the tag promises more than the binaries deliver: manylinux_2_17_x86_64, manylinux2014_x86_64");
    }

    /** A plain linux tag on binaries a policy allows: retag proposes the manylinux tag, never linux_*. */
    @Test
    void plainLinuxTagIsHonestAndAManylinuxTagIsProposed() throws IOException {
        Path w = elfWheel("demo-1.0-cp311-cp311-linux_x86_64.whl", "demo/_ext.cpython-311-x86_64-linux-gnu.so", "ext-x86_64-cxx.so");
        WheelRetagger.Plan plan = WheelRetagger.plan(w);
        assertThat(plan.computed()).containsExactly("manylinux_2_24_x86_64");
        assertThat(plan.wrong()).isFalse();
        // a libc-free binary fits the oldest policy of its arch, not linux_*
        Path bare = wheel("demo-1.0-cp39-cp39-linux_aarch64.whl", Files.readAllBytes(Path.of("testdata/binaries/elf-aarch64-bare.so")));
        assertThat(WheelRetagger.plan(bare).computed()).containsExactly("manylinux_2_17_aarch64", "manylinux2014_aarch64");
    }

    /** Member names that carry a platform are evidence: an AMD64-headed module named for win_arm64 is ARM64EC. */
    @Test
    void memberNamesCarryingAPlatformCount() throws IOException {
        String distInfo = "demo-1.0.dist-info";
        List<WheelWriter.Entry> m = new ArrayList<>();
        m.add(new WheelWriter.Entry("demo/_ext.cp312-win_arm64.pyd", Files.readAllBytes(Path.of("testdata/binaries/pe-x86_64.pyd")), 0644));
        m.add(WheelFuserTest.text(distInfo + "/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"));
        m.add(WheelFuserTest.text(distInfo + "/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp312-cp312-win_arm64\n\n"));
        Path p = Files.createDirectories(tmp.resolve("in")).resolve("demo-1.0-cp312-cp312-win_arm64.whl");
        WheelWriter.write(p, m, distInfo);
        WheelRetagger.Plan plan = WheelRetagger.plan(p);
        assertThat(plan.computed()).containsExactly("win_arm64");
        assertThat(plan.changes()).isFalse();
        // an ELF module named for aarch64 whose header says x86_64: no single tag, the tag is left alone
        Path elf = elfWheel("demo-1.0-cp311-cp311-manylinux_2_17_aarch64.whl",
                "demo/_ext.cpython-311-aarch64-linux-gnu.so", "ext-x86_64.so");
        WheelRetagger.Plan contradiction = WheelRetagger.plan(elf);
        assertThat(contradiction.computed()).isEmpty();
        assertThat(contradiction.notes()).anyMatch(n -> n.contains("is named for aarch64 but its ELF header says x86_64"));
    }
}
