package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WheelwrightSettingsTest {
    @TempDir
    Path tmp;

    WheelwrightSettings read(String toml) throws Exception {
        Path p = tmp.resolve("pyproject.toml");
        Files.writeString(p, toml);
        return WheelwrightSettings.read(p);
    }

    @ParameterizedTest
    @CsvSource({
            "manylinux2014, manylinux2014",
            "manylinux_2_28, manylinux_2_28",
            "quay.io/pypa/manylinux_2_34_x86_64:2025.01.05-1, manylinux_2_34",
            "quay.io/pypa/manylinux1_x86_64, manylinux1",
            "musllinux_1_2, ''",
            "pypy, ''",
    })
    void manylinuxImagesNameTheirPolicy(String image, String policy) {
        assertThat(WheelwrightSettings.manylinuxOfImage(image)).isEqualTo(policy.isEmpty() ? null : policy);
    }

    @Test
    void noFileOrBrokenTomlSetsNothing() throws Exception {
        assertThat(WheelwrightSettings.read(tmp.resolve("absent.toml")).settings()).isEmpty();
        assertThat(read("[tool.wheelwright\nmanylinux = 1").settings()).isEmpty();
    }

    @Test
    void cibuildwheelStringEnvironmentAndLinuxTableAndWheelwrightWins() throws Exception {
        WheelwrightSettings s = read("""
                [tool.cibuildwheel]
                environment = "FOO=1 MACOSX_DEPLOYMENT_TARGET=10.15"
                [tool.cibuildwheel.linux]
                manylinux-x86_64-image = "manylinux_2_28"
                manylinux-i686-image = "manylinux2014"
                [tool.cibuildwheel.macos]
                archs = "x86_64 arm64"
                """);
        assertThat(s.get("min-macos").value()).isEqualTo("10.15");
        assertThat(s.get("min-macos").source()).endsWith("[tool.cibuildwheel] environment MACOSX_DEPLOYMENT_TARGET");
        assertThat(s.get("manylinux").value()).isEqualTo("manylinux_2_28");
        assertThat(s.get("manylinux").source()).endsWith("[tool.cibuildwheel] linux.manylinux-x86_64-image");
        assertThat(s.get("require-archs")).as("thin archs require nothing of each binary").isNull();
        WheelwrightSettings w = read("""
                [tool.wheelwright]
                manylinux = "2_17"
                [tool.cibuildwheel]
                manylinux-x86_64-image = "manylinux_2_28"
                """);
        assertThat(w.get("manylinux").value()).isEqualTo("2_17");
        assertThat(w.get("manylinux").where()).isEqualTo(tmp.resolve("pyproject.toml") + ": [tool.wheelwright] manylinux");
    }

    @Test
    void unknownKeysAndWrongTypesNameFileAndKey() {
        assertThatThrownBy(() -> read("[tool.wheelwright]\nminmacos = \"11.0\"\n"))
                .hasMessageStartingWith(tmp.resolve("pyproject.toml") + ": [tool.wheelwright] minmacos: unknown key (did you mean 'min-macos'?)");
        assertThatThrownBy(() -> read("[tool]\nwheelwright = 3\n")).hasMessageEndingWith("[tool.wheelwright]: expected a table");
        assertThatThrownBy(() -> read("[tool.wheelwright]\nmanylinux = 228\n"))
                .hasMessage(tmp.resolve("pyproject.toml") + ": [tool.wheelwright] manylinux: expected a string, got a number");
    }
}
