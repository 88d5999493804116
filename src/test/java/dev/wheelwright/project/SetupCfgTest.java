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
