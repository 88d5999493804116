package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SetupCfgTest {

    @Test
    void readsMultiLineValuesWithLines() {
        String text = "[metadata]\nname = pkg\n\n[options]\n# build deps\nsetup_requires =\n    cffi>=1.0\n"
                + "    ; a comment\n    setuptools_scm\ninstall_requires = cffi>=1.0, attrs\npython_requires: >=3.8\n";
        SetupCfg cfg = SetupCfg.parse("setup.cfg", text);
        SetupCfg.Entry sr = cfg.get("options", "setup_requires").orElseThrow();
        assertThat(sr.items()).containsExactly("cffi>=1.0", "setuptools_scm");
        assertThat(sr.line()).isEqualTo(6);
        assertThat(sr.lastLine()).isEqualTo(9);
        assertThat(cfg.get("options", "install_requires").orElseThrow().items()).containsExactly("cffi>=1.0", "attrs");
        assertThat(cfg.get("options", "python_requires").orElseThrow().value()).isEqualTo(">=3.8");
        assertThat(cfg.get("metadata", "NAME").orElseThrow().value()).isEqualTo("pkg");
    }

    /** configparser in strict mode (setuptools' default) refuses repeated sections and options. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "'[metadata]\\nname = x\\n[options]\\n[metadata]\\nversion = 1\\n' | setup.cfg:4: section [metadata] is repeated (first at line 1); configparser refuses duplicate sections",
            "'[options]\\nzip_safe = 0\\n\\nzip_safe = 1\\n'                   | setup.cfg:4: option 'zip_safe' is repeated in [options] (first at line 2); configparser refuses duplicate options",
    })
    void duplicatesAreErrors(String text, String message) {
        assertThatThrownBy(() -> SetupCfg.parse("setup.cfg", text.replace("\\n", "\n"))).hasMessage(message);
    }

    @Test
    void aHeaderRunsToItsLastBracket() {
        SetupCfg cfg = SetupCfg.parse("setup.cfg", "[options] ; the options\nzip_safe = False\n[tool:pytest]\naddopts = -q\n");
        assertThat(cfg.get("options", "zip_safe").orElseThrow().value()).isEqualTo("False");
        assertThat(cfg.get("tool:pytest", "addopts")).isPresent();
        assertThat(SetupCfg.parse("setup.cfg", "[metadata]\nName = x\nname = y\n").sections()).containsKey("metadata");
    }

    @Test
    void aLoneCarriageReturnEndsALineAsInPythonsTextMode() {
        // fuzzing found a stray CR inside a junk line: the message carried the raw CR (two lines on a terminal)
        SetupCfg cfg = SetupCfg.parse("setup.cfg", "[metadata]\rname = x\r\n[options]\rzip_safe = False\r");
        assertThat(cfg.get("metadata", "name").orElseThrow().value()).isEqualTo("x");
        assertThat(cfg.get("options", "zip_safe").orElseThrow().line()).isEqualTo(4);
        assertThatThrownBy(() -> SetupCfg.parse("setup.cfg", "[ons]\npackmetadaza]\rnahash\n"))
                .hasMessage("setup.cfg:2: not a 'key = value' line: packmetadaza]");
        assertThatThrownBy(() -> SetupCfg.parse("setup.cfg", "[ons]\nbad\u001b[31m line\n"))
                .hasMessage("setup.cfg:2: not a 'key = value' line: bad\\x1b[31m line");
    }

    @Test
    void junkLineIsAnErrorNamingFileAndLine() {
        assertThatThrownBy(() -> SetupCfg.parse("setup.cfg", "[options]\nthis is not an option\n"))
                .hasMessage("setup.cfg:2: not a 'key = value' line: this is not an option");
        assertThatThrownBy(() -> SetupCfg.parse("setup.cfg", "name = x\n"))
                .hasMessage("setup.cfg:1: option outside any [section]: name = x");
        assertThat(SetupCfg.parse("setup.cfg", "").sections()).isEqualTo(java.util.Map.of());
        assertThat(List.of()).isEmpty();
    }
}
