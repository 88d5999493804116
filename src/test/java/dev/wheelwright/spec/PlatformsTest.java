package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformsTest {

    @Test
    void compatiblePlatformsAreThoseOfPackaging() {
        List<String> failures = new ArrayList<>();
        List<Golden.Row> rows = Golden.rows("platforms.tsv");
        assertThat(rows).hasSizeGreaterThan(250);
        for (Golden.Row r : rows) {
            String got;
            try {
                // packaging yields no platform for some (NONE): only 'any' wheels install there.
                List<String> plats = Platforms.compatible(r.get(0));
                got = plats.isEmpty() ? "NONE" : String.join(" ", plats);
            } catch (InvalidPlatformException e) {
                got = e.getMessage();
            }
            if (!got.equals(r.get(1))) {
                failures.add(r + "\n   got: " + got);
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bogus_tag|Invalid platform 'bogus_tag': not a platform tag of a known family (e.g. macosx_11_0_arm64, manylinux_2_17_x86_64, musllinux_1_2_aarch64, win_amd64, linux_x86_64)",
        "any|Invalid platform 'any': not a platform tag of a known family (e.g. macosx_11_0_arm64, manylinux_2_17_x86_64, musllinux_1_2_aarch64, win_amd64, linux_x86_64)",
        "''|Invalid platform '': not a platform tag of a known family (e.g. macosx_11_0_arm64, manylinux_2_17_x86_64, musllinux_1_2_aarch64, win_amd64, linux_x86_64)",
        "macosx_9_0_x86_64|Invalid platform 'macosx_9_0_x86_64': macOS versions start at 10",
        "macosx_11_0_sparc|Invalid platform 'macosx_11_0_sparc': unknown macOS architecture 'sparc' (expected one of arm64, x86_64, universal2, ...)",
        "manylinux_2_17_mips|Invalid platform 'manylinux_2_17_mips': no manylinux for architecture 'mips' (known: aarch64, armv7l, i686, loongarch64, ppc64, ppc64le, riscv64, s390x, x86_64)",
        "musllinux_2_0_x86_64|Invalid platform 'musllinux_2_0_x86_64': musl versions are 1.x (PEP 656)",
        "win_ia64|Invalid platform 'win_ia64': not a platform tag of a known family (e.g. macosx_11_0_arm64, manylinux_2_17_x86_64, musllinux_1_2_aarch64, win_amd64, linux_x86_64)",
    })
    void badPlatformTagsAreRejectedWithOneLine(String tag, String message) {
        assertThatThrownBy(() -> Platforms.target(tag))
                .isInstanceOf(InvalidPlatformException.class)
                .hasMessage(message);
    }

    @Test
    void writtenVariantsOfATagAreAccepted() {
        assertThat(Platforms.compatible("MacOSX-11.0-arm64")).isEqualTo(Platforms.compatible("macosx_11_0_arm64"));
        assertThat(Platforms.compatible("manylinux2014_x86_64")).isEqualTo(Platforms.compatible("manylinux_2_17_x86_64"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // no x86_64 binary format before macOS 10.4, no iOS wheels before iOS 12 (packaging mac/ios_platforms)
        "macosx_10_3_x86_64|",
        "ios_11_0_arm64_iphoneos|",
        // packaging's manylinux check refuses other CPUs: a glibc armv6l machine takes linux_armv6l wheels only
        "manylinux_2_17_armv6l|linux_armv6l",
        "manylinux2014_mips|linux_mips",
    })
    void machinesPackagingGivesFewOrNoPlatformsAreStillMachines(String tag, String expected) {
        assertThat(String.join(" ", Platforms.compatible(tag))).isEqualTo(expected == null ? "" : expected);
        assertThat(Tags.forTarget("3.9", "cp", tag).stream().map(Tag::toString))
                .contains("cp39-none-any", "py3-none-any", "py30-none-any");
    }
}
