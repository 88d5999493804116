package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkerEnvironmentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // python | impl | platform | sys_platform | platform_system | platform_machine | os_name
        "3.9|cp|macosx_11_0_arm64|darwin|Darwin|arm64|posix",
        "3.12|cp|manylinux_2_17_x86_64|linux|Linux|x86_64|posix",
        "3.11|cp|musllinux_1_2_aarch64|linux|Linux|aarch64|posix",
        "3.10|pp|win_amd64|win32|Windows|AMD64|nt",
        "3.8|cp|win32|win32|Windows|x86|nt",
        "3.13|cp|win_arm64|win32|Windows|ARM64|nt",
        "3.13|cp|android_24_arm64_v8a|android|Android|aarch64|posix",
    })
    void describesTheTargetAsItsInterpreterWould(String python, String impl, String platform, String sysPlatform,
            String system, String machine, String osName) {
        Map<String, String> env = MarkerEnvironment.forTarget(PythonVersion.parse(python), impl, platform);
        assertThat(env).containsEntry("sys_platform", sysPlatform).containsEntry("platform_system", system)
                .containsEntry("platform_machine", machine).containsEntry("os_name", osName)
                .containsEntry("python_version", python);
        // Every PEP 508 variable is defined, so any marker evaluates.
        assertThat(env).containsKeys("implementation_name", "implementation_version", "platform_release",
                "platform_version", "python_full_version", "platform_python_implementation");
        Marker m = Marker.parse("sys_platform == \"" + sysPlatform + "\" and python_version >= \"" + python
                + "\" and platform_machine == \"" + machine + "\"");
        assertThat(m.evaluate(env)).isTrue();
    }
}
