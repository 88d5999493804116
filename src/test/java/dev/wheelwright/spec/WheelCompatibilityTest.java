package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WheelCompatibilityTest {

    @Test
    void installsWithTheSameBestTagRankAsPackaging() {
        List<String> failures = new ArrayList<>();
        List<Golden.Row> rows = Golden.rows("installs.tsv");
        assertThat(rows).hasSizeGreaterThan(300);
        int refused = 0;
        for (Golden.Row r : rows) {
            WheelCompatibility.Verdict v = WheelCompatibility.check(WheelFilename.parse(r.get(3)),
                    PythonVersion.parse(r.get(0)), r.get(1), r.get(2));
            int rank = v.best().map(WheelCompatibility.TagVerdict::rank).orElse(0);
            if (rank != Integer.parseInt(r.get(4)) || v.installs() != (rank > 0)) {
                failures.add(r + " -> " + rank);
            }
            if (!v.installs()) {
                refused++;
                // Every refused tag says why, in words.
                v.tags().forEach(t -> {
                    if (t.reasons().isEmpty() || t.reasons().stream().anyMatch(String::isBlank)) {
                        failures.add(r + ": no reason for " + t.tag());
                    }
                });
            }
        }
        assertThat(refused).isGreaterThan(100);
        assertThat(failures).isEmpty();
    }
}
