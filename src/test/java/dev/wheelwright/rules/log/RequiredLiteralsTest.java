package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequiredLiteralsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "Python\\.h: No such file => Python.h: No such file",
            "fatal error: (?<h>[\\w/]+\\.h): No such => `fatal error: `",
            "(?:foo|barbaz) q => foo|barbaz",
            "foo|barbaz => foo|barbaz",
            "ab|cdef => ``",
            "error: (?<c>[^']+) is required => ` is required`",
            "colou?r spaces => r spaces",
            "abcd+ef => abcd",
            "(?:optional text)? required => ` required`",
            "(?:optional text)* => ``",
            "(?i)invalid command 'bdist_wheel' => invalid command 'bdist_wheel'",
            "\\QC:\\Program Files\\E\\\\x => C:\\Program Files\\x",
            "ld: warning: ignoring file [^,]+, building for (?<a>\\S+) => `ld: warning: ignoring file `",
            "x{0,3}abc{2}de => abc",
            "[abc]+ => ``",
            "(?=lookahead)real => real",
            "(?<name>group one)|(?<other>group two) => group one|group two",
    })
    void derivesNeedles(String regex, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split("\\|"));
        assertThat(RequiredLiterals.of(regex).literals()).containsExactlyInAnyOrderElementsOf(want);
    }
}
