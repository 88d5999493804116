package dev.wheelwright.spec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.fuzz.FuzzBounds;
import dev.wheelwright.fuzz.FuzzWarmUp;
import dev.wheelwright.wheel.HeaderFile;
import java.nio.charset.StandardCharsets;

/**
 * Core metadata (METADATA in a wheel, PKG-INFO in an sdist) from arbitrary bytes, as {@code audit}
 * reads it: {@link HeaderFile} then {@link CoreMetadata#problems}, and as the resolver reads it
 * ({@link dev.wheelwright.index.CoreMetadata#parse}). Neither refuses anything: every defect is a
 * problem line, so no exception may escape, and each problem is one line of bounded length.
 */
class CoreMetadataFuzzTest {
    static {
        FuzzWarmUp.seeds(CoreMetadataFuzzTest.class, "metadata", CoreMetadataFuzzTest::read);
    }

    @FuzzTest(maxDuration = "10m")
    void metadata(byte[] data) {
        FuzzBounds.check("metadata of " + data.length + " bytes", data.length, () -> read(data));
    }

    static void read(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        HeaderFile h = HeaderFile.parse(text);
        for (String p : CoreMetadata.problems(h.fields(), "demo", "1.0")) {
            if (p.indexOf('\n') >= 0 || p.indexOf('\r') >= 0 || p.length() > 2 * dev.wheelwright.InputExcerpt.MAX + 400) {
                throw new AssertionError("a problem that is not one bounded line: " + dev.wheelwright.InputExcerpt.of(p));
            }
        }
        dev.wheelwright.index.CoreMetadata.parse(text).toString();
    }
}
