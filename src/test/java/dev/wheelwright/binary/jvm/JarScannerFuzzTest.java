package dev.wheelwright.binary.jvm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.fuzz.FuzzBounds;
import dev.wheelwright.fuzz.FuzzWarmUp;

/** A jar bundled in a wheel, from arbitrary bytes: its newest class version, or a {@link BinaryFormatException}. */
class JarScannerFuzzTest {
    static {
        FuzzWarmUp.seeds(JarScannerFuzzTest.class, "scan", data -> JarScanner.scan("lib/tool.jar", data));
    }

    @FuzzTest(maxDuration = "10m")
    void scan(byte[] data) {
        FuzzBounds.check("jar of " + data.length + " bytes", data.length,
                () -> JarScanner.scan("lib/tool.jar", data), BinaryFormatException.class);
    }
}
