package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageContextTest {

    /** The search starts at the lead, so every match must start with it: the regex begins with the lead, escaped. */
    @Test
    void everyLeadIsWhereItsPatternBegins() {
        for (PackageContext.ContextPattern p : PackageContext.PATTERNS) {
            String regex = p.pattern().pattern();
            if (p.lead() != null) {
                assertThat(regex.replace("\\", "")).as(regex).startsWith(p.lead());
            } else {
                assertThat(regex).as("a pattern without a lead is anchored").startsWith("^");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "Collecting cffi>=1.0 => cffi",
            "  │ Collecting numpy==1.26.4 => numpy",
            "xCollecting cffi => -",
            "  Building wheel for pyyaml (pyproject.toml): started => pyyaml",
            "× Building wheel for lxml (setup.py) did not run successfully. => lxml",
            "Running setup.py install for psutil ... error => psutil",
            "Processing ./dist/my_pkg-2.0.tar.gz => my_pkg",
            "  writing fastcrypt.egg-info/PKG-INFO => fastcrypt",
            "  ERROR: Failed building wheel for cffi => cffi",
            "Failed to build psutil lxml => psutil",
            "ERROR: Could not build wheels for cryptography, which is required => cryptography",
            "  ╰─> [12 lines of output] => ''",
            "      [end of output] => ''",
            "  Installing build dependencies: started => ''",
            "  Installing build dependencies: finished with status 'done' => ''",
            "Installing build dependencies ... done => -",
    })
    void readsContextLines(String line, String expected) {
        String got = null;
        for (PackageContext.ContextPattern p : PackageContext.PATTERNS) {
            String n = PackageContext.name(p, line);
            if (n != null) {
                got = n;
                break;
            }
        }
        assertThat(got).isEqualTo("-".equals(expected) ? null : expected == null ? "" : expected);
    }
}
