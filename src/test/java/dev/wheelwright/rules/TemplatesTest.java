package dev.wheelwright.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplatesTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(5, "5"),
                Arguments.of(5L, "5"),
                Arguments.of(5.0, "5"),
                Arguments.of(-3.0, "-3"),
                Arguments.of(0.0, "0"),
                Arguments.of(2.5, "2.5"),
                Arguments.of(1.5f, "1.5"),
                Arguments.of(1e300, "1.0E300"),
                Arguments.of(List.of(1, 2.0, 2.25), "1, 2, 2.25"),
                Arguments.of("11.0", "11.0"),        // a string stays as written
                Arguments.of(true, "true"));
    }

    @ParameterizedTest(name = "{0} => {1}")
    @MethodSource("values")
    void integralNumbersHaveNoFraction(Object value, String shown) {
        assertThat(Templates.fill("n={n}", Map.<String, Object>of("n", value)::get)).isEqualTo("n=" + shown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placeholders")
    void fillsPlaceholders(String template, String filled) {
        Map<String, Object> v = Map.of("package", "cffi", "line", 57.0, "empty", "");
        assertThat(Templates.fill(template, v::get)).isEqualTo(filled);
    }

    static Stream<Arguments> placeholders() {
        return Stream.of(
                Arguments.of("{package} at line {line}", "cffi at line 57"),
                Arguments.of("{{literal}} {package}", "{literal} cffi"),
                Arguments.of("{missing} stays", "{missing} stays"),
                Arguments.of("[{empty}]", "[]"),
                Arguments.of("{package|a package} {missing|a default} [{empty|none}]", "cffi a default [none]"),
                Arguments.of("{{x|y}} {missing|}", "{x|y} "));
    }
}
