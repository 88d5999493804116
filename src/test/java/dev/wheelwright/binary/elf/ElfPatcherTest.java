package dev.wheelwright.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.repair.RepairFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-Java ELF rewrite on gcc- and lld-made libraries, checked by ElfReader, llvm-readelf and ld.so itself. */
class ElfPatcherTest {
    static final Path SRC = Path.of("scripts/repair-fixtures");

    @TempDir
    Path tmp;

    private static ElfSlice read(Path p) throws Exception {
        return (ElfSlice) ElfReader.read(p.toString(), Files.readAllBytes(p)).slices().get(0);
    }

    /** gcc: libbar.so.1, and libfoo.so.1 needing it with a RUNPATH to its folder. */
    private void gccLibraries() throws Exception {
        RepairFixtures.tool("gcc");
        Files.createDirectories(tmp.resolve("lib"));
        RepairFixtures.run("gcc", "-shared", "-fPIC", "-O2", "-Wl,-soname,libbar.so.1", "-Wl,--version-script," + SRC.resolve("bar.map"),
                "-o", tmp.resolve("lib/libbar.so.1").toString(), SRC.resolve("bar.c").toString());
        RepairFixtures.run("gcc", "-shared", "-fPIC", "-O2", "-Wl,-soname,libfoo.so.1", "-o", tmp.resolve("libfoo.so.1").toString(),
                SRC.resolve("foo.c").toString(), tmp.resolve("lib/libbar.so.1").toString(),
                "-Wl,--enable-new-dtags,-rpath," + tmp.resolve("lib"));
    }

    @Test
    void newStringsGoToANewLoadSegmentAndTheLoaderFollowsThem() throws Exception {
        gccLibraries();
        byte[] foo = Files.readAllBytes(tmp.resolve("libfoo.so.1"));
        byte[] patched = ElfPatcher.patch("libfoo", foo, new ElfPatcher.Edit(Map.of("libbar.so.1", "libbar-0123abcd.so.1"),
                "libfoo-89abcdef.so.1", "$ORIGIN/../renamed.libs"));
        assertThat(patched.length).isGreaterThan(foo.length);
        Path dir = tmp.resolve("wheel/pkg");
        Files.createDirectories(dir);
        Files.createDirectories(tmp.resolve("wheel/renamed.libs"));
        Files.write(dir.resolve("libfoo-89abcdef.so.1"), patched);
        byte[] bar = ElfPatcher.patch("libbar", Files.readAllBytes(tmp.resolve("lib/libbar.so.1")),
                new ElfPatcher.Edit(Map.of(), "libbar-0123abcd.so.1", null));
        Files.write(tmp.resolve("wheel/renamed.libs/libbar-0123abcd.so.1"), bar);

        ElfSlice e = read(dir.resolve("libfoo-89abcdef.so.1"));
        assertThat(e.needed()).contains("libbar-0123abcd.so.1").doesNotContain("libbar.so.1");
        assertThat(e.soname()).isEqualTo("libfoo-89abcdef.so.1");
        assertThat(e.runpath()).isEqualTo("$ORIGIN/../renamed.libs");
        assertThat(e.rpath()).isNull();
        // the version needs follow the renamed library (ld.so pairs them with DT_NEEDED by name)
        assertThat(e.versionNeeds()).contains(new ElfSlice.VersionNeed("libbar-0123abcd.so.1", "BAR_1"))
                .noneMatch(v -> v.library().equals("libbar.so.1"));
        assertThat(read(tmp.resolve("libfoo.so.1")).versionNeeds()).contains(new ElfSlice.VersionNeed("libbar.so.1", "BAR_1"));

        String readelf = RepairFixtures.tool("llvm-readelf").toString();
        String out = RepairFixtures.run(readelf, "--dynamic", "--program-headers", dir.resolve("libfoo-89abcdef.so.1").toString());
        assertThat(out).contains("Shared library: [libbar-0123abcd.so.1]", "Library soname: [libfoo-89abcdef.so.1]",
                "Library runpath: [$ORIGIN/../renamed.libs]").doesNotContain("warning");
        assertThat(out.lines().filter(l -> l.strip().startsWith("LOAD")).count())
                .isEqualTo(RepairFixtures.run(readelf, "--program-headers", tmp.resolve("libfoo.so.1").toString())
                        .lines().filter(l -> l.strip().startsWith("LOAD")).count() + 1);

        // ld.so loads it, finds the renamed libbar through the new RUNPATH, and foo_value() runs
        String value = RepairFixtures.run(RepairFixtures.PYTHON.toString(), "-c",
                "import ctypes,sys; print(ctypes.CDLL(sys.argv[1]).foo_value())", dir.resolve("libfoo-89abcdef.so.1").toString());
        assertThat(value.strip()).isEqualTo("42");
    }

    @Test
    void stringsAlreadyThereAreReusedInPlace() throws Exception {
        gccLibraries();
        byte[] foo = Files.readAllBytes(tmp.resolve("libfoo.so.1"));
        // removing the RUNPATH and naming the SONAME it has needs no new string: same size, same layout
        byte[] patched = ElfPatcher.patch("libfoo", foo, new ElfPatcher.Edit(Map.of(), "libfoo.so.1", ""));
        assertThat(patched.length).isEqualTo(foo.length);
        Path p = tmp.resolve("patched.so");
        Files.write(p, patched);
        ElfSlice e = read(p);
        assertThat(e.runpath()).isNull();
        assertThat(e.rpath()).isNull();
        assertThat(e.needed()).containsExactly("libbar.so.1");
    }

    @Test
    void aFullDynamicSectionMovesWithItsPhdrAsLldLaysItOut() throws Exception {
        RepairFixtures.tool("clang-14");
        RepairFixtures.tool("ld.lld");
        Path lib = tmp.resolve("libbar.so");
        RepairFixtures.run(RepairFixtures.tool("clang-14").toString(), "-fuse-ld=lld", "-shared", "-fPIC", "-o", lib.toString(),
                SRC.resolve("bar.c").toString(), "-Wl,-soname,libbar.so.1");
        String readelf = RepairFixtures.tool("llvm-readelf").toString();
        String before = RepairFixtures.run(readelf, "--dynamic", "--program-headers", lib.toString());
        assertThat(before).as("lld writes PT_PHDR and a dynamic section with no spare slot").contains("PHDR");
        byte[] patched = ElfPatcher.patch("libbar", Files.readAllBytes(lib),
                new ElfPatcher.Edit(Map.of(), "libbar-0123abcd.so.1", "$ORIGIN/a/new/runpath/entry"));
        Path p = tmp.resolve("libbar-0123abcd.so.1");
        Files.write(p, patched);
        String after = RepairFixtures.run(readelf, "--dynamic", "--program-headers", p.toString());
        assertThat(after).contains("Library soname: [libbar-0123abcd.so.1]", "Library runpath: [$ORIGIN/a/new/runpath/entry]")
                .doesNotContain("warning");
        ElfSlice e = read(p);
        assertThat(e.soname()).isEqualTo("libbar-0123abcd.so.1");
        assertThat(e.needed()).containsExactly("libc.so.6");
        String value = RepairFixtures.run(RepairFixtures.PYTHON.toString(), "-c",
                "import ctypes,sys; print(ctypes.CDLL(sys.argv[1]).bar_value())", p.toString());
        assertThat(value.strip()).isEqualTo("40");
    }

    @Test
    void brokenInputsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> ElfPatcher.patch("x.so", new byte[10], new ElfPatcher.Edit(Map.of(), "a", null)))
                .isInstanceOf(BinaryFormatException.class).hasMessage("x.so: not an ELF file");
        byte[] head = new byte[64];
        head[0] = 0x7f;
        head[1] = 'E';
        head[2] = 'L';
        head[3] = 'F';
        head[4] = 2;
        head[5] = 1;
        assertThatThrownBy(() -> ElfPatcher.patch("y.so", head, new ElfPatcher.Edit(Map.of(), "a", null)))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("y.so: has no program headers");
    }
}
