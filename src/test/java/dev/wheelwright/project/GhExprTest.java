package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GhExprTest {
    private static final GhExpr.Contexts CTX = new GhExpr.Contexts(Map.of(
            "matrix", Map.of("buildplat", List.of("ubuntu-22.04", "manylinux_x86_64", ""), "os", "macos-14",
                    "py", "3.10", "archs", "arm64", "empty", ""),
            "env", Map.of("ARCHS", "x86_64 arm64"),
            "inputs", Map.of("oses", "[\"macos-14\",\"windows-2022\"]", "flag", Boolean.TRUE)));

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "matrix.buildplat[0] => ubuntu-22.04",
            "matrix.buildplat[2] || 'auto' => auto",
            "matrix.archs || 'auto' => arm64",
            "matrix.missing || 'native' => native",
            "matrix.os == 'MACOS-14' => true",
            "matrix.os != 'macos-14' => false",
            "!startsWith(matrix.os, 'macos') => false",
            "contains(matrix.os, 'macos') && matrix.py == '3.10' => true",
            "contains(fromJSON(inputs.oses), 'windows-2022') => true",
            "fromJSON(inputs.oses)[1] => windows-2022",
            "format('{0}-{1}', matrix.os, matrix.archs) => macos-14-arm64",
            "matrix['os'] => macos-14",
            "env.ARCHS => x86_64 arm64",
            "inputs.flag && 'yes' || 'no' => yes",
            "matrix.py == 3.1 => true",
            "github.event_name == 'push' => <unknown>",
            "secrets.TOKEN || 'x' => <unknown>",
            "github.ref == 'x' && false => false",
            "success() => <unknown>",
            "matrix.os == => <unknown>",
    })
    void evaluatesWhatTheWorkflowDefines(String expr, String expected) {
        Object v = GhExpr.eval(expr, CTX);
        assertThat(v == GhExpr.UNKNOWN ? "<unknown>" : GhExpr.str(v)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "${{ matrix.os }} => macos-14",
            "cp3${{ matrix.empty }}* => cp3*",
            "${{ matrix.os }}-${{ github.sha }} => <unknown>",
            "plain text => plain text",
            "${{ matrix.os => <unknown>",
    })
    void interpolatesText(String text, String expected) {
        Object v = GhExpr.interpolate(text, CTX);
        assertThat(v == GhExpr.UNKNOWN ? "<unknown>" : GhExpr.str(v)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "runner.os == 'Windows' => <unknown>",
            "${{ matrix.os == 'windows-2022' }} => false",
            "matrix.os == 'macos-14' => true",
            "matrix.empty => false",
    })
    void conditions(String text, String expected) {
        Object v = GhExpr.condition(text, CTX);
        assertThat(v == GhExpr.UNKNOWN ? "<unknown>" : String.valueOf(v)).isEqualTo(expected);
    }
}
