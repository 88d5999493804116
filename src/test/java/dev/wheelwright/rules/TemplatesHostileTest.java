package dev.wheelwright.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 22: {@link Templates#fill} over long values and long templates. */
class TemplatesHostileTest {
    @Test
    void aLongValueIsCutInTheMiddle() {
        String value = "a".repeat(2_000_000) + "END";
        String filled = assertTimeoutPreemptively(Duration.ofSeconds(3),
                () -> Templates.fill("x {v} {v|d} y", Map.<String, Object>of("v", value)::get));
        assertThat(filled).startsWith("x aaa").endsWith("aEND y").contains("more characters)").hasSizeLessThan(2 * Templates.MAX_VALUE + 200);
    }

    @Test
    void longTemplatesWithBracesThatCloseNothingAreLinear() {
        String template = "{a|".repeat(100_000) + "{a.b.".repeat(100_000) + "{" + "a".repeat(500_000) + "}".repeat(3);
        String filled = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> Templates.fill(template, Map.<String, Object>of()::get));
        // nothing is a placeholder with a value: every brace stays, but "}}" is a literal "}"
        assertThat(filled).startsWith("{a|{a|").endsWith("a}}");
    }
}
