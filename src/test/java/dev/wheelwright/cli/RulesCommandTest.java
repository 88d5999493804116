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
    void anUnknownFamilyIsAUsageError() {
        Run r = MainTest.run("rules", "--family", "Z");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("wheelwright: --family Z: unknown family (expected one of B, D, E, J, M, P, W, X)\n");
        assertThat(MainTest.run("rules", "--family", "ww-p").code()).isZero();
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

    /** Project rules (folder cases) show the finding their fail case gives; wheel rules the wheel's description. */
    @Test
    void projectAndWheelRulesHaveExamplesToo() {
        assertThat(MainTest.run("explain", "WW-P002").out())
                .containsPattern("Example \\(fail-[a-z0-9-]+\\):\n  finds: cffi is in both setup_requires and install_requires")
                .contains("  at:    setup.py:");
        assertThat(MainTest.run("explain", "WW-W002").out())
                .containsPattern("Example \\(fail-[a-z0-9-]+\\.wheel\\.yaml, a wheel described as\\):\n")
                .contains("  filename: demo-1.0-")
                .contains("  finds: ");
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
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        // schema 2: an object holding the list (schema 1 was the bare list)
        assertThat(doc.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(doc.path("tool").path("name").asText()).isEqualTo("wheelwright");
        var arr = doc.path("rules");
        assertThat(arr.isArray()).isTrue();
        assertThat(arr.findValuesAsText("id")).contains("WW-B001", "WW-B016", "WW-B017", "WW-B018")
                .allMatch(id -> id.startsWith("WW-B"));
    }

    /** rules, rules show and explain write their document to -o FILE (whole, nothing on stdout), in text or JSON. */
    @ParameterizedTest(name = "{0} -o")
    @CsvSource(delimiter = '|', value = {
            "rules --family B                  | WW-B017  python-headers-missing",
            "rules show WW-B017                | ## Why it matters",
            "explain python-headers-missing    | ## Why it matters",
    })
    void writeToOutputFile(String args, String expected, @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("out.txt");
        Run r = MainTest.run(concat(args, "-o", file.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(java.nio.file.Files.readString(file)).contains(expected);

        java.nio.file.Path json = tmp.resolve("out.json");
        Run j = MainTest.run(concat(args, "--format", "json", "-o", json.toString()));
        assertThat(j.code()).as(j.err()).isZero();
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(node.findValuesAsText("id")).contains("WW-B017");

        java.nio.file.Path missing = tmp.resolve("no/such/folder/out.txt");
        Run bad = MainTest.run(concat(args, "-o", missing.toString()));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().lines().toList()).hasSize(1);
        assertThat(bad.err()).startsWith("wheelwright: " + missing + ": cannot write");
        assertThat(tmp.resolve("no")).doesNotExist();
    }

    @ParameterizedTest(name = "{0} --format sarif")
    @CsvSource({"rules", "rules show WW-B017", "explain WW-B017"})
    void documentCommandsRefuseFindingFormats(String args) {
        for (String format : new String[] {"sarif", "junit", "github", "html", "xml"}) {
            Run r = MainTest.run(concat(args, "--format", format));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("wheelwright: --format " + format + ": '" + args.replaceAll(" WW-B017", "")
                    + "' writes text or json\n");
        }
    }

    @Test
    void explainAsJsonHoldsTheRuleInFull() throws Exception {
        Run r = MainTest.run("explain", "setup-requires-egg-conflict", "--format", "json");
        assertThat(r.code()).isZero();
        var o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(o.path("id").asText()).isEqualTo("WW-B001");
        assertThat(o.path("readme").asText()).contains("## Why it matters");
        assertThat(o.path("fixAction").asText()).isEqualTo("pyproject-build-system");
        assertThat(o.path("references").isArray()).isTrue();
        assertThat(o.path("example").asText()).startsWith("Example (fail-");
    }

    private static String[] concat(String args, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(args.trim().split("\\s+")), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
