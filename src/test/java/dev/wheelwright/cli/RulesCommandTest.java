package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.cli.MainTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesCommandTest {

    @Test
    void listsTheCatalogue() {
        Run r = MainTest.run("rules");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("WW-B001  setup-requires-egg-conflict").contains("WW-B017  python-headers-missing")
                .containsPattern("\\d+ of \\d+ rules");
    }

    @ParameterizedTest(name = "rules {0}")
    @CsvSource(delimiterString = " => ", value = {
            "--family B => WW-B016",
            "--family WW-B => WW-B018",
            "--severity error => WW-B001",
            "headers => WW-B018",
            "compiler => WW-B016",
    })
    void filters(String args, String expectedId) {
        Run r = MainTest.run(("rules " + args).split(" "));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains(expectedId);
    }

    @Test
    void filtersExclude() {
        assertThat(MainTest.run("rules", "--family", "W").out()).doesNotContain("WW-B0");
        assertThat(MainTest.run("rules", "headers").out()).doesNotContain("WW-B001").doesNotContain("WW-B016");
        assertThat(MainTest.run("rules", "--severity", "info").out()).doesNotContain("WW-B017");
    }

    @Test
    void showAndExplainPrintTheReadmeAndAnExample() {
        for (String[] args : new String[][] {{"rules", "show", "WW-B017"}, {"explain", "python-headers-missing"}, {"explain", "ww-b017"}}) {
            Run r = MainTest.run(args);
            assertThat(r.code()).isZero();
            assertThat(r.out()).startsWith("WW-B017 python-headers-missing (error, reads log)")
                    .contains("## Why it matters").contains("## Common causes").contains("## How to fix")
                    .contains("\nFix: ")
                    .contains("Example (fail-")
                    .contains("Python.h");
        }
    }

    @Test
    void aRulesFixShowsItsPlaceholdersAsNamesToSupply() {
        Run r = MainTest.run("explain", "WW-B001");
        assertThat(r.out()).contains("\nFix: Declare <pkg> in pyproject.toml").doesNotContain("{pkg}");
    }

    @Test
    void anUnknownRuleSuggestsCloseNames() {
        Run r = MainTest.run("explain", "compiler-mising");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("wheelwright: unknown rule 'compiler-mising'; did you mean compiler-missing?");
        Run far = MainTest.run("rules", "show", "zzzzzzzzzzzz");
        assertThat(far.err().strip()).isEqualTo("wheelwright: unknown rule 'zzzzzzzzzzzz' (see 'wheelwright rules')");
    }

    @Test
    void jsonListing() throws Exception {
        Run r = MainTest.run("rules", "--format", "json", "--family", "B");
        var arr = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(arr.isArray()).isTrue();
        assertThat(arr.findValuesAsText("id")).contains("WW-B001", "WW-B016", "WW-B017", "WW-B018");
    }
}
