package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementTest {

    @Test
    void parsesLikePackaging() {
        List<String> failures = new ArrayList<>();
        List<Golden.Row> rows = Golden.rows("requirements.tsv");
        assertThat(rows).hasSizeGreaterThan(60);
        for (Golden.Row r : rows) {
            String text = Golden.unescape(r.get(0));
            if (r.get(1).equals("INVALID")) {
                try {
                    Requirement.parse(text);
                    failures.add(r + " -> parsed");
                } catch (InvalidRequirementException e) {
                    if (!e.detail().equals(Golden.unescape(r.get(2)))) {
                        failures.add(r + "\n   got: " + e.detail());
                    }
                }
                continue;
            }
            try {
                Requirement q = Requirement.parse(text);
                String actual = String.join("\t", q.toString(), q.name(), String.join(",", q.extras()),
                        q.specifier().toString(), q.url() == null ? "" : q.url(),
                        q.marker() == null ? "" : q.marker().toString());
                String expected = String.join("\t", Golden.unescape(r.get(1)), r.get(2), r.get(3),
                        Golden.unescape(r.get(4)), Golden.unescape(r.get(5)), Golden.unescape(r.get(6)));
                if (!actual.equals(expected)) {
                    failures.add(r + "\n   got: " + actual);
                }
            } catch (RuntimeException e) {
                failures.add(r + " -> " + e);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void partsAreUsable() {
        Requirement q = Requirement.parse("Foo.Bar[tests] >=1.0,<2 ; python_version < \"3.10\"");
        assertThat(q.normalizedName()).isEqualTo("foo-bar");
        assertThat(q.specifier().contains(Version.parse("1.5"))).isTrue();
        assertThat(q.marker().evaluate(Map.of("python_version", "3.9"))).isTrue();
        assertThatThrownBy(() -> Requirement.parse("foo >= 1.0 bar"))
                .isInstanceOf(InvalidRequirementException.class)
                .hasMessage("Invalid requirement: Expected comma (within version specifier), semicolon (after version "
                        + "specifier) or end: 'foo >= 1.0 bar' at column 5");
    }
}
