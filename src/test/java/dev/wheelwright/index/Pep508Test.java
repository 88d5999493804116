package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.spec.Version;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pep508Test {

    @ParameterizedTest(name = "{1} in ''{0}'' = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            >=1.0            | 1.0        | true
            >=1.0            | 0.9        | false
            >=1.0,<2         | 1.9.9      | true
            >=1.0,<2         | 2.0        | false
            ==1.2.*          | 1.2.7      | true
            ==1.2.*          | 1.3        | false
            !=1.2.*          | 1.3        | true
            ~=1.4.2          | 1.4.9      | true
            ~=1.4.2          | 1.5.0      | false
            ~=1.4            | 1.9        | true
            ==1.0            | 1.0+local  | true
            ==1.0+local      | 1.0        | false
            <2.0             | 2.0rc1     | false
            <2.0rc2          | 2.0rc1     | true
            >1.0             | 1.0.post1  | false
            >1.0.post1       | 1.0.post2  | true
            >1.0             | 1.0+x      | false
            ===1.0           | 1.0        | true
            ''               | 3.1        | true
            """)
    void specifiers(String spec, String version, boolean expected) {
        assertThat(Pep508.contains(dev.wheelwright.spec.SpecifierSet.parse(spec == null ? "" : spec), Version.parse(version), true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} admits pre-releases: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            >=1.0       | false
            >=1.0rc1    | true
            ==2.0b1     | true
            !=2.0b1     | false
            ''          | false
            """)
    void prereleases(String spec, boolean expected) {
        assertThat(Pep508.allowsPrereleases(dev.wheelwright.spec.SpecifierSet.parse(spec == null ? "" : spec))).isEqualTo(expected);
    }

    private static final Map<String, String> MAC_ARM = new Target("macosx_11_0_arm64", "3.9", "cp").markerEnvironment();
    private static final Map<String, String> WIN = new Target("win_amd64", "3.12", "cp").markerEnvironment();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sys_platform == "darwin"                                   | true  | false
            platform_machine == "arm64"                                | true  | false
            platform_machine == "AMD64" or platform_system == "Darwin" | true  | true
            python_version < "3.10"                                    | true  | false
            python_version >= "3.8" and os_name == "nt"                | false | true
            (sys_platform == "win32" or sys_platform == "darwin") and python_full_version >= "3.9.0" | true | true
            "arm" in platform_machine                                  | true  | false
            platform_python_implementation != "PyPy"                   | true  | true
            extra == "test"                                            | false | false
            """)
    void markers(String marker, boolean onMacArm, boolean onWindows) {
        dev.wheelwright.spec.Marker m = dev.wheelwright.spec.Marker.parse(marker);
        assertThat(Pep508.markerHolds(m, MAC_ARM)).isEqualTo(onMacArm);
        assertThat(Pep508.markerHolds(m, WIN)).isEqualTo(onWindows);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Foo.Bar[Socks, test]>=1.0,<2 ; python_version < "3.11" | foo-bar | socks,test | >=1.0,<2 | python_version < "3.11"
            requests (>=2.8.1)                                     | requests |           | >=2.8.1  |
            pip @ https://x.example/pip-23.0-py3-none-any.whl      | pip      |           |          |
            cffi                                                   | cffi     |           |          |
            """)
    void requirements(String text, String name, String extras, String spec, String marker) {
        Pep508.Req r = Pep508.requirement(text);
        assertThat(r.normalizedName()).isEqualTo(name);
        assertThat(String.join(",", r.extras())).isEqualTo(extras == null ? "" : extras);
        assertThat(r.specifierSet()).isEqualTo(dev.wheelwright.spec.SpecifierSet.parse(spec == null ? "" : spec));
        assertThat(r.marker() == null ? null : r.marker().toString()).isEqualTo(marker);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ffilib==1.2.1      | true
            ffilib===1.2.1     | true
            ffilib==1.2.*      | false
            ffilib>=1,==1.2    | true
            ffilib             | false
            """)
    // pip is_pinned (resolvelib factory): any == (not .*) or === in the set pins.
    void pinnedForYankedFiles(String text, boolean pinned) {
        assertThat(Pep508.requirement(text).pinned()).isEqualTo(pinned);
    }

    @Test
    void badRequirementIsOneLineNamingIt() {
        assertThatThrownBy(() -> Pep508.requirement("foo >=> 1"))
                .isInstanceOf(dev.wheelwright.WheelwrightException.class)
                .hasMessageContaining("foo >=> 1").hasMessageNotContaining("\n");
    }

    @Test
    void undefinedComparisonIsFalseAndRequiresPythonIsLenient() {
        assertThat(Pep508.markerHolds(dev.wheelwright.spec.Marker.parse("python_version ~= 'x'"), WIN)).isFalse();
        assertThat(Pep508.requiresPythonAllows(">=3.10", Version.parse("3.9.0"))).isFalse();
        assertThat(Pep508.requiresPythonAllows("not a specifier", Version.parse("3.9.0"))).isTrue();
    }
}
