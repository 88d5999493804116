package dev.wheelwright.binary;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.fuzz.FuzzBounds;

/** Mach-O, ELF, PE and fat files from arbitrary bytes: a result or a {@link BinaryFormatException}. */
class BinaryReaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void read(byte[] data) {
        FuzzBounds.check("binary of " + data.length + " bytes", data.length,
                () -> BinaryReader.read("fuzz.bin", data), BinaryFormatException.class);
    }
}
