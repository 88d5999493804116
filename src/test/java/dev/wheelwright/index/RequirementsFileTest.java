package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.WheelwrightException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementsFileTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void pipCompileOutputWithHashesCommentsContinuationsAndIncludes() throws Exception {
        write("sub/links/.keep", "");
        write("sub/more.txt", """
                dep-b[x]>=1.0  # nested
                -c constraints.txt
                --find-links links
                """);
        Path main = write("requirements.txt", """
                # top comment
                --index-url ${MIRROR}/simple/
                -r sub/more.txt
                foo-bar==2.0 \\
                    --hash=sha256:00aa \\
                    --hash sha256:11bb
                    # via something (a comment line ends the continuation)
                dep-x ; python_version < "3.10"\t# tab comment
                --extra-index-url=https://extra.example/simple
                wheels/local-1.0-py3-none-any.whl
                -e .
                --require-hashes
                --pre
                url-pkg @ https://example.org/url_pkg-1.0-py3-none-any.whl
                """);
        RequirementsFile.Contents c = RequirementsFile.read(main, Map.of("MIRROR", "https://mirror.example"));
        assertThat(c.requirements()).extracting(RequirementsFile.Entry::requirement).containsExactly(
                "dep-b[x]>=1.0", "foo-bar==2.0", "dep-x ; python_version < \"3.10\"",
                "url-pkg @ https://example.org/url_pkg-1.0-py3-none-any.whl");
        assertThat(c.requirements()).extracting(RequirementsFile.Entry::where).containsExactly(
                tmp.resolve("sub/more.txt") + ":1", main + ":4", main + ":8", main + ":14");
        assertThat(c.indexUrl()).isEqualTo("https://mirror.example/simple/");
        assertThat(c.pre()).isTrue();
        assertThat(c.extraIndexUrls()).containsExactly("https://extra.example/simple");
        assertThat(c.findLinks()).containsExactly(tmp.resolve("sub/links").toString());
        assertThat(c.notes()).containsExactly(
                tmp.resolve("sub/more.txt") + ":2: constraints file constraints.txt is not applied (deps resolves requirements only)",
                main + ":10: 'wheels/local-1.0-py3-none-any.whl' is a path or URL, not looked up (use 'name @ URL' to name it)",
                main + ":11: editable requirement . is not looked up");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ffilib >=> 1                  | invalid requirement 'ffilib >=> 1':
            ffilib==1 --no-deps           | --no-deps is not an option of a requirement line
            --frobnicate                  | unknown option --frobnicate
            --index-url                   | --index-url needs a value
            -r missing.txt                | missing.txt: no such file
            -r https://x.example/r.txt    | https://x.example/r.txt: requirements files are read from disk only
            -r r.txt                      | r.txt: includes itself (-r loop)
            ${UNSET_VARIABLE}-pkg         | invalid requirement '${UNSET_VARIABLE}-pkg'
            """)
    void badLinesNameTheFileAndLine(String line, String message) throws Exception {
        Path f = write("r.txt", "ok-pkg\n" + line + "\n");
        assertThatThrownBy(() -> RequirementsFile.read(f, Map.of())).isInstanceOf(WheelwrightException.class)
                .hasMessageStartingWith(f + ":2: ").hasMessageContaining(message).hasMessageNotContaining("\n");
    }

    @Test
    void unreadableFilesAreOneLineNamingThem() throws Exception {
        Path bad = tmp.resolve("latin1.txt");
        Files.write(bad, "ok\ncaf\u00e9==1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> RequirementsFile.read(bad, Map.of())).hasMessage(bad + ": not UTF-8 text (bad byte at offset 6)");
        assertThatThrownBy(() -> RequirementsFile.read(tmp, Map.of())).hasMessage(tmp + ": a folder, not a requirements file");
        assertThatThrownBy(() -> RequirementsFile.read(tmp.resolve("none.txt"), Map.of())).hasMessage(tmp.resolve("none.txt") + ": no such file");
        Path bom = tmp.resolve("bom.txt");
        Files.write(bom, "\uFEFFattrs\r\nsix\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(RequirementsFile.read(bom, Map.of()).requirements()).extracting(RequirementsFile.Entry::requirement)
                .containsExactly("attrs", "six");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            --index-url https://file.example/simple   | https://file.example/simple | ''
            --extra-index-url https://more.example/s  | https://cli.example/simple  | https://cli-extra.example/s,https://more.example/s
            --no-index                                | null                        | ''
            ''                                        | https://cli.example/simple  | https://cli-extra.example/s
            """)
    void fileOptionsActAfterTheCommandLineAsInPip(String option, String index, String extras) throws Exception {
        Path f = write("opts.txt", option + "\nattrs\n");
        IndexSettings cli = new IndexSettings("https://cli.example/simple", List.of("https://cli-extra.example/s"), List.of(), "test");
        IndexSettings s = RequirementsFile.read(f, Map.of()).applyTo(cli);
        assertThat(s.indexUrl()).isEqualTo(index);
        assertThat(String.join(",", s.extraIndexUrls())).isEqualTo(extras);
        IndexSettings noIndex = new IndexSettings(null, List.of(), List.of("links"), "test");
        assertThat(RequirementsFile.read(f, Map.of()).applyTo(noIndex).indexUrl()).isNull();
    }
}
