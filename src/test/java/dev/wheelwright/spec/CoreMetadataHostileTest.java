package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Issue 22: core metadata values of any length or shape give problems of one short line, never an Error. */
class CoreMetadataHostileTest {
    static List<String> problems(Map<String, List<String>> extra) {
        Map<String, List<String>> f = new java.util.LinkedHashMap<>(Map.of("Metadata-Version", List.of("2.4"),
                "Name", List.of("demo"), "Version", List.of("1.0")));
        f.putAll(extra);
        return CoreMetadata.problems(f, "demo", "1.0");
    }

    @Test
    void aLongNormalisedExtraIsNoStackOverflow() {
        String extra = "a-".repeat(300_000) + "a";
        assertThat(problems(Map.of("Provides-Extra", List.of(extra)))).isEmpty();
        assertThat(problems(Map.of("Provides-Extra", List.of(extra + "_B")))).singleElement().asString()
                .startsWith("Provides-Extra 'a-a-a-").contains("more characters").hasSizeLessThan(400);
    }

    @ParameterizedTest
    @CsvSource({"a, true", "a-b, true", "a1-2b-c, true", "-a, false", "a-, false", "a--b, false", "A, false", "a_b, false", "a.b, false"})
    void normalisedExtrasAsPep685Says(String extra, boolean normalised) {
        assertThat(CoreMetadata.normalisedExtra(extra)).isEqualTo(normalised);
    }

    @Test
    void valuesAreQuotedOnOneShortLine() {
        List<String> p = problems(Map.of("Requires-Dist", List.of("bad !!\n" + "x".repeat(100_000)),
                "Name", List.of("not valid!" + "y".repeat(10_000)), "Dynamic", List.of("a\nb")));
        assertThat(p).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain("\n").hasSizeLessThan(700));
    }
}
