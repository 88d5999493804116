package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecifierSetTest {

    static List<String> versions() {
        return Golden.rows("specifier-versions.tsv").stream().map(r -> Golden.unescape(r.get(1))).toList();
    }

    @Test
    void containsAndFilterAgreeWithPackaging() {
        List<String> versions = versions();
        List<String> failures = new ArrayList<>();
        List<Golden.Row> rows = Golden.rows("specifiers.tsv");
        assertThat(rows).hasSizeGreaterThan(200);
        for (Golden.Row r : rows) {
            String text = Golden.unescape(r.get(0));
            if (r.get(1).equals("INVALID")) {
                try {
                    SpecifierSet.parse(text);
                    failures.add(r + " -> parsed");
                } catch (InvalidSpecifierException e) {
                    if (!e.getMessage().equals(Golden.unescape(r.get(2)))) {
                        failures.add(r + " -> " + e.getMessage());
                    }
                }
                continue;
            }
            SpecifierSet set;
            try {
                set = SpecifierSet.parse(text);
            } catch (RuntimeException e) {
                failures.add(r + " -> " + e);
                continue;
            }
            List<String> got = new ArrayList<>();
            got.add(set.toString());
            got.add(set.prereleases() == null ? "" : set.prereleases().toString());
            for (Boolean pre : new Boolean[] {null, true, false}) {
                got.add(versions.stream().map(v -> set.contains(v, pre) ? "1" : "0").collect(Collectors.joining()));
            }
            for (Boolean pre : new Boolean[] {null, true, false}) {
                got.add(set.filter(versions, pre).stream().map(v -> Integer.toString(versions.indexOf(v)))
                        .collect(Collectors.joining(",")));
            }
            got.add(versions.stream().map(Specifier::coerce).filter(v -> v != null)
                    .map(v -> set.contains(v) ? "1" : "0").collect(Collectors.joining()));
            List<String> preOnly = versions.stream()
                    .filter(v -> Specifier.coerce(v) == null || Specifier.coerce(v).isPrerelease()).toList();
            got.add(set.filter(preOnly, null).stream().map(v -> Integer.toString(versions.indexOf(v)))
                    .collect(Collectors.joining(",")));
            List<String> want = new ArrayList<>(List.of(Golden.unescape(r.get(1)), r.get(2), r.get(3), r.get(4),
                    r.get(5), r.get(6), r.get(7), r.get(8), r.get(9), r.get(10)));
            if (!got.equals(want)) {
                failures.add(r + "\n   got: " + String.join(" | ", got));
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "=>1.0|Invalid specifier: '=>1.0'",
        ">=1.0, foo|Invalid specifier: 'foo'",
        "~=1|Invalid specifier: '~=1'",
        "==1.0a1.*|Invalid specifier: '==1.0a1.*'",
    })
    void invalidSpecifiersQuoteTheBadPart(String text, String message) {
        assertThatThrownBy(() -> SpecifierSet.parse(text))
                .isInstanceOf(InvalidSpecifierException.class)
                .hasMessage(message);
    }

    @Test
    void setsCombine() {
        SpecifierSet both = SpecifierSet.parse(">=1.0.0,!=1.0.1").and(SpecifierSet.parse("<=2.0.0,!=2.0.1"));
        assertThat(both).hasToString("!=1.0.1,!=2.0.1,<=2.0.0,>=1.0.0");
        assertThat(both.contains(Version.parse("2.0.1"))).isFalse();
        assertThat(both.contains(Version.parse("1.5"))).isTrue();
        assertThat(SpecifierSet.parse(">=1", true).and(SpecifierSet.parse("<3")).prereleases()).isTrue();
        assertThatThrownBy(() -> SpecifierSet.parse(">=1", true).and(SpecifierSet.parse("<3", false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void explicitPolicyOverridesTheSpecifiers() {
        assertThat(SpecifierSet.parse(">=1.0", true).contains(Version.parse("2.0a1"), null)).isTrue();
        assertThat(SpecifierSet.parse(">=1.0a1", false).contains(Version.parse("2.0a1"), null)).isFalse();
        assertThat(SpecifierSet.parse(">=1.0").filterVersions(
                List.of(Version.parse("1.0"), Version.parse("2.0b1")), null)).containsExactly(Version.parse("1.0"));
    }
}
