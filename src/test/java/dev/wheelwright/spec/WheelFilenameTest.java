package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WheelFilenameTest {

    @Test
    void parsesLikePackaging() {
        List<String> failures = new ArrayList<>();
        for (Golden.Row r : Golden.rows("wheel-filenames.tsv")) {
            String input = r.get(0);
            String actual;
            try {
                WheelFilename w = WheelFilename.parse(input);
                actual = String.join("|", w.name(), w.version().toString(),
                        w.build() == null ? "" : w.build().number() + "|" + w.build().suffix(),
                        w.tags().stream().map(Tag::toString).sorted().collect(Collectors.joining(" ")));
            } catch (InvalidWheelFilenameException e) {
                actual = "INVALID|" + kind(e);
            }
            if (!actual.startsWith("INVALID")) {
                try {
                    WheelFilename.parse(input, true);
                    actual += "|sorted";
                } catch (InvalidWheelFilenameException e) {
                    actual += e.getCause() instanceof UnsortedTagsException ? "|unsorted" : "|" + e.getMessage();
                }
            }
            String expected = r.get(1).equals("INVALID") ? "INVALID|" + r.get(2)
                    : String.join("|", r.get(1), r.get(2), r.get(3), r.get(4), r.get(5));
            if (!actual.equals(expected)) {
                failures.add(r + " -> " + actual);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String kind(InvalidWheelFilenameException e) {
        String m = e.getMessage();
        if (e instanceof InvalidBuildTagException) {
            return "build";
        }
        if (e.getCause() instanceof InvalidVersionException) {
            return "version";
        }
        return m.startsWith("Invalid project name") ? "name" : m.contains("extension") ? "extension"
                : m.contains("wrong number of parts") ? "parts" : "other: " + m;
    }

    @Test
    void keepsTheWrittenFormsAndTagOrder() {
        WheelFilename w = WheelFilename.parse("Foo_Bar-1.0-7b-py3.py2-none-manylinux1_x86_64.linux_x86_64.whl");
        assertThat(w.distribution()).isEqualTo("Foo_Bar");
        assertThat(w.name()).isEqualTo("foo-bar");
        assertThat(w.build()).isEqualTo(new BuildTag(7, "b"));
        assertThat(w.filename()).isEqualTo("Foo_Bar-1.0-7b-py3.py2-none-manylinux1_x86_64.linux_x86_64.whl");
        assertThat(w.tags()).extracting(Tag::toString).containsExactly(
                "py3-none-manylinux1_x86_64", "py3-none-linux_x86_64",
                "py2-none-manylinux1_x86_64", "py2-none-linux_x86_64");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x.whl|Invalid wheel filename (wrong number of parts): 'x.whl'|InvalidWheelFilenameException",
        "foo-1.0-py3-none-any.zip|Invalid wheel filename (extension must be '.whl'): 'foo-1.0-py3-none-any.zip'|InvalidWheelFilenameException",
        "foo__bar-1.0-py3-none-any.whl|Invalid project name: 'foo__bar-1.0-py3-none-any.whl'|InvalidWheelFilenameException",
        "foo-1.x-py3-none-any.whl|Invalid wheel filename (invalid version): 'foo-1.x-py3-none-any.whl'|InvalidWheelFilenameException",
        "foo-1.0-abc-py3-none-any.whl|Invalid build number: abc in 'foo-1.0-abc-py3-none-any.whl'|InvalidBuildTagException",
        "foo-1.0-99999999999-py3-none-any.whl|Invalid build number: 99999999999 in 'foo-1.0-99999999999-py3-none-any.whl' (number too large)|InvalidBuildTagException",
    })
    void invalidNamesQuoteTheInput(String input, String message, String type) {
        assertThatThrownBy(() -> WheelFilename.parse(input))
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(type));
    }

    @Test
    void sdistNamesParseLikePackaging() {
        List<String> failures = new ArrayList<>();
        for (Golden.Row r : Golden.rows("sdist-filenames.tsv")) {
            String actual;
            try {
                SdistFilename s = SdistFilename.parse(r.get(0));
                actual = s.name() + "|" + s.version();
            } catch (InvalidSdistFilenameException e) {
                actual = "INVALID|" + e.getMessage();
            }
            if (!actual.equals(r.get(1) + "|" + Golden.unescape(r.get(2)))) {
                failures.add(r + " -> " + actual);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void namesNormaliseLikePackaging() {
        List<String> failures = new ArrayList<>();
        for (Golden.Row r : Golden.rows("names.tsv")) {
            String n = r.get(0);
            String actual = Names.canonicalize(n) + "|" + Names.isNormalized(n) + "|" + Names.isValid(n);
            if (!actual.equals(r.get(1) + "|" + r.get(2) + "|" + r.get(3))) {
                failures.add(r + " -> " + actual);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void unsortedTagSetsAreRefusedOnlyWhenAsked() {
        assertThat(WheelFilename.parse("foo-1.0-py3.py2-none-any.whl").tags()).hasSize(2);
        assertThatThrownBy(() -> WheelFilename.parse("foo-1.0-py3.py2-none-any.whl", true))
                .isInstanceOf(InvalidWheelFilenameException.class)
                .hasMessage("Invalid wheel filename (compressed tag set components must be in sorted order per PEP 425):"
                        + " 'foo-1.0-py3.py2-none-any.whl'");
        assertThatThrownBy(() -> Tag.parse("py3.py2-none-any", true)).isInstanceOf(UnsortedTagsException.class)
                .hasMessage("Tag component 'py3.py2' is not in sorted order per PEP 425");
    }

    @Test
    void tagParseExpandsAndRejects() {
        assertThat(Tag.parse("py2.py3-none-any")).containsExactly(new Tag("py2", "none", "any"), new Tag("py3", "none", "any"));
        assertThat(new Tag("CP39", "Abi3", "WIN_AMD64")).hasToString("cp39-abi3-win_amd64");
        assertThatThrownBy(() -> Tag.parse("py3-none")).isInstanceOf(InvalidTagException.class)
                .hasMessage("Invalid tag (expected interpreter-abi-platform): 'py3-none'");
    }
}
