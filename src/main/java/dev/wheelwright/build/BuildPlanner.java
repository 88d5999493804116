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
 * Linux: a build targets what the interpreter is; other architectures need another interpreter.
 */
public final class BuildPlanner {
    private BuildPlanner() {}

    /** Target names the command accepts. */
    public static final List<String> TARGETS = List.of("native", "x86_64", "arm64", "universal2", "i686", "aarch64");

    /** Plans and refusals, in the order the targets were given. */
    public record Plans(List<BuildPlan> plans, List<Unbuildable> unbuildable) {}

    /**
     * @param workRoot a private folder for copies of the project and per-build wheel folders
     */
    public static Plans plan(BuildRequest req, HostPlatform host, PythonInfo python, Path workRoot) {
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
            String why = whyNot(arch, host, python);
            if (why != null) {
                refused.add(new Unbuildable(target, why));
            }
        }
        List<String> buildable = archOfTarget.keySet().stream()
                .filter(t -> refused.stream().noneMatch(u -> u.target().equals(t))).toList();
        // Several builds of one tree would share build/, *.egg-info and .eggs: each gets a copy.
        boolean copy = buildable.size() > 1;
        for (String target : buildable) {
            plans.add(planOne(req, host, python, workRoot, target, archOfTarget.get(target), copy));
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
                             String arch, boolean copy) {
        Map<String, String> env = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        // Child output arrives in order and at once in the log, not in 8 KiB blocks.
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        env.put("PIP_NO_INPUT", "1");
        if (host.os() == HostPlatform.Os.MACOS) {
            macosEnvironment(arch, python, req.environment(), env, notes);
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
        return new BuildPlan(target, arch, frontEnd, command, env, dir, copy ? project : null, wheelDir,
                req.out().resolve("logs").resolve(target + ".log"), notes);
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
