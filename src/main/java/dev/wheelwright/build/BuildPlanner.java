package dev.wheelwright.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a request into one {@link BuildPlan} per target, or an {@link Unbuildable} with the
 * reason. Pure: no process runs and nothing is written, so plans are unit-testable for any
 * host (macOS plans are tested on Linux).
 *
 * <p>macOS: the environment is the one cibuildwheel gives its builds
 * (cibuildwheel/macos.py, {@code setup_python}): {@code ARCHFLAGS} selects the slices clang
 * compiles (distutils/setuptools pass it to the compiler and linker),
 * {@code _PYTHON_HOST_PLATFORM} makes {@code sysconfig.get_platform()} — hence the wheel's
 * platform tag — name the target instead of the interpreter, and
 * {@code MACOSX_DEPLOYMENT_TARGET} sets the binaries' minimum macOS, floored at 11.0 for arm64
 * (the first macOS on Apple silicon) and at the python.org installers' own minimum otherwise.
 * Linux: a build targets what the interpreter is, or, for another CPU, cross-compiles with the GNU
 * cross toolchain and the target Python's build data that {@link CrossToolchain} finds; what is
 * missing for that is reported up front with the packages that bring it.
 *
 * <p>Each plan also says how its wheels are tried once built ({@link TestPlan}): with the build
 * interpreter, or for a cross build with a target interpreter under QEMU user-mode emulation.
 */
public final class BuildPlanner {
    private BuildPlanner() {}

    /** Target names the command accepts. */
    public static final List<String> TARGETS = List.of("native", "x86_64", "arm64", "universal2", "i686", "aarch64",
            "armv7l", "ppc64le", "s390x", "riscv64");

    /** Plans and refusals, in the order the targets were given. */
    public record Plans(List<BuildPlan> plans, List<Unbuildable> unbuildable) {}

    /**
     * @param workRoot a private folder for copies of the project and per-build wheel folders
     */
    public static Plans plan(BuildRequest req, HostPlatform host, PythonInfo python, Path workRoot) {
        return plan(req, host, python, workRoot, Path.of("/"));
    }

    /** As {@link #plan(BuildRequest, HostPlatform, PythonInfo, Path)}, seeing the host's files under {@code fsRoot}. */
    static Plans plan(BuildRequest req, HostPlatform host, PythonInfo python, Path workRoot, Path fsRoot) {
        List<BuildPlan> plans = new ArrayList<>();
        List<Unbuildable> refused = new ArrayList<>();
        Map<String, String> archOfTarget = new LinkedHashMap<>();
        for (String target : req.targets()) {
            if (!TARGETS.contains(target)) {
                throw new BuildException("--arch " + target + ": unknown target (expected one of " + String.join(", ", TARGETS) + ")");
            }
            if (archOfTarget.containsKey(target)) {
                continue;
            }
            String arch = resolveArch(target, host);
            String same = archOfTarget.entrySet().stream().filter(e -> e.getValue().equals(arch))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            archOfTarget.put(target, arch);
            if (same != null) {
                refused.add(new Unbuildable(target, "same wheel as target " + same + " (" + arch + " on this host); built once"));
                continue;
            }
            String why = req.container() != null ? containerWhyNot(arch, host)
                    : crossCpu(arch, host, python) != null ? crossWhyNot(req, arch, python, fsRoot) : whyNot(arch, host, python);
            if (why != null) {
                refused.add(new Unbuildable(target, why));
            }
        }
        List<String> buildable = archOfTarget.keySet().stream()
                .filter(t -> refused.stream().noneMatch(u -> u.target().equals(t))).toList();
        // Several builds of one tree would share build/, *.egg-info and .eggs: each gets a copy.
        boolean copy = buildable.size() > 1;
        for (String target : buildable) {
            plans.add(planOne(req, host, python, workRoot, target, archOfTarget.get(target), copy, fsRoot));
        }
        return new Plans(plans, refused);
    }

    /** native → the host's machine; arm64/aarch64 are one CPU spelt per OS. */
    static String resolveArch(String target, HostPlatform host) {
        return switch (target) {
            case "native" -> host.machine();
            case "arm64", "aarch64" -> host.os() == HostPlatform.Os.MACOS ? "arm64" : "aarch64";
            default -> target;
        };
    }

    /** The target CPU when this is a Linux build for another CPU than the interpreter's, else null. */
    static CrossToolchain.Cpu crossCpu(String arch, HostPlatform host, PythonInfo python) {
        if (host.os() != HostPlatform.Os.LINUX || arch.equals(python.machine())) {
            return null;
        }
        return CrossToolchain.cpu(arch).orElse(null);
    }

    private static CrossToolchain.Result cross(BuildRequest req, String arch, PythonInfo python, Path fsRoot) {
        return CrossToolchain.find(CrossToolchain.cpu(arch).orElseThrow(), python, req.environment(), fsRoot, req.sysroot(),
                rust(req.project()));
    }

    private static String crossWhyNot(BuildRequest req, String arch, PythonInfo python, Path fsRoot) {
        CrossToolchain.Result r = cross(req, arch, python, fsRoot);
        return r.found() != null ? null : r.reason(CrossToolchain.cpu(arch).orElseThrow(), req.sysroot());
    }

    private static String containerWhyNot(String arch, HostPlatform host) {
        if (host.os() != HostPlatform.Os.LINUX) {
            return "--container builds Linux wheels on a Linux host";
        }
        return CrossToolchain.cpu(arch).isPresent() ? null : arch + " is not a Linux CPU that manylinux images exist for";
    }

    /** A project that builds Rust code (maturin, setuptools-rust) reads Cargo's target variables. */
    static boolean rust(Path project) {
        if (java.nio.file.Files.isRegularFile(project.resolve("Cargo.toml"))) {
            return true;
        }
        try {
            Path pp = project.resolve("pyproject.toml");
            return java.nio.file.Files.isRegularFile(pp) && java.nio.file.Files.readString(pp).matches("(?s).*\\b(maturin|setuptools[-_]rust)\\b.*");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Why this host and interpreter cannot build the arch, or null when they can. */
    static String whyNot(String arch, HostPlatform host, PythonInfo python) {
        switch (host.os()) {
            case MACOS -> {
                if (!List.of("x86_64", "arm64", "universal2").contains(arch)) {
                    return arch + " wheels are Linux wheels; they cannot be built on macOS";
                }
                String py = python.machine();
                if (!py.equals("universal2") && !py.equals(arch)) {
                    return "the interpreter " + python.executable() + " (" + python.platform() + ") has no "
                            + (arch.equals("universal2") ? "arm64 and x86_64 slices" : arch + " slice")
                            + "; use a universal2 Python from python.org with --python";
                }
                return null;
            }
            case LINUX -> {
                if (arch.equals("universal2")) {
                    return "universal2 wheels are macOS wheels; they cannot be built on Linux";
                }
                String py = python.machine();
                if (!py.equals(arch)) {
                    return "the interpreter " + python.executable() + " is " + python.platform()
                            + "; a Linux build makes wheels for its interpreter's architecture, so " + arch
                            + " needs an " + arch + " Python given with --python (or a manylinux container)";
                }
                return null;
            }
            default -> {
                return python.machine().equalsIgnoreCase(arch) || arch.equals(host.machine()) ? null
                        : "only native builds are supported on this operating system";
            }
        }
    }

    static BuildPlan planOne(BuildRequest req, HostPlatform host, PythonInfo python, Path workRoot, String target,
                             String arch, boolean copy, Path fsRoot) {
        if (req.container() != null) {
            // the wheels are tried on the host afterwards, as a cross build's are
            TestPlan test = null;
            if (req.test()) {
                CrossToolchain.Found cpuOnly = arch.equals(python.machine()) ? null
                        : new CrossToolchain.Found(CrossToolchain.cpu(arch).orElseThrow(), Map.of(), null, List.of());
                test = testPlan(req, host, python, arch, cpuOnly);
            }
            return ContainerPlans.plan(req, host, python, workRoot, target, arch, test, fsRoot);
        }
        Map<String, String> env = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        // Child output arrives in order and at once in the log, not in 8 KiB blocks.
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        env.put("PIP_NO_INPUT", "1");
        if (host.os() == HostPlatform.Os.MACOS) {
            macosEnvironment(arch, python, req.environment(), env, notes);
        }
        CrossToolchain.Found cross = crossCpu(arch, host, python) != null ? cross(req, arch, python, fsRoot).found() : null;
        Path stage = null;
        if (cross != null) {
            env.putAll(cross.environment());
            notes.addAll(cross.notes());
            if (cross.sysconfigData() != null) {
                // the target's sysconfig data module, importable by the build interpreter
                stage = workRoot.resolve(target + "-sysconfig");
                String inherited = req.environment().get("PYTHONPATH");
                env.put("PYTHONPATH", inherited == null || inherited.isBlank() ? stage.toString() : stage + java.io.File.pathSeparator + inherited);
            }
        }
        // Absolute: the front end runs in that folder, so a relative path would resolve twice.
        Path project = req.project().toAbsolutePath().normalize();
        Path dir = copy ? workRoot.resolve(target).resolve(fileName(project)) : project;
        Path wheelDir = workRoot.resolve(target + "-dist");
        List<String> command = new ArrayList<>();
        command.add(python.executable());
        String frontEnd;
        if (python.hasBuild()) {
            frontEnd = "build";
            command.addAll(List.of("-m", "build", "--wheel", "--outdir", wheelDir.toString()));
            if (!req.isolation()) {
                command.add("--no-isolation");
            }
        } else if (python.hasPip()) {
            frontEnd = "pip";
            // -v: pip otherwise hides the compiler's output of a build that succeeds.
            command.addAll(List.of("-m", "pip", "wheel", "--no-deps", "-v", "--wheel-dir", wheelDir.toString()));
            if (!req.isolation()) {
                command.add("--no-build-isolation");
            }
        } else {
            throw new BuildException(python.executable() + ": has neither the 'build' module nor pip; install one "
                    + "(e.g. python3 -m ensurepip, or apt-get install python3-build)");
        }
        command.add(dir.toString());
        TestPlan test = req.test() ? testPlan(req, host, python, arch, cross) : null;
        return new BuildPlan(target, arch, frontEnd, command, env, dir, copy ? project : null, wheelDir,
                req.out().resolve("logs").resolve(target + ".log"), notes, cross != null,
                cross != null ? cross.sysconfigData() : null, stage, test);
    }

    /** How the wheels of a build for {@code arch} can be tried on this host. */
    static TestPlan testPlan(BuildRequest req, HostPlatform host, PythonInfo python, String arch, CrossToolchain.Found cross) {
        String cmd = req.testCommand();
        if (cross == null) {
            if (host.os() == HostPlatform.Os.MACOS && !arch.equals(host.machine()) && !arch.equals("universal2")) {
                if (host.machine().equals("arm64") && arch.equals("x86_64")) {
                    // Rosetta 2 runs the x86_64 slice of the (universal2) interpreter
                    return new TestPlan(TestPlan.Mode.NATIVE, cmd, List.of("arch", "-x86_64", python.executable()), null, null,
                            null, null, null, null);
                }
                return TestPlan.none("an " + host.machine() + " Mac cannot run " + arch + " code");
            }
            return new TestPlan(TestPlan.Mode.NATIVE, cmd, List.of(python.executable()), null, null, null, null, null, null);
        }
        CrossToolchain.Cpu cpu = cross.cpu();
        String path = req.environment().getOrDefault("PATH", "");
        Path qemu = Toolchain.onPath("qemu-" + cpu.qemu() + "-static", path)
                .or(() -> Toolchain.onPath("qemu-" + cpu.qemu(), path)).orElse(null);
        if (qemu == null) {
            return TestPlan.none("no qemu-" + cpu.qemu() + "-static on PATH to run " + cpu.arch()
                    + " code (apt-get install qemu-user-static)");
        }
        String py = python.majorMinor();
        if (req.targetPython() != null) {
            Path interp = Path.of(req.targetPython()).toAbsolutePath().normalize();
            Path root = req.sysroot() != null ? req.sysroot().toAbsolutePath().normalize() : rootOf(interp);
            return new TestPlan(TestPlan.Mode.QEMU, cmd, List.of(qemu.toString(), "-L", root.toString(), interp.toString()), qemu, root,
                    cpu.debianArch(), py, req.cacheDir(), null);
        }
        if (req.sysroot() != null && java.nio.file.Files.isRegularFile(req.sysroot().resolve("usr/bin/python" + py))) {
            Path root = req.sysroot().toAbsolutePath().normalize();
            return new TestPlan(TestPlan.Mode.QEMU, cmd, List.of(qemu.toString(), "-L", root.toString(),
                    root.resolve("usr/bin/python" + py).toString()), qemu, root, cpu.debianArch(), py, req.cacheDir(), null);
        }
        if (req.cacheDir() == null) {
            return TestPlan.none("no target interpreter (give --target-python)");
        }
        // made from Debian's packages when the test runs, then kept in the cache
        return new TestPlan(TestPlan.Mode.QEMU, cmd, List.of(), qemu, null, cpu.debianArch(), py, req.cacheDir(), null);
    }

    /** /srv/root/usr/bin/python3.11 → /srv/root. */
    private static Path rootOf(Path interpreter) {
        String s = interpreter.toString();
        int i = s.indexOf("/usr/bin/");
        return i > 0 ? Path.of(s.substring(0, i)) : interpreter.getParent();
    }

    private static String fileName(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.getFileName() == null ? "project" : abs.getFileName().toString();
    }

    /** Sets ARCHFLAGS, _PYTHON_HOST_PLATFORM and MACOSX_DEPLOYMENT_TARGET as cibuildwheel does. */
    static void macosEnvironment(String arch, PythonInfo python, Map<String, String> inherited, Map<String, String> env,
                                 List<String> notes) {
        // python.org installers for 3.12+ support macOS 10.13 and later, earlier ones 10.9.
        String floor = arch.equals("arm64") ? "11.0" : python.minorVersion() >= 312 ? "10.13" : "10.9";
        String given = inherited.get("MACOSX_DEPLOYMENT_TARGET");
        String target = floor;
        if (given != null && !given.isBlank()) {
            if (dev.wheelwright.spec.DottedVersions.compare(given.trim(), floor) < 0) {
                notes.add("MACOSX_DEPLOYMENT_TARGET " + given.trim() + " raised to " + floor + ", the lowest macOS "
                        + (arch.equals("arm64") ? "on Apple silicon" : "this Python supports"));
            } else {
                target = given.trim();
            }
        }
        env.put("MACOSX_DEPLOYMENT_TARGET", target);
        env.put("_PYTHON_HOST_PLATFORM", "macosx-" + target + "-" + arch);
        env.put("ARCHFLAGS", switch (arch) {
            case "universal2" -> "-arch arm64 -arch x86_64";
            default -> "-arch " + arch;
        });
    }


}
