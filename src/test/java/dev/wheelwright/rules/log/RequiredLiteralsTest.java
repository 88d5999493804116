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

    /** The literals every match starts with; "-" when that is not certain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "(?:Downloading|Using cached) (?:\\S*/)?(?<p>\\w+) => Downloading|Using cached",
            "fatal error: (?<h>[\\w/]+\\.h): No such => `fatal error: `",
            "^\\s*error: x => -",
            "^Collecting (?<p>\\w+) => `Collecting `",
            "(?i)invalid command 'bdist_wheel' => invalid command 'bdist_wheel'",
            "foo|barbaz => -",
            "(?:foo|barbaz)? q => -",
            "(?:foo|barbaz)+ q => foo|barbaz",
            "(?<n>foo|bar\\(baz\\)) q => foo|bar(baz)",
            "(?:foo[|)]x|bar) => foo|bar",
            "colou?r => colo",
            "ab+c => ab",
            "a*bc => -",
            "x{2}y => -",
            "\\bword => -",
            "(?=look)ahead => -",
            "FileExistsError: \\[Errno 17\\] => `FileExistsError: [Errno 17]`",
            "(?:(?:a|b)c|d) => -",
            "(?x)a b => -",
    })
    void tellsWhatEveryMatchStartsWith(String regex, String expected) {
        List<String> got = RequiredLiterals.leading(regex);
        if (expected.equals("-")) {
            assertThat(got).isNull();
        } else {
            assertThat(got).containsExactlyElementsOf(Arrays.asList(expected.split("\\|")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "(?:Downloading|Using cached) (?:\\S*/)?(?<p>\\w+)-\\d+\\.(?:tar\\.gz|zip)\\b => Downloading|Using cached;tar.gz|zip",
            "fatal error: (?<h>[\\w/]+\\.h): No such file => `fatal error: ;: No such file`",
            "(?<x>cannot find -l)(?<lib>\\w+): No such => `cannot find -l;: No such`",
            "(?:optional text)? required => ` required`",
            "ab.*cd.*longer => longer",
            "foo|barbaz => foo|barbaz",
            "(?x) spaced out => ``",
            "(?=lookahead)real text => real text",
    })
    void derivesEveryRequiredClause(String regex, String expected) {
        List<List<String>> want = expected.isEmpty() ? List.of()
                : Arrays.stream(expected.split(";")).map(c -> Arrays.asList(c.split("\\|"))).toList();
        List<List<String>> got = RequiredLiterals.clauses(regex);
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i)).containsExactlyInAnyOrderElementsOf(want.get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "(?:Downloading|Using cached) (?:\\S*/)?(?<p>[A-Za-z0-9_.-]*?)-(?<v>\\d[\\w.]*?)\\.(?:tar\\.gz|zip)\\b => `  Using cached https://x/lxml-5.2.1.zip (3 MB)`",
            "fatal error: (?<h>(?!Python\\.h:)[\\w./+-]+\\.h(?:h|pp)?): (?:No such file|[^\\x00-\\x7F]) => `a.c:1:10: fatal error: ffi.h: No such file or directory`",
            "(?i)invalid command '(?:bdist_wheel|x{2,})' => `error: INVALID COMMAND 'bdist_wheel'`",
            "^=+ (?<what>(?:\\d+ \\w+, )*\\d+ failed\\b[^=]*?) in [\\d.]+s =+$ => `==== 1 passed, 2 failed in 3.1s ====`",
    })
    void everyClauseOccursInEveryMatchingLine(String regex, String line) {
        assertThat(java.util.regex.Pattern.compile(regex).matcher(line).find()).as("the example matches").isTrue();
        List<List<String>> clauses = RequiredLiterals.clauses(regex);
        assertThat(clauses).isNotEmpty();
        for (List<String> clause : clauses) {
            assertThat(clause).as("clause %s", clause)
                    .anyMatch(l -> line.toLowerCase(java.util.Locale.ROOT).contains(l.toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
