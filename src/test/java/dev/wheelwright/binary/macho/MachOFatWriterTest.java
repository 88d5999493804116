package dev.wheelwright.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachOFatWriterTest {

    private static MachOFatWriter.Thin thin(String name) throws Exception {
        return new MachOFatWriter.Thin(name, Files.readAllBytes(Fixtures.file(name)));
    }

    @Test
    void sameBytesAsLlvmLipoOnTheSameInputs() throws Exception {
        // testdata/binaries/macho-universal2.so was made by llvm-lipo -create from these two files.
        byte[] lipo = Files.readAllBytes(Fixtures.file("macho-universal2.so"));
        byte[] ours = MachOFatWriter.write(List.of(thin("macho-arm64.so"), thin("macho-x86_64-10.9.so")));
        assertThat(ours).isEqualTo(lipo);
    }

    @Test
    void inputOrderDoesNotMatter() throws Exception {
        byte[] a = MachOFatWriter.write(List.of(thin("macho-arm64.so"), thin("macho-x86_64-10.9.so")));
        byte[] b = MachOFatWriter.write(List.of(thin("macho-x86_64-10.9.so"), thin("macho-arm64.so")));
        assertThat(a).isEqualTo(b);
        BinaryInfo info = BinaryReader.read("fat", a);
        assertThat(info.archs()).containsExactly("x86_64", "arm64");
    }

    @Test
    void llvmLipoReadsItAndGivesBackTheSlices(@TempDir Path tmp) throws Exception {
        Optional<Path> lipo = Fixtures.tool("llvm-lipo");
        assumeTrue(lipo.isPresent(), "llvm-lipo not installed");
        Path fat = tmp.resolve("fat.so");
        Files.write(fat, MachOFatWriter.write(List.of(thin("macho-x86_64-libs.dylib"), thin("macho-arm64-libs.dylib"))));
        assertThat(Fixtures.run(List.of(lipo.get().toString(), "-info", fat.toString())))
                .contains("Architectures in the fat file: " + fat + " are: x86_64 arm64");
        for (String[] arch : new String[][] {{"x86_64", "macho-x86_64-libs.dylib"}, {"arm64", "macho-arm64-libs.dylib"}}) {
            Path out = tmp.resolve(arch[0]);
            Fixtures.run(List.of(lipo.get().toString(), fat.toString(), "-thin", arch[0], "-output", out.toString()));
            assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(Fixtures.file(arch[1])));
        }
    }

    @Test
    void refusesFatInputsAndDuplicateArchs() throws Exception {
        assertThatThrownBy(() -> MachOFatWriter.write(List.of(thin("macho-universal2.so"))))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessage("macho-universal2.so: not a thin Mach-O file (it is already fat)");
        assertThatThrownBy(() -> MachOFatWriter.write(List.of(thin("macho-x86_64-10.9.so"), thin("macho-x86_64-10.14.so"))))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessage("macho-x86_64-10.14.so: has the same architecture (x86_64) as macho-x86_64-10.9.so");
        assertThatThrownBy(() -> MachOFatWriter.write(List.of(thin("elf-x86_64-plain.so"))))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessage("elf-x86_64-plain.so: not a thin Mach-O file");
    }
}
