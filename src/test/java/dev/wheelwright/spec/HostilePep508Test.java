package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.fuzz.FuzzBounds;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue #22's PEP 508 inputs: deep nesting in a marker, long dotted names, long lines; each under the fuzz contract. */
class HostilePep508Test {
    static Stream<String> requirements() {
        String dotted = "a" + ".a".repeat(10_000);
        return Stream.of(
                dotted,
                dotted + ">=1",
                dotted + "[" + dotted + "]",
                "x==" + "1.".repeat(10_000) + "1",
                "x>=" + "1.".repeat(10_000) + "*",
                "x; python_version == '" + "1.".repeat(10_000) + "1'",
                "x; extra == '" + dotted + "'",
                "x; " + "(".repeat(10_000) + "os_name == 'nt'" + ")".repeat(10_000),
                "x; " + "(".repeat(10_000),
                "x; " + "os_name == 'nt' and ".repeat(10_000) + "os_name == 'nt'",
                "x @ " + "u".repeat(100_000) + " ; os_name == 'nt'",
                "x" + " ".repeat(100_000) + "y",
                "x (" + ">=1, ".repeat(20_000),
                "-".repeat(100_000));
    }

    @ParameterizedTest
    @MethodSource("requirements")
    void requirementWithinBounds(String text) {
        FuzzBounds.check("requirement of " + text.length(), text.length(), () -> {
            Requirement r = Requirement.parse(text);
            r.normalizedName();
            if (r.marker() != null) {
                r.marker().evaluate(MarkerEnvironment.forTarget(PythonVersion.parse("3.12"), "cp", "manylinux_2_28_x86_64"));
                r.marker().toString();
            }
            Names.isNormalized(r.name());
            Names.isValid(r.name());
        }, WheelwrightException.class);
    }

    @Test
    void deepMarkerIsOneLineNamingTheProblem() {
        String deep = "(".repeat(10_000) + "os_name == 'nt'" + ")".repeat(10_000);
        assertThatThrownBy(() -> Marker.parse(deep)).isInstanceOf(InvalidMarkerException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("nested").hasSizeLessThan(300).doesNotContain("\n"));
    }

    @Test
    void messagesQuoteAnExcerptOfALongInput() {
        String longOne = "x (>=1" + " ".repeat(100_000) + "y";
        assertThatThrownBy(() -> Requirement.parse(longOne)).isInstanceOf(InvalidRequirementException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\n"));
    }
}
