package dev.wheelwright.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

    enum Kind { MACH_O, ELF }

    record Slice(String arch, String minos, Optional<String> sdk, int align, Kind kind) {}

    record Wheel(String filename, List<String> tags, List<Slice> slices, Map<String, Object> extra) {}

    static final Map<String, ExprType> SCOPE = Map.of(
            "pkg", ExprType.STR, "ver", ExprType.STR, "line", ExprType.NUM,
            "wheel", ExprType.of(Wheel.class), "dyn", ExprType.ANY);

    static final Wheel WHEEL = new Wheel("x-1.0-cp39-cp39-macosx_11_0_universal2.whl",
            List.of("cp39-cp39-macosx_11_0_universal2"),
            List.of(new Slice("x86_64", "10.9", Optional.of("11.3"), 14, Kind.MACH_O),
                    new Slice("arm64", "11.0", Optional.empty(), 14, Kind.MACH_O)),
            Map.of("k", "v"));

    static boolean eval(String src) throws ExprException {
        Map<String, Object> vars = new HashMap<>();
        vars.put("pkg", "cffi");
        vars.put("ver", "1.15.1");
        vars.put("line", 57);
        vars.put("wheel", WHEEL);
        vars.put("dyn", Map.of("name", "n", "items", List.of(1, 2, 3)));
        return Condition.compile(src, SCOPE).test(vars::get);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " ;; ", quoteCharacter = '`', value = {
            "true ;; true",
            "!false && true ;; true",
            "false || pkg == 'cffi' ;; true",
            "pkg != \"cffi\" ;; false",
            "line > 50 && line <= 57 ;; true",
            "line == 57.0 ;; true",
            "pkg in ['numpy', 'cffi'] ;; true",
            "'ff' in pkg ;; true",
            "pkg matches '^c[f]+i$' ;; true",
            "pkg startsWith 'cf' ;; true",
            "pkg.startsWith('nu') ;; false",
            "pkg.endsWith('fi') && pkg.upper() == 'CFFI' ;; true",
            "version(ver) >= version('1.15') ;; true",
            "version(ver) < '1.9' ;; false",
            "version('10.10') > version('10.9') ;; true",
            "version('11') == version('11.0.0') ;; true",
            "version('1.0rc1') < version('1.0') ;; true",
            "wheel.filename.endsWith('universal2.whl') ;; true",
            "any(wheel.slices, s -> s.arch == 'arm64') ;; true",
            "all(wheel.slices, s -> version(s.minos) >= '11.0') ;; false",
            "count(wheel.slices, s -> s.kind == 'mach_o') == 2 ;; true",
            "count(wheel.slices) == 2 && len(wheel.tags) == 1 ;; true",
            "any(wheel.slices, s -> s.sdk == '11.3') ;; true",
            "any(wheel.slices, s -> s.sdk == null) ;; true",
            "wheel.slices.size() == 2 && !wheel.tags.isEmpty() ;; true",
            "wheel.tags.contains('cp39-cp39-macosx_11_0_universal2') ;; true",
            "dyn.name == 'n' && len(dyn.items) == 3 ;; true",
            "dyn.missing == null ;; true",
            "dyn.missing > 3 ;; false",
            "exists(dyn.missing) ;; false",
            "any(dyn.missing, x -> true) ;; false",
            "wheel.extra.k == 'v' ;; true",
            "any(wheel.slices, s -> any(wheel.tags, t -> t.contains(s.arch))) ;; false",
    })
    void evaluates(String src, boolean expected) throws ExprException {
        assertThat(eval(src)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ;; ", quoteCharacter = '`', value = {
            // source | offset | message part
            "pkg == ;; 6 ;; unexpected end",
            "pkg === 'x' ;; 6 ;; unexpected '='",
            "(pkg == 'x' ;; 11 ;; expected ')'",
            "pkg == 'x ;; 7 ;; unterminated string",
            "pkgs == 'x' ;; 0 ;; unknown name 'pkgs'",
            "wheel.filenam == 'x' ;; 6 ;; has no field 'filenam' (fields: filename, tags, slices, extra)",
            "pkg == 3 ;; 4 ;; cannot compare a string with a number",
            "line < 'x' ;; 5 ;; cannot order a number and a string",
            "pkg && true ;; 0 ;; '&&' needs a boolean, found a string",
            "pkg ;; 0 ;; a condition must be a boolean",
            "any(wheel.slices, s -> s.arch) ;; 25 ;; a lambda of any needs a boolean",
            "any(pkg, s -> true) ;; 4 ;; any needs a list, found a string",
            "pkg matches '[' ;; 12 ;; bad regular expression",
            "version('x') > version('1') ;; 8 ;; not a version",
            "nosuch(pkg) ;; 0 ;; unknown function 'nosuch'",
            "pkg.frobnicate() ;; 4 ;; unknown method 'frobnicate'",
            "1.2.3 > 1 ;; 0 ;; is not a number",
            "3 in wheel.tags ;; 2 ;; a number is never in a list of string",
            "s -> true ;; 2 ;; unexpected '-'",
            // a digit of another script is no number (fuzzing: it reached Double.parseDouble, NumberFormatException)
            "\u0aed > 1 ;; 0 ;; unexpected",
    })
    void rejectsAtLoadWithPosition(String src, int offset, String message) {
        assertThatThrownBy(() -> Condition.compile(src, SCOPE))
                .isInstanceOfSatisfying(ExprException.class, e -> {
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @ParameterizedTest
    @CsvSource({"10.9,10.10,-1", "11,11.0,0", "1.2.3,1.2,1", "2024.1,2023.12,1", "1.0rc1,1.0,-1", "v1.2,1.2,0"})
    void dottedVersionsCompareNumerically(String a, String b, int sign) {
        assertThat(Integer.signum(DottedVersion.parse(a).compareTo(DottedVersion.parse(b)))).isEqualTo(sign);
    }

    @org.junit.jupiter.api.Test
    void aRunTimeTypeErrorOfADynamicValueIsReported() throws ExprException {
        Condition c = Condition.compile("dyn.name > 3", SCOPE);
        assertThatThrownBy(() -> c.test(n -> n.equals("dyn") ? Map.of("name", "n") : null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot order");
    }
}
