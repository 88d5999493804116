package dev.wheelwright.rules.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnresolvedRpathCheckTest {
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(nullValues = "-", value = {
            "demo, .dylibs/libx.dylib, demo/.dylibs/libx.dylib",
            "demo/sub, ../.dylibs/libx.dylib, demo/.dylibs/libx.dylib",
            "'', libx.dylib, libx.dylib",
            "demo, ./x/../libx.dylib, demo/libx.dylib",
            "demo, ../../libx.dylib, -",
    })
    void loaderPathsAreJoinedInsideTheWheel(String dir, String rel, String expected) {
        assertThat(UnresolvedRpathCheck.normalise(dir, rel)).isEqualTo(expected);
    }
}
