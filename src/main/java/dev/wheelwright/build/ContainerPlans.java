package dev.wheelwright.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Linux builds in manylinux containers, the way cibuildwheel makes them: the project is mounted
 * read-only into the image of the target CPU (for a foreign CPU the container runs under QEMU
 * through the kernel's binfmt handlers), copied inside, built with that image's CPython of the
 * same version as the build interpreter, and repaired by the image's auditwheel into the
 * mounted output folder. Pure: the plan is data; {@link BuildRunner} runs its command like any
 * other build's.
 */
public final class ContainerPlans {
    private ContainerPlans() {}

    /** Docker/OCI platform names of the Linux CPUs. */
    static String platform(String arch) {
        return switch (arch) {
            case "x86_64" -> "linux/amd64";
            case "i686" -> "linux/386";
            case "aarch64" -> "linux/arm64";
            case "armv7l" -> "linux/arm/v7";
            case "ppc64le" -> "linux/ppc64le";
            case "s390x" -> "linux/s390x";
            case "riscv64" -> "linux/riscv64";
            default -> throw new BuildException("--container: no Linux container platform for " + arch);
        };
    }

    /** cibuildwheel's default manylinux image per CPU (resources/defaults.toml, 3.x). */
    static String defaultImage(String arch) {
        String policy = switch (arch) {
            case "armv7l" -> "manylinux_2_31";
            case "riscv64" -> "manylinux_2_39";
            default -> "manylinux_2_28";
        };
        return "quay.io/pypa/" + policy + "_" + arch;
    }

    static BuildPlan plan(BuildRequest req, HostPlatform host, PythonInfo python, Path workRoot, String target, String arch,
                          TestPlan test, Path fsRoot) {
        String engine = req.container();
        String image = req.image() != null ? req.image() : defaultImage(arch);
        String cp = "cp" + python.majorMinor().replace(".", "");
        String py = "/opt/python/" + cp + "-" + cp + "/bin/python";
        Path project = req.project().toAbsolutePath().normalize();
        Path wheelDir = workRoot.resolve(target + "-dist");
        String script = String.join(" && ",
                "cp -a /project /tmp/project",
                py + " -m pip wheel --no-deps" + (req.isolation() ? "" : " --no-build-isolation") + " --wheel-dir /tmp/dist /tmp/project",
                "auditwheel repair --wheel-dir /output /tmp/dist/*.whl");
        List<String> command = new ArrayList<>(List.of(engine, "run", "--rm", "--platform", platform(arch),
                "--volume", project + ":/project:ro", "--volume", wheelDir + ":/output", image, "/bin/bash", "-euc", script));
        List<String> notes = new ArrayList<>();
        notes.add("built in " + image + " with " + py + ", repaired by its auditwheel");
        CrossToolchain.Cpu cpu = CrossToolchain.cpu(arch).orElseThrow();
        if (!arch.equals(host.machine()) && !Files.exists(fsRoot.resolve("proc/sys/fs/binfmt_misc/qemu-" + cpu.qemu()))) {
            notes.add("no binfmt handler for " + arch + " is registered: register QEMU's first (" + engine
                    + " run --privileged --rm tonistiigi/binfmt --install " + platform(arch).substring("linux/".length())
                    + ", as docker/setup-qemu-action does)");
        }
        return new BuildPlan(target, arch, engine, command, Map.of(), project, null, wheelDir,
                req.out().resolve("logs").resolve(target + ".log"), notes, !arch.equals(host.machine()), null, null, test);
    }
}
