package dev.wheelwright.rules.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Issue 22: Requires-External values the check reads: NumberFormatException and backtracking before. */
class JarNeedsNewerJavaHostileTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "java (>=11)|11", "java(>=1.8)|8", "JRE >= 17|17", "openjdk ( >= 21 )|21", "jdk (>=11.0.2)|11",
        "java (>=99999999999999999999)|-1", "java (>=)|-1", "javafx (>=11)|-1", "python (>=3)|-1", "java (<=11)|-1",
        "java (>=12345)|-1", "java (>=1234)|1234"})
    void readsTheDeclaredRelease(String value, int release) {
        assertThat(JarNeedsNewerJavaCheck.requiresJava(value)).isEqualTo(release);
    }

    @Test
    void aLongValueIsLinear() {
        String spaces = "java" + " ".repeat(500_000) + "(" + " ".repeat(500_000) + "x";
        String digits = "java (>=" + "9".repeat(1_000_000) + ")";
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            assertThat(JarNeedsNewerJavaCheck.requiresJava(spaces)).isEqualTo(-1);
            assertThat(JarNeedsNewerJavaCheck.requiresJava(digits)).isEqualTo(-1);
        });
    }
}
