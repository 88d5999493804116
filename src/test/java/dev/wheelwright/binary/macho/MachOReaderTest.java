package dev.wheelwright.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MachOReaderTest {

    @ParameterizedTest
    @CsvSource({
        "0x7, 0x3, i386", "0x01000007, 0x3, x86_64", "0x01000007, 0x8, x86_64h", "0x0100000c, 0x0, arm64",
        "0x0100000c, 0x2, arm64e", "0x0100000c, 0x80000002, arm64e", "0x0200000c, 0x1, arm64_32",
        "0xc, 0x9, armv7", "0xc, 0xb, armv7s", "0xc, 0xc, armv7k", "0x12, 0x0, ppc", "0x12, 0xa, ppc7450",
        "0x01000012, 0x0, ppc64", "0x63, 0x1, 'unknown(99,1)'"
    })
    void lipoArchNames(String cputype, String cpusubtype, String name) {
        // 0x80000002: arm64e with the pointer-authentication ABI capability bit set.
        assertThat(MachOArch.name(Long.decode(cputype).intValue(), Long.decode(cpusubtype).intValue())).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"0x000b0000, 11.0", "0x000a0900, 10.9", "0x000a0d04, 10.13.4", "0x000d0100, 13.1"})
    void versionsPrintLikeOtool(String packed, String text) {
        assertThat(MachOReader.version(Long.decode(packed))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0x00010000, 1.0.0", "0x051f0000, 1311.0.0", "0x00010203, 1.2.3"})
    void dylibVersionsHaveThreeParts(String packed, String text) {
        assertThat(MachOReader.version3(Long.decode(packed))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"2, true", "20, true", "44, true", "52, false", "61, false"})
    void fatMagicVersusClassFile(int fourthWord, boolean fat) {
        byte[] head = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, (byte) fourthWord};
        assertThat(MachOReader.isFat(head)).isEqualTo(fat);
    }
}
