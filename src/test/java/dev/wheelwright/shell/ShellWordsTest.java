package dev.wheelwright.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellWordsTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(tmp.resolve("wheelhouse/logs"));
        for (String f : List.of("wheelhouse/b-1.0-py3-none-any.whl", "wheelhouse/a-1.0-py3-none-any.whl",
                "wheelhouse/notes.txt", "wheelhouse/.hidden.whl", "wheelhouse/logs/arm64.log", "wheelhouse/logs/x86_64.log",
                "star*.txt")) {
            Files.writeString(tmp.resolve(f), "");
        }
    }

    private List<String> words(String line) {
        return ShellWords.expand(ShellWords.split(line), tmp);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "inspect a b                     | inspect,a,b",
            "  inspect   'a b'  \"c d\"       | inspect,a b,c d",
            "explain \"say \\\"hi\\\"\"        | explain,say \"hi\"",
            "x a\\ b                          | x,a b",
            "x 'it''s'                       | x,its",
            "x ''                            | x,",
    })
    void splitsAsAPosixShell(String line, String expected) {
        assertThat(words(line)).containsExactly(expected.split(",", -1));
    }

    @Test
    void expandsUnquotedPatternsSortedAndSkipsDotFiles() {
        assertThat(words("inspect wheelhouse/*.whl")).containsExactly("inspect",
                "wheelhouse/a-1.0-py3-none-any.whl", "wheelhouse/b-1.0-py3-none-any.whl");
        assertThat(words("open wheelhouse/*/x86_64.lo?")).containsExactly("open", "wheelhouse/logs/x86_64.log");
        assertThat(words("x wheelhouse/[ab]-*")).containsExactly("x",
                "wheelhouse/a-1.0-py3-none-any.whl", "wheelhouse/b-1.0-py3-none-any.whl");
        assertThat(words("x wheelhouse/.*.whl")).containsExactly("x", "wheelhouse/.hidden.whl");
    }

    @Test
    void aPatternThatMatchesNothingStaysAsTyped() {
        assertThat(words("inspect dist/*.whl")).containsExactly("inspect", "dist/*.whl");
        assertThat(words("inspect wheelhouse/*.zip")).containsExactly("inspect", "wheelhouse/*.zip");
    }

    @Test
    void quotedOrEscapedPatternCharactersAreLiteral() {
        assertThat(words("x 'wheelhouse/*.whl'")).containsExactly("x", "wheelhouse/*.whl");
        assertThat(words("x star\\*.txt")).containsExactly("x", "star*.txt");
        assertThat(words("x 'star*'.t?t")).containsExactly("x", "star*.txt");
    }

    @Test
    void theCommandWordIsNeverExpanded() {
        assertThat(words("star* a")).containsExactly("star*", "a");
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> ShellWords.split("help \"shell")).hasMessage("unclosed double quote");
        assertThatThrownBy(() -> ShellWords.split("help 'shell")).hasMessage("unclosed single quote");
    }
}
