package dev.wheelwright.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container plans, tested on any host: the exact docker/podman command cibuildwheel's way. */
class ContainerPlansTest {
    @TempDir
    Path root;

    static final HostPlatform LINUX_X86 = new HostPlatform(HostPlatform.Os.LINUX, "x86_64");
    static final PythonInfo PY = new PythonInfo("/usr/bin/python3", "3.11.2", "linux-x86_64", true, true, true);

    BuildPlanner.Plans plan(String engine, String image, boolean test, String... archs) {
        BuildRequest req = new BuildRequest(Path.of("/src/demo"), List.of(archs), "/usr/bin/python3", Path.of("/out"), true,
                Duration.ofMinutes(5), Map.of("PATH", ""), null, null, null, test, root.resolve("cache"), engine, image);
        return BuildPlanner.plan(req, LINUX_X86, PY, Path.of("/tmp/ww-build"), root);
    }

    @Test
    void aForeignCpuRunsInItsManylinuxImageUnderBinfmt() {
        BuildPlanner.Plans plans = plan("docker", null, false, "aarch64");
        assertThat(plans.unbuildable()).isEmpty();
        BuildPlan p = plans.plans().get(0);
        assertThat(p.frontEnd()).isEqualTo("docker");
        assertThat(p.command()).containsExactly("docker", "run", "--rm", "--platform", "linux/arm64",
                "--volume", "/src/demo:/project:ro", "--volume", "/tmp/ww-build/aarch64-dist:/output", "quay.io/pypa/manylinux_2_28_aarch64",
                "/bin/bash", "-euc", "cp -a /project /tmp/project && /opt/python/cp311-cp311/bin/python -m pip wheel --no-deps "
                        + "--wheel-dir /tmp/dist /tmp/project && auditwheel repair --wheel-dir /output /tmp/dist/*.whl");
        assertThat(p.cross()).isTrue();
        // no handler registered under this (empty) root: the plan says how to register one
        assertThat(p.notes()).anySatisfy(n -> assertThat(n).contains("docker run --privileged --rm tonistiigi/binfmt --install arm64"));
    }

    @Test
    void registeredBinfmtHandlersNeedNoNote() throws IOException {
        Files.createDirectories(root.resolve("proc/sys/fs/binfmt_misc"));
        Files.writeString(root.resolve("proc/sys/fs/binfmt_misc/qemu-arm"), "enabled\n");
        BuildPlan p = plan("podman", "quay.io/pypa/manylinux_2_35_armv7l", false, "armv7l").plans().get(0);
        assertThat(p.command()).startsWith("podman", "run", "--rm", "--platform", "linux/arm/v7").contains("quay.io/pypa/manylinux_2_35_armv7l");
        assertThat(p.notes()).noneSatisfy(n -> assertThat(n).contains("binfmt"));
    }

    @Test
    void defaultImagesAreCibuildwheels() {
        assertThat(ContainerPlans.defaultImage("x86_64")).isEqualTo("quay.io/pypa/manylinux_2_28_x86_64");
        assertThat(ContainerPlans.defaultImage("armv7l")).isEqualTo("quay.io/pypa/manylinux_2_31_armv7l");
        assertThat(ContainerPlans.defaultImage("riscv64")).isEqualTo("quay.io/pypa/manylinux_2_39_riscv64");
    }

    @Test
    void theNativeCpuIsTestedNativelyAfterwardsAndNoMacTargetIsAccepted() {
        BuildPlanner.Plans plans = plan("docker", null, true, "native", "universal2");
        assertThat(plans.plans()).singleElement().satisfies(p -> {
            assertThat(p.cross()).isFalse();
            assertThat(p.command()).contains("--platform", "linux/amd64");
            assertThat(p.test().mode()).isEqualTo(TestPlan.Mode.NATIVE);
        });
        assertThat(plans.unbuildable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("not a Linux CPU"));
    }
}
