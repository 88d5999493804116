package dev.wheelwright.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.binary.MachOSlice.Dylib;
import java.nio.file.Files;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The facts each fixture was built with (scripts/make-binary-fixtures.sh) are read back. */
class BinaryReaderTest {

    @Test
    void machOFactsFromTheBuildRecipes() {
        MachOSlice arm = macho("macho-arm64.so", 0);
        assertThat(arm.arch()).isEqualTo("arm64");
        assertThat(arm.filetype()).isEqualTo("bundle");
        assertThat(arm.platform()).isEqualTo("macos");
        assertThat(arm.minos()).isEqualTo("11.0");
        assertThat(arm.sdk()).isEqualTo("13.1");
        assertThat(arm.buildTools()).extracting(MachOSlice.BuildTool::tool).containsExactly("ld");
        assertThat(arm.codeSignature()).isTrue();
        assertThat(arm.signature().adhoc()).isTrue();
        assertThat(arm.signature().linkerSigned()).isTrue();
        assertThat(arm.signature().identifier()).isEqualTo("macho-arm64.so");
        assertThat(arm.undefinedSymbols()).extracting(MachOSlice.ImportedSymbol::name)
                .contains("_PyModule_Create2", "_PyLong_FromLong");
        // -undefined dynamic_lookup: bound by flat lookup at load time, to no library.
        assertThat(arm.undefinedSymbols()).allMatch(s -> s.library() == null);

        MachOSlice old = macho("macho-x86_64-10.9.so", 0);
        assertThat(old.arch()).isEqualTo("x86_64");
        assertThat(old.minos()).isEqualTo("10.9");
        assertThat(old.platform()).isEqualTo("macos");
        assertThat(old.codeSignature()).isFalse();
        assertThat(old.signature()).isNull();

        assertThat(macho("macho-x86_64-10.14.so", 0).minos()).isEqualTo("10.14");
    }

    @Test
    void universal2HoldsBothSlicesInLipoOrder() {
        BinaryInfo fat = BinaryReader.read(Fixtures.file("macho-universal2.so"));
        assertThat(fat.fat()).isTrue();
        assertThat(fat.format()).isEqualTo(BinaryFormat.MACHO);
        assertThat(fat.archs()).containsExactly("x86_64", "arm64");
        MachOSlice x = (MachOSlice) fat.slices().get(0);
        MachOSlice a = (MachOSlice) fat.slices().get(1);
        assertThat(x.align()).isEqualTo(12);
        assertThat(a.align()).isEqualTo(14);
        assertThat(a.offset() % (1 << 14)).isZero();
        // Each slice is the thin file it was made from.
        assertThat(x.uuid()).isEqualTo(macho("macho-x86_64-10.9.so", 0).uuid());
        assertThat(a.uuid()).isEqualTo(macho("macho-arm64.so", 0).uuid());
        assertThat(a.minos()).isEqualTo("11.0");
        assertThat(x.minos()).isEqualTo("10.9");
    }

    @Test
    void dylibLoadCommandsRpathsAndTwoLevelBindings() {
        MachOSlice x = macho("macho-x86_64-libs.dylib", 0);
        assertThat(x.filetype()).isEqualTo("dylib");
        assertThat(x.installName()).isEqualTo("@rpath/libffiuser.dylib");
        assertThat(x.dylibs()).containsExactly(
                new Dylib("/usr/local/opt/libffi/lib/libffi.8.dylib", "load", "9.0.0", "9.0.0"),
                new Dylib("@rpath/libhelper.dylib", "load", "1.2.3", "1.0.0"),
                new Dylib("/usr/lib/libSystem.B.dylib", "load", "1311.0.0", "1.0.0"));
        assertThat(x.rpaths()).containsExactly("@loader_path/.dylibs");
        assertThat(x.undefinedSymbols()).contains(
                new MachOSlice.ImportedSymbol("_ffi_prep_cif", "/usr/local/opt/libffi/lib/libffi.8.dylib"),
                new MachOSlice.ImportedSymbol("_helper_answer", "@rpath/libhelper.dylib"));

        MachOSlice a = macho("macho-arm64-libs.dylib", 0);
        assertThat(a.minos()).isEqualTo("12.0");
        assertThat(a.dylibs()).extracting(Dylib::kind).contains("weak");
        assertThat(a.dylibs()).filteredOn(d -> d.kind().equals("weak")).extracting(Dylib::name)
                .containsExactly("/usr/local/opt/libffi/lib/libffi.8.dylib");
        assertThat(a.rpaths()).containsExactly("@loader_path/.dylibs", "/opt/homebrew/lib");
    }

    static Stream<Arguments> elfArchs() {
        return Stream.of(
                Arguments.of("elf-x86_64-plain.so", "x86_64", 64, true),
                Arguments.of("elf-aarch64-bare.so", "aarch64", 64, true),
                Arguments.of("elf-i686-bare.so", "i686", 32, true),
                Arguments.of("elf-armv7-bare.so", "armv7l", 32, true),
                Arguments.of("elf-powerpc64le-bare.so", "ppc64le", 64, true),
                Arguments.of("elf-riscv64-bare.so", "riscv64", 64, true),
                Arguments.of("elf-s390x-bare.o", "s390x", 64, false));
    }

    @ParameterizedTest
    @MethodSource("elfArchs")
    void elfArchNamesAreThoseOfLinuxPlatformTags(String file, String arch, int elfClass, boolean little) {
        ElfSlice s = elf(file);
        assertThat(s.arch()).isEqualTo(arch);
        assertThat(s.elfClass()).isEqualTo(elfClass);
        assertThat(s.littleEndian()).isEqualTo(little);
    }

    @Test
    void elfGlibcVersionsAndPolicy() {
        ElfSlice plain = elf("elf-x86_64-plain.so");
        assertThat(plain.needed()).containsExactly("libc.so.6");
        assertThat(plain.glibcMax()).isEqualTo("2.2.5");
        assertThat(plain.manylinux()).isEqualTo("manylinux_2_5");
        assertThat(plain.musl()).isFalse();

        ElfSlice newer = elf("elf-x86_64-glibc234.so");
        assertThat(newer.needed()).containsExactly("libm.so.6", "libc.so.6");
        assertThat(newer.glibcMax()).isEqualTo("2.34");
        assertThat(newer.versionNeeds()).contains(new ElfSlice.VersionNeed("libc.so.6", "GLIBC_2.34"));
        assertThat(newer.manylinux()).isEqualTo("manylinux_2_34");
    }

    @Test
    void elfNeededSonameRpathRunpath() {
        assertThat(elf("elf-x86_64-libhelper.so").soname()).isEqualTo("libhelper.so.1");
        ElfSlice runpath = elf("elf-x86_64-runpath.so");
        assertThat(runpath.needed()).contains("libhelper.so.1");
        assertThat(runpath.runpath()).isEqualTo("$ORIGIN/../helper.libs");
        assertThat(runpath.rpath()).isNull();
        // libhelper.so.1 is no system library: no policy allows it until it is bundled.
        assertThat(runpath.manylinux()).isNull();
        ElfSlice rpath = elf("elf-x86_64-rpath.so");
        assertThat(rpath.rpath()).isEqualTo("/opt/vendor/lib");
        assertThat(rpath.runpath()).isNull();
    }

    @Test
    void muslIsRecognisedByInterpreterOrLibc() {
        ElfSlice interp = elf("elf-x86_64-musl-interp");
        assertThat(interp.interpreter()).isEqualTo("/lib/ld-musl-x86_64.so.1");
        assertThat(interp.type()).isEqualTo("dyn");
        assertThat(interp.musl()).isTrue();
        assertThat(interp.manylinux()).isNull();
        ElfSlice lib = elf("elf-x86_64-musl.so");
        assertThat(lib.needed()).containsExactly("libc.musl-x86_64.so.1");
        assertThat(lib.musl()).isTrue();
        assertThat(lib.manylinux()).isNull();
        assertThat(elf("elf-x86_64-plain.so").musl()).isFalse();
    }

    static Stream<Arguments> peArchs() {
        return Stream.of(Arguments.of("pe-x86_64.pyd", "amd64"), Arguments.of("pe-i686.pyd", "x86"),
                Arguments.of("pe-aarch64.pyd", "arm64"));
    }

    @ParameterizedTest
    @MethodSource("peArchs")
    void peImportsThenDelayImports(String file, String arch) {
        BinaryInfo info = BinaryReader.read(Fixtures.file(file));
        PeSlice s = (PeSlice) info.slices().get(0);
        assertThat(info.format()).isEqualTo(BinaryFormat.PE);
        assertThat(s.arch()).isEqualTo(arch);
        assertThat(s.dll()).isTrue();
        assertThat(s.imports()).containsExactly("python39.dll", "KERNEL32.dll", "USER32.dll");
    }

    @Test
    void detectUsesMagicBytesOnly() throws Exception {
        assertThat(BinaryReader.detect(Files.readAllBytes(Fixtures.file("macho-universal2.so"))))
                .contains(BinaryFormat.MACHO);
        assertThat(BinaryReader.detect(Files.readAllBytes(Fixtures.file("elf-i686-bare.so")))).contains(BinaryFormat.ELF);
        assertThat(BinaryReader.detect(Files.readAllBytes(Fixtures.file("pe-i686.pyd")))).contains(BinaryFormat.PE);
        assertThat(BinaryReader.detect("PK\3\4rest".getBytes())).isEmpty();
        assertThat(BinaryReader.detect(new byte[0])).isEmpty();
        // A Java class file shares 0xCAFEBABE with fat Mach-O; its major version tells them apart.
        byte[] classFile = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61};
        assertThat(BinaryReader.detect(classFile)).isEqualTo(Optional.empty());
        byte[] fat = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 2};
        assertThat(BinaryReader.detect(fat)).contains(BinaryFormat.MACHO);
    }

    @Test
    void readingFromMemoryUsesTheGivenName() throws Exception {
        byte[] data = Files.readAllBytes(Fixtures.file("macho-arm64.so"));
        assertThat(BinaryReader.read("pkg/_ext.cpython-39-darwin.so", data).path()).isEqualTo("pkg/_ext.cpython-39-darwin.so");
        assertThatThrownBy(() -> BinaryReader.read("pkg/notes.txt", "hello".getBytes()))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessage("pkg/notes.txt: not a Mach-O, ELF or PE binary (unknown magic bytes)");
    }

    private static MachOSlice macho(String file, int slice) {
        return (MachOSlice) BinaryReader.read(Fixtures.file(file)).slices().get(slice);
    }

    private static ElfSlice elf(String file) {
        return (ElfSlice) BinaryReader.read(Fixtures.file(file)).slices().get(0);
    }
}
