package dev.wheelwright.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed fixture gives one line naming the file and its defect, exit code 2 through
 * {@code inspect}, and nothing on stdout.
 */
class MalformedBinaryTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("macho-fat-absurd-nfat-arch.bin",
                        "Mach-O fat header claims 1000 architectures but the file (4144 bytes) cannot hold their 20-byte entries"),
                Arguments.of("macho-fat-slice-past-eof.bin",
                        "Mach-O fat slice 0 (x86_64) at offset 4096 with size 65536 extends past the end of the file (4200 bytes)"),
                Arguments.of("macho-fat-overlapping-slices.bin", "Mach-O fat slices 0 (x86_64) and 1 (arm64) overlap"),
                Arguments.of("macho-cmdsize-zero.bin", "Mach-O load command 1 has cmdsize 0"),
                Arguments.of("macho-cmdsize-past-sizeofcmds.bin",
                        "Mach-O load command 0 (cmdsize 24) extends past the end of the load commands (sizeofcmds 16)"),
                Arguments.of("macho-truncated-header.bin",
                        "Mach-O file is truncated: 20 bytes, less than the 32-byte mach_header"),
                Arguments.of("macho-truncated-load-commands.bin",
                        "Mach-O load commands (sizeofcmds 1160) extend past the end of the file (300 bytes)"),
                Arguments.of("macho-fat-truncated.bin",
                        "Mach-O fat slice 0 (x86_64) at offset 4096 with size 12616 extends past the end of the file (5000 bytes)"),
                Arguments.of("elf-truncated-header.bin", "ELF file is truncated: 40 bytes, less than the 64-byte ELF header"),
                Arguments.of("elf-section-headers-past-eof.bin",
                        "ELF section headers (offset 4294967296, 27 entries) extend past the end of the file (15320 bytes)"),
                Arguments.of("elf-program-headers-past-eof.bin",
                        "ELF program headers (offset 2146435072, 9 entries) extend past the end of the file (15320 bytes)"),
                Arguments.of("pe-lfanew-outside-file.bin", "PE e_lfanew 0x7fff0000 points outside the file (3584 bytes)"),
                Arguments.of("pe-truncated.bin", "PE e_lfanew 0x78 points outside the file (100 bytes)"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void readerNamesFileAndDefect(String file, String defect) {
        Path path = Fixtures.BAD.resolve(file);
        assertThatThrownBy(() -> BinaryReader.read(path))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessage(path + ": " + defect);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void inspectExitsTwoWithOneLine(String file, String defect) {
        Path path = Fixtures.BAD.resolve(file);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"inspect", path.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("wheelwright: " + path + ": " + defect + System.lineSeparator());
    }
}
