package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunnerImagesTest {

    @Test
    void builtInTableKnowsArchAndRetirement() {
        RunnerImages t = RunnerImages.builtIn();
        assertThat(t.find("macos-13").orElseThrow().arch()).isEqualTo("x86_64");
        assertThat(t.find("MACOS-14").orElseThrow().arch()).isEqualTo("arm64");
        assertThat(t.find("macos-latest").orElseThrow().retired()).isFalse();
        assertThat(t.find("macos-12").orElseThrow().retiredOn()).hasToString("2024-12-03");
        assertThat(t.find("ubuntu-24.04-arm").orElseThrow().arch()).isEqualTo("aarch64");
        assertThat(t.find("self-hosted")).isEmpty();
        assertThat(CibuildwheelFeatures.builtIn().features()).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|t.json: expected an object with an \"images\" array",
        "{\"images\": [{\"os\": \"macos\", \"arch\": \"arm64\"}]}|t.json: images[0]: missing string field 'label'",
        "{\"images\": [{\"label\": \"m\", \"os\": \"beos\", \"arch\": \"x86_64\"}]}|t.json: images[0] (m): unknown os 'beos' (expected macos, linux or windows)",
        "{\"images\": [{\"label\": \"m\", \"os\": \"linux\", \"arch\": \"arm64\"}]}|t.json: images[0] (m): arch 'arm64' is not one of",
        "{\"images\": [{\"label\": \"m\", \"os\": \"macos\", \"arch\": \"arm64\", \"retired\": true}]}|t.json: images[0] (m): a retired image needs retiredOn",
        "{\"images\": [{\"label\": \"m\", \"os\": \"macos\", \"arch\": \"arm64\", \"retiredOn\": \"soon\"}]}|t.json: images[0] (m): retiredOn is not a YYYY-MM-DD date",
        "{\"images\": [{\"label\": \"m\", \"os\": \"macos\", \"arch\": \"arm64\"}, {\"label\": \"M\", \"os\": \"macos\", \"arch\": \"arm64\"}]}|t.json: images[1]: duplicate label 'M'",
        "not json|t.json: not valid JSON",
    })
    void badTablesAreRejectedNamingTheEntry(String json, String message) {
        assertThatThrownBy(() -> RunnerImages.parse("t.json", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProjectException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"features\": [{\"feature\": \"x\", \"since\": \"two\", \"python\": \"312\"}]}|f.json: features[0]: 'since' must be a release number",
        "{\"features\": [{\"feature\": \"x\", \"since\": \"2.0\"}]}|f.json: features[0]: give one of 'archs', 'python' or 'platform'",
        "{\"features\": [{\"feature\": \"x\", \"since\": \"2.0\", \"python\": \"3.12\"}]}|f.json: features[0]: 'python' must look like 312",
    })
    void badFeatureTablesAreRejected(String json, String message) {
        assertThatThrownBy(() -> CibuildwheelFeatures.parse("f.json", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProjectException.class).hasMessageStartingWith(message);
    }
}
