package dev.wheelwright.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ElfReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ld.so's search order over real gcc-made libraries placed in several folders. */
class ElfLibrarySearchTest {
    @TempDir
    Path tmp;

    Path lib;
    ElfSlice like;

    @BeforeEach
    void library() throws Exception {
        RepairFixtures.tool("gcc");
        lib = tmp.resolve("build/libbar.so.1");
        Files.createDirectories(lib.getParent());
        RepairFixtures.run("gcc", "-shared", "-fPIC", "-Wl,-soname,libbar.so.1", "-o", lib.toString(),
                Path.of("scripts/repair-fixtures/bar.c").toString());
        like = (ElfSlice) ElfReader.read("bar", Files.readAllBytes(lib)).slices().get(0);
    }

    private Path copyTo(String dir) throws Exception {
        Path d = tmp.resolve(dir);
        Files.createDirectories(d);
        return Files.copy(lib, d.resolve("libbar.so.1"));
    }

    private static ElfLibrarySearch.Loader loader(Path origin, String rpath, String runpath) {
        return new ElfLibrarySearch.Loader(origin, rpath, runpath);
    }

    @Test
    void rpathComesBeforeLibDirsWhichComeBeforeRunpath() throws Exception {
        Path a = copyTo("rpath");
        Path b = copyTo("libdir");
        Path c = copyTo("runpath");
        // absolute RPATH/RUNPATH entries are read under the sysroot: here the real root
        ElfLibrarySearch s = new ElfLibrarySearch(List.of(b.getParent()), null, Path.of("/"));
        assertThat(s.find("libbar.so.1", like, loader(null, a.getParent().toString(), null), List.of()).orElseThrow().path())
                .isEqualTo(a);
        // with a RUNPATH the RPATH is ignored, and --lib-dir wins over the RUNPATH
        assertThat(s.find("libbar.so.1", like, loader(null, a.getParent().toString(), c.getParent().toString()), List.of())
                .orElseThrow().path()).isEqualTo(b);
        ElfLibrarySearch none = new ElfLibrarySearch(List.of(), null, Path.of("/"));
        assertThat(none.find("libbar.so.1", like, loader(null, null, c.getParent().toString()), List.of()).orElseThrow().how())
                .startsWith("DT_RUNPATH ");
        // under another sysroot the same absolute entry names that root's folder
        Path inRoot = copyTo("sysroot" + c.getParent());
        ElfLibrarySearch rooted = new ElfLibrarySearch(List.of(), null, tmp.resolve("sysroot"));
        assertThat(rooted.find("libbar.so.1", like, loader(null, null, c.getParent().toString()), List.of()).orElseThrow().path())
                .isEqualTo(inRoot);
    }

    @Test
    void originIsTheNeedersFolderAndTheLoadersRpathIsInherited() throws Exception {
        Path a = copyTo("pkg/deps");
        ElfLibrarySearch s = new ElfLibrarySearch(List.of(), null, tmp.resolve("sysroot"));
        assertThat(s.find("libbar.so.1", like, loader(tmp.resolve("pkg"), "$ORIGIN/deps", null), List.of()).orElseThrow().path())
                .isEqualTo(a);
        // a library with no RUNPATH searches the RPATH of what loaded it
        assertThat(s.find("libbar.so.1", like, loader(tmp, null, null),
                List.of(loader(tmp.resolve("pkg"), "${ORIGIN}/deps", null))).orElseThrow().how()).isEqualTo("DT_RPATH ${ORIGIN}/deps");
        // ... unless it has a RUNPATH of its own
        assertThat(s.find("libbar.so.1", like, loader(tmp, null, "/nowhere"),
                List.of(loader(tmp.resolve("pkg"), "$ORIGIN/deps", null)))).isEmpty();
    }

    @Test
    void ldLibraryPathAndTheSysrootsDefaultFoldersAreSearchedAndOtherFilesSkipped() throws Exception {
        Path env = tmp.resolve("env");
        Files.createDirectories(env);
        Files.writeString(env.resolve("libbar.so.1"), "not an ELF file"); // ld.so skips it, so do we
        Path sysLib = copyTo("sysroot/usr/lib");
        ElfLibrarySearch s = new ElfLibrarySearch(List.of(), env.toString(), tmp.resolve("sysroot"));
        ElfLibrarySearch.Found f = s.find("libbar.so.1", like, loader(null, null, null), List.of()).orElseThrow();
        assertThat(f.path()).isEqualTo(sysLib);
        assertThat(f.how()).isEqualTo("default folder /usr/lib");
        Path envLib = Files.copy(lib, env.resolve("libbar.so.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ElfLibrarySearch s2 = new ElfLibrarySearch(List.of(), env.toString(), tmp.resolve("sysroot"));
        assertThat(s2.find("libbar.so.1", like, loader(null, null, null), List.of()).orElseThrow().path()).isEqualTo(envLib);
    }

    @Test
    void theSysrootsLdSoCacheIsRead() throws Exception {
        Path elsewhere = copyTo("sysroot/opt/odd/lib");
        Files.createDirectories(tmp.resolve("sysroot/etc"));
        Files.write(tmp.resolve("sysroot/etc/ld.so.cache"),
                dev.wheelwright.binary.elf.LdSoCacheTest.newCache("libbar.so.1", "/opt/odd/lib/libbar.so.1"));
        ElfLibrarySearch s = new ElfLibrarySearch(List.of(), null, tmp.resolve("sysroot"));
        ElfLibrarySearch.Found f = s.find("libbar.so.1", like, loader(null, null, null), List.of()).orElseThrow();
        assertThat(f.path()).isEqualTo(elsewhere);
        assertThat(f.how()).isEqualTo("ld.so.cache");
    }
}
