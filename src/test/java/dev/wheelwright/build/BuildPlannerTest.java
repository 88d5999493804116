package dev.wheelwright.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildPlannerTest {

    static final Path PROJECT = Path.of("/src/demo");
    static final Path WORK = Path.of("/tmp/ww-build");
    static final HostPlatform MAC_ARM = new HostPlatform(HostPlatform.Os.MACOS, "arm64");
    static final HostPlatform LINUX_X86 = new HostPlatform(HostPlatform.Os.LINUX, "x86_64");
    static final PythonInfo UNIVERSAL_311 = new PythonInfo("python3.11", "3.11.9", "macosx-10.9-universal2", true, true, true);
    static final PythonInfo UNIVERSAL_312 = new PythonInfo("python3.12", "3.12.4", "macosx-10.13-universal2", true, true, true);
    static final PythonInfo LINUX_PY = new PythonInfo("/usr/bin/python3", "3.11.2", "linux-x86_64", true, true, true);

    static BuildRequest request(List<String> targets, Map<String, String> env, boolean isolation) {
        return new BuildRequest(PROJECT, targets, "python3", Path.of("/out"), isolation, Duration.ofMinutes(5), env);
    }

    static BuildPlan only(BuildPlanner.Plans plans) {
        assertThat(plans.plans()).hasSize(1);
        return plans.plans().get(0);
    }

    /** cibuildwheel's values (macos.py) for each target, with and without a user deployment target. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // target   | python | user MDT | ARCHFLAGS                | _PYTHON_HOST_PLATFORM      | MDT
            "arm64      | 3.11   |          | -arch arm64              | macosx-11.0-arm64          | 11.0",
            "x86_64     | 3.11   |          | -arch x86_64             | macosx-10.9-x86_64         | 10.9",
            "universal2 | 3.11   |          | -arch arm64 -arch x86_64 | macosx-10.9-universal2     | 10.9",
            "native     | 3.11   |          | -arch arm64              | macosx-11.0-arm64          | 11.0",
            "x86_64     | 3.12   |          | -arch x86_64             | macosx-10.13-x86_64        | 10.13",
            "arm64      | 3.11   | 10.15    | -arch arm64              | macosx-11.0-arm64          | 11.0",
            "arm64      | 3.11   | 12.3     | -arch arm64              | macosx-12.3-arm64          | 12.3",
            "x86_64     | 3.11   | 10.15    | -arch x86_64             | macosx-10.15-x86_64        | 10.15",
            "universal2 | 3.12   | 10.9     | -arch arm64 -arch x86_64 | macosx-10.13-universal2    | 10.13",
    })
    void macosEnvironmentPerTarget(String target, String py, String userMdt, String archflags, String hostPlatform,
                                   String mdt) {
        Map<String, String> env = userMdt == null ? Map.of() : Map.of("MACOSX_DEPLOYMENT_TARGET", userMdt);
        BuildPlan plan = only(BuildPlanner.plan(request(List.of(target), env, true), MAC_ARM,
                py.equals("3.12") ? UNIVERSAL_312 : UNIVERSAL_311, WORK));
        assertThat(plan.environment())
                .containsEntry("ARCHFLAGS", archflags)
                .containsEntry("_PYTHON_HOST_PLATFORM", hostPlatform)
                .containsEntry("MACOSX_DEPLOYMENT_TARGET", mdt);
        boolean raised = userMdt != null && !userMdt.equals(mdt);
        assertThat(plan.notes()).hasSize(raised ? 1 : 0);
        if (raised) {
            assertThat(plan.notes().get(0)).contains(userMdt + " raised to " + mdt);
        }
    }

    @Test
    void frontEndCommandLines() {
        BuildPlan isolated = only(BuildPlanner.plan(request(List.of("arm64"), Map.of(), true), MAC_ARM, UNIVERSAL_311, WORK));
        assertThat(isolated.frontEnd()).isEqualTo("build");
        assertThat(isolated.command()).containsExactly("python3.11", "-m", "build", "--wheel", "--outdir",
                "/tmp/ww-build/arm64-dist", "/src/demo");
        assertThat(isolated.directory()).isEqualTo(PROJECT);
        assertThat(isolated.copyFrom()).isNull();
        assertThat(isolated.log()).isEqualTo(Path.of("/out/logs/arm64.log"));

        PythonInfo pipOnly = new PythonInfo("py", "3.11.2", "linux-x86_64", false, true, true);
        BuildPlan pip = only(BuildPlanner.plan(request(List.of("native"), Map.of(), false), LINUX_X86, pipOnly, WORK));
        assertThat(pip.frontEnd()).isEqualTo("pip");
        assertThat(pip.command()).containsExactly("py", "-m", "pip", "wheel", "--no-deps", "-v", "--wheel-dir",
                "/tmp/ww-build/native-dist", "--no-build-isolation", "/src/demo");
        assertThat(pip.environment()).doesNotContainKeys("ARCHFLAGS", "_PYTHON_HOST_PLATFORM", "MACOSX_DEPLOYMENT_TARGET");

        PythonInfo neither = new PythonInfo("py", "3.11.2", "linux-x86_64", false, false, true);
        assertThatThrownBy(() -> BuildPlanner.plan(request(List.of("native"), Map.of(), true), LINUX_X86, neither, WORK))
                .isInstanceOf(BuildException.class).hasMessageContaining("neither the 'build' module nor pip");
    }

    @Test
    void severalTargetsBuildInPrivateCopies() {
        BuildPlanner.Plans plans = BuildPlanner.plan(request(List.of("x86_64", "arm64"), Map.of(), true), MAC_ARM, UNIVERSAL_311, WORK);
        assertThat(plans.plans()).extracting(BuildPlan::target).containsExactly("x86_64", "arm64");
        assertThat(plans.plans()).extracting(BuildPlan::directory)
                .containsExactly(Path.of("/tmp/ww-build/x86_64/demo"), Path.of("/tmp/ww-build/arm64/demo"));
        assertThat(plans.plans()).allSatisfy(p -> assertThat(p.copyFrom()).isEqualTo(PROJECT));
        assertThat(plans.plans()).extracting(BuildPlan::wheelDir).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LINUX | x86_64 | linux-x86_64           | universal2 | macOS wheels",
            "LINUX | x86_64 | linux-x86_64           | aarch64    | needs the C cross compiler aarch64-linux-gnu-gcc",
            "LINUX | x86_64 | linux-x86_64           | arm64      | needs the C cross compiler aarch64-linux-gnu-gcc",
            "LINUX | x86_64 | linux-x86_64           | i686       | needs the C cross compiler i686-linux-gnu-gcc",
            "MACOS | arm64  | macosx-11.0-arm64      | x86_64     | has no x86_64 slice",
            "MACOS | arm64  | macosx-11.0-arm64      | universal2 | has no arm64 and x86_64 slices",
            "MACOS | arm64  | macosx-10.9-universal2 | aarch64    | ",
            "MACOS | x86_64 | macosx-10.9-universal2 | i686       | Linux wheels",
    })
    void targetsTheHostCannotBuildAreRefusedWithTheReason(HostPlatform.Os os, String machine, String pyPlatform,
                                                          String target, String reason, @org.junit.jupiter.api.io.TempDir Path emptyRoot) {
        PythonInfo py = new PythonInfo("python3", "3.11.2", pyPlatform, true, true, true);
        // a host with no cross toolchain: nothing on PATH, nothing under the file system root
        BuildPlanner.Plans plans = BuildPlanner.plan(request(List.of(target), Map.of(), true), new HostPlatform(os, machine), py, WORK,
                emptyRoot);
        if (reason == null) {
            // aarch64 on macOS is arm64 by another name
            assertThat(only(plans).arch()).isEqualTo("arm64");
            return;
        }
        assertThat(plans.plans()).isEmpty();
        assertThat(plans.unbuildable()).singleElement().satisfies(u -> {
            assertThat(u.target()).isEqualTo(target);
            assertThat(u.reason()).contains(reason);
        });
    }

    @Test
    void aTargetThatIsTheSameWheelAsAnotherIsBuiltOnce() {
        BuildPlanner.Plans plans = BuildPlanner.plan(request(List.of("native", "x86_64", "native"), Map.of(), true), LINUX_X86, LINUX_PY, WORK);
        assertThat(only(plans).target()).isEqualTo("native");
        assertThat(only(plans).copyFrom()).isNull();
        assertThat(plans.unbuildable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("same wheel as target native"));
    }

    @Test
    void unknownTargetIsRejected() {
        assertThatThrownBy(() -> BuildPlanner.plan(request(List.of("sparc"), Map.of(), true), LINUX_X86, LINUX_PY, WORK))
                .hasMessage("--arch sparc: unknown target (expected one of native, x86_64, arm64, universal2, i686, aarch64, "
                        + "armv7l, ppc64le, s390x, riscv64)");
    }

    @ParameterizedTest
    @CsvSource({"amd64,LINUX,x86_64", "aarch64,LINUX,aarch64", "aarch64,MACOS,arm64", "x86_64,MACOS,x86_64", "i386,LINUX,i686"})
    void hostMachineNamesFollowPlatformTags(String jvm, HostPlatform.Os os, String expected) {
        assertThat(HostPlatform.normalise(os, jvm)).isEqualTo(expected);
    }

    @Test
    void pythonProbeOutputIsParsed() {
        PythonInfo info = PythonInfo.parse("python3", "version=3.12.1\nplatform=macosx-11.0-arm64\nbuild=0\npip=1\nsetuptools=1\n");
        assertThat(info).isEqualTo(new PythonInfo("python3", "3.12.1", "macosx-11.0-arm64", false, true, true));
        assertThat(info.machine()).isEqualTo("arm64");
        assertThat(info.minorVersion()).isEqualTo(312);
    }
}
