package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkerTest {

    static Map<String, Map<String, String>> environments() {
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        for (Golden.Row r : Golden.rows("marker-environments.tsv")) {
            envs.computeIfAbsent(r.get(0), k -> new LinkedHashMap<>()).put(r.get(1), r.get(2));
        }
        return envs;
    }

    static String outcome(Marker m, Map<String, String> env) {
        try {
            return m.evaluate(env) ? "1" : "0";
        } catch (UndefinedComparisonException e) {
            return "E:UndefinedComparison";
        } catch (UndefinedEnvironmentNameException e) {
            return "E:UndefinedEnvironmentName";
        }
    }

    @Test
    void parsesPrintsAndEvaluatesLikePackaging() {
        Map<String, Map<String, String>> envs = environments();
        assertThat(envs).hasSizeGreaterThanOrEqualTo(8);
        List<String> failures = new ArrayList<>();
        List<Golden.Row> rows = Golden.rows("markers.tsv");
        assertThat(rows).hasSizeGreaterThan(90);
        for (Golden.Row r : rows) {
            String text = Golden.unescape(r.get(0));
            if (r.get(1).equals("INVALID")) {
                try {
                    Marker.parse(text);
                    failures.add(r + " -> parsed");
                } catch (InvalidMarkerException e) {
                    if (!e.detail().equals(Golden.unescape(r.get(2)))) {
                        failures.add(r + "\n   got: " + e.detail());
                    }
                }
                continue;
            }
            try {
                Marker m = Marker.parse(text);
                List<String> got = new ArrayList<>();
                envs.values().forEach(env -> got.add(outcome(m, env)));
                String actual = m + "\t" + String.join(" ", got);
                if (!actual.equals(Golden.unescape(r.get(1)) + "\t" + r.get(2))) {
                    failures.add(r + "\n   got: " + actual);
                }
            } catch (RuntimeException e) {
                failures.add(r + " -> " + e);
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "os_name == 'it\\'s'|Invalid marker: Invalid string literal (unterminated): \"os_name == 'it\\\\'s'\" at column 12",
        "python_version <|Invalid marker: Expected a marker variable or quoted string: 'python_version <' at column 17",
    })
    void invalidMarkersAreOneLine(String text, String message) {
        assertThatThrownBy(() -> Marker.parse(text)).isInstanceOf(InvalidMarkerException.class).hasMessage(message);
    }

    @Test
    void missingVariablesAndMeaninglessComparisonsAreErrors() {
        Marker m = Marker.parse("python_version >= \"3.8\"");
        assertThatThrownBy(() -> m.evaluate(Map.of())).isInstanceOf(UndefinedEnvironmentNameException.class)
                .hasMessage("'python_version' does not exist in evaluation environment.");
        assertThatThrownBy(() -> Marker.parse("os_name ~= \"posix\"").evaluate(Map.of("os_name", "posix")))
                .isInstanceOf(UndefinedComparisonException.class)
                .hasMessage("Undefined <Op('~=')> on 'posix' and 'posix'.");
        assertThat(Marker.parse("extra == \"Dev_Tools\"").evaluate(Map.of("extra", "dev.tools"))).isTrue();
        // two strings compared: packaging looks the right one up as a variable name; a long one is
        // quoted by an excerpt (fuzzing found an 800-character message with a tab in it)
        String name = "<1888,!=881.2,\t".repeat(60);
        assertThatThrownBy(() -> Marker.parse("'' ~= '" + name + "'").evaluate(Map.of()))
                .isInstanceOf(UndefinedEnvironmentNameException.class)
                .hasMessageStartingWith("'<1888,!=881.2,\\t")
                .hasMessageEndingWith(" (" + name.length() + " characters) does not exist in evaluation environment.")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250).doesNotContain("\t"));
    }
}
