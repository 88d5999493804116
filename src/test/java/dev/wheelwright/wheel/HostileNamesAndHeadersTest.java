package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: member-name classification and header files over long hostile text finish in linear
 * time with the answers they give for ordinary names.
 */
class HostileNamesAndHeadersTest {
    private static final Duration QUICK = Duration.ofSeconds(3);

    @ParameterizedTest
    @CsvSource({
        "libz.so.1.2.13, true", "libz.so.1, true", "demo/_core.so, true", "x.pyd, true", "A.DLL, true",
        "libz.so., false", "libz.so.1a, false", "libz.so.a.1, false", "so.1, false", ".so.1, true", "libz.sox.1, false",
        "readme.txt, false", "libfoo.dylib, true", "tool.EXE, true", "libz.so.1..2, false"})
    void nativeByNameAsBefore(String name, boolean expected) {
        assertThat(MemberNames.looksNativeByName(name)).isEqualTo(expected);
    }

    @Test
    void longNamesAreClassifiedInLinearTime() {
        String soRun = "a" + ".so.1".repeat(200_000) + "x";
        String dotsAndDigits = "lib.so" + ".1".repeat(300_000);
        String slashes = "a" + "/".repeat(100_000) + "x";
        String dots = "a/" + "..a/".repeat(100_000);
        assertTimeoutPreemptively(QUICK, () -> {
            assertThat(MemberNames.looksNativeByName(soRun)).isFalse();
            assertThat(MemberNames.looksNativeByName(dotsAndDigits)).isTrue();
            assertThat(MemberNames.unsafeReason(slashes)).isNull();
            assertThat(MemberNames.unsafeReason(dots)).isNull();
            assertThat(MemberNames.unsafeReason(dots + "..")).isEqualTo("contains '..' (leaves the install folder)");
            assertThat(MemberNames.unsafeReason("a/../b")).isEqualTo("contains '..' (leaves the install folder)");
            assertThat(MemberNames.unsafeReason("..")).isEqualTo("contains '..' (leaves the install folder)");
            assertThat(MemberNames.unsafeReason("a/..b/c..")).isNull();
        });
    }

    @Test
    void aValueFoldedOverManyLinesIsReadInLinearTime() {
        String text = "Metadata-Version: 2.1\nSummary: start\n" + " more\n".repeat(300_000) + "Name: demo\n\nbody\n";
        HeaderFile h = assertTimeoutPreemptively(QUICK, () -> HeaderFile.parse(text));
        assertThat(h.first("Summary").orElseThrow()).startsWith("start\nmore\nmore").hasSize(5 + 5 * 300_000);
        assertThat(h.first("Name")).contains("demo");
        assertThat(h.body()).isEqualTo("body\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "A: 1\\r\\nB: 2\\r\\n\\r\\nx\\ry\\n|x\\ny\\n",
        "A: 1|",
        "A: 1\\n|",
        "A: 1\\n\\n|",
        "A: 1\\n\\n\\n|\\n",
        "not a header\\nA: 1\\n\\nb|b"})
    void linesEndAsBefore(String text, String body) {
        HeaderFile h = HeaderFile.parse(text.replace("\\r", "\r").replace("\\n", "\n"));
        assertThat(h.first("A")).contains("1");
        assertThat(h.body()).isEqualTo(body == null ? "" : body.replace("\\r", "\r").replace("\\n", "\n"));
    }
}
