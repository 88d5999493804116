package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** cibuildwheel's selectors: fnmatch with braces, case-insensitive, matched without backtracking or expansion. */
class CiBuildSelectorTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cp3{9,10}-*|cp310-manylinux_x86_64|true",
        "cp3{9,10}-*|cp311-manylinux_x86_64|false",
        "cp3{,1}2-*|cp32-win_amd64|true",
        "*-musllinux_*|cp312-musllinux_aarch64|true",
        "*-musllinux_*|cp312-manylinux_aarch64|false",
        "cp3?-*|cp39-macosx_arm64|true",
        "cp3?-*|cp310-macosx_arm64|false",
        "CP312-*|cp312-win_amd64|true",
        "cp31[0-2]-*|cp311-win_amd64|true",
        "cp31[!0-2]-*|cp311-win_amd64|false",
        "cp31[!0-2]-*|cp313-win_amd64|true",
        "cp31[]-*|cp31]-x|false",
        "cp31[]1]-*|cp31]-x|true",
        "cp31[z-a]-*|cp311-x|false",
        "cp3[1|cp3[1|true",
        "cp3{1|cp3{1|true",
        "pp* cp312-*|cp312-win32|true",
        "*|anything|true",
        "**x|yyx|true",
        "*x*y|axbxcy|true",
        "*x*y|axbxcyz|false",
    })
    void matchesAsFnmatch(String patterns, String identifier, boolean expected) {
        assertThat(CiBuildSelector.matchesAny(patterns, identifier)).isEqualTo(expected);
    }

    @Test
    void longPatternsAreLinear() {
        String stars = "*a".repeat(5_000) + "b";
        String braces = "{a,b,c}".repeat(5_000);
        long start = System.nanoTime();
        assertThat(CiBuildSelector.matchesAny(stars, "a".repeat(60))).isFalse();
        assertThat(CiBuildSelector.matchesAny(braces, "abc".repeat(20))).isFalse();
        assertThat(CiBuildSelector.matchesAny("{a,b,c}".repeat(3), "abc")).isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }
}
