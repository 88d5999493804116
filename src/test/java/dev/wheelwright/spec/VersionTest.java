package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTest {

    @Test
    void parsesAndNormalisesLikePackaging() {
        List<String> failures = new ArrayList<>();
        for (Golden.Row r : Golden.rows("versions.tsv")) {
            String input = Golden.unescape(r.get(0));
            String got;
            if (r.get(1).equals("INVALID")) {
                got = Version.isValid(input) ? "valid: " + Version.parse(input) : null;
                if (got == null) {
                    try {
                        Version.parse(input);
                        got = "parsed";
                    } catch (InvalidVersionException e) {
                        got = e.getMessage().equals("Invalid version: " + Py.repr(input)) ? null : e.getMessage();
                    }
                }
                if (got != null) {
                    failures.add(r + " -> " + got);
                }
                continue;
            }
            Version v = Version.parse(input);
            String actual = String.join("|", v.toString(), v.publicVersion(), v.baseVersion(), Long.toString(v.epoch()),
                    v.release().stream().map(String::valueOf).collect(Collectors.joining(".")),
                    v.preLabel() == null ? "" : v.preLabel() + v.preNumber(),
                    v.post() == null ? "" : v.post().toString(), v.dev() == null ? "" : v.dev().toString(),
                    v.local() == null ? "" : v.local(), Boolean.toString(v.isPrerelease()),
                    Boolean.toString(v.isPostrelease()), Boolean.toString(v.isDevrelease()));
            String expected = String.join("|", java.util.Arrays.copyOfRange(r.cells(), 1, 13));
            if (!actual.equals(expected)) {
                failures.add(r + " -> " + actual);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void ordersLikePackaging() {
        record Ranked(Version v, int rank, int line) {}
        List<Ranked> all = new ArrayList<>();
        for (Golden.Row r : Golden.rows("versions.tsv")) {
            if (!r.get(1).equals("INVALID")) {
                all.add(new Ranked(Version.parse(Golden.unescape(r.get(0))), Integer.parseInt(r.get(13)), r.line()));
            }
        }
        assertThat(all).hasSizeGreaterThan(150);
        List<String> failures = new ArrayList<>();
        for (Ranked a : all) {
            for (Ranked b : all) {
                int want = Integer.signum(Integer.compare(a.rank(), b.rank()));
                int got = Integer.signum(a.v().compareTo(b.v()));
                if (want != got || (want == 0) != a.v().equals(b.v()) || (want == 0 && a.v().hashCode() != b.v().hashCode())) {
                    failures.add(a.v() + " vs " + b.v() + ": want " + want + " got " + got);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|Invalid version: ''",
        "1.0+|Invalid version: '1.0+'",
        "it's|Invalid version: \"it's\"",
        "99999999999999999999|Invalid version: '99999999999999999999' (number too large)",
    })
    void invalidVersionsQuoteTheInput(String input, String message) {
        assertThatThrownBy(() -> Version.parse(input))
                .isInstanceOf(InvalidVersionException.class)
                .isInstanceOf(dev.wheelwright.WheelwrightException.class)
                .hasMessage(message);
    }
}
