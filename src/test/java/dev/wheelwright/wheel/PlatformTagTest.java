package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTagTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "macosx_10_9_universal2     | macos     | x86_64 arm64          | 10.9",
            "macosx_11_0_arm64          | macos     | arm64                 | 11.0",
            "macosx_10_6_intel          | macos     | i386 x86_64           | 10.6",
            "macosx_10_4_fat            | macos     | i386 ppc              | 10.4",
            "macosx_10_5_fat64          | macos     | ppc64 x86_64          | 10.5",
            "macosx_10_5_universal      | macos     | i386 ppc ppc64 x86_64 | 10.5",
            "manylinux_2_28_aarch64     | manylinux | aarch64               | 2.28",
            "manylinux2014_x86_64       | manylinux | x86_64                | 2.17",
            "manylinux2010_i686         | manylinux | i686                  | 2.12",
            "manylinux1_x86_64          | manylinux | x86_64                | 2.5",
            "musllinux_1_2_x86_64       | musllinux | x86_64                | 1.2",
            "linux_armv7l               | linux     | armv7l                | -",
            "win_amd64                  | windows   | amd64                 | -",
            "win32                      | windows   | x86                   | -",
            "win_arm64                  | windows   | arm64                 | -",
            "any                        | any       | ''                    | -",
            "solaris_2_11_sparc         | other     | ''                    | -",
    })
    void readsWhatTheTagPromises(String tag, String family, String archs, String version) {
        PlatformTag p = PlatformTag.parse(tag);
        assertThat(p.family()).isEqualTo(family);
        assertThat(p.archs()).isEqualTo(archs.isEmpty() ? List.of() : List.of(archs.split(" ")));
        assertThat(p.version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"10.13, 10.9, 1", "11.0, 11, 0", "2.17, 2.28, -1", "13.0.1, 13.0, 1", "10.9, 10.9.0, 0"})
    void comparesDottedVersionsNumerically(String a, String b, int sign) {
        assertThat(Integer.signum(PlatformTag.compareVersions(a, b))).isEqualTo(sign);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2_28, 2.28", "2.17, 2.17", "manylinux_2_34, 2.34", "manylinux2014, 2.17", "manylinux1, 2.5", "2010, 2.12"})
    void auditPolicyAcceptsManylinuxSpellings(String text, String glibc) {
        assertThat(AuditPolicy.parseManylinux(text)).isEqualTo(glibc);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"musllinux_1_2", "2", "latest", "1_1", "2_3", "manylinux_3_1"})
    void auditPolicyRefusesOtherText(String text) {
        assertThatThrownBy(() -> AuditPolicy.parseManylinux(text)).hasMessageContaining("'" + text + "' is not a manylinux policy");
    }
}
