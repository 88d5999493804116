package dev.wheelwright.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a Linux build for another CPU needs, found (or found missing) before anything runs: the
 * GNU cross compiler for the target's triplet, the target Python's headers and its sysconfig
 * data module, and the environment that makes setuptools, cffi, Cython and Rust builds target
 * it instead of the host.
 *
 * <p>How a setuptools build is redirected: {@code _PYTHON_HOST_PLATFORM=linux-<arch>} makes
 * {@code sysconfig.get_platform()} (hence bdist_wheel's platform tag) name the target, and
 * {@code _PYTHON_SYSCONFIGDATA_NAME=_sysconfigdata__linux_<triplet>} makes sysconfig load the
 * target's build variables (its {@code EXT_SUFFIX}, {@code CC}, {@code LDSHARED}) instead of the
 * interpreter's — the variables CPython's own cross builds and crossenv use. {@code CC},
 * {@code CXX}, {@code LDSHARED} and {@code AR} are set as well, for builds that read the
 * environment first. On Debian and Ubuntu the target's pieces come from multiarch packages
 * ({@code dpkg --add-architecture arm64; apt-get install crossbuild-essential-arm64
 * libpython3.11-dev:arm64}); elsewhere, from a target root file system given as a sysroot.
 *
 * <p>Pure apart from looking at files: the file system root and {@code PATH} are parameters,
 * so tests can present any host.
 */
public final class CrossToolchain {
    private CrossToolchain() {}

    /**
     * One Linux target CPU: its names in a wheel tag, in GNU triplets, in Debian's multiarch,
     * in QEMU's user-mode emulators and in Rust's targets.
     */
    public record Cpu(String arch, String triplet, String debianArch, String qemu, String rustTarget) {
        /** Debian's package name part: gcc-aarch64-linux-gnu, g++-arm-linux-gnueabihf. */
        String packageSuffix() {
            return triplet;
        }
    }

    /** The Linux CPUs manylinux and cibuildwheel build for. */
    public static final List<Cpu> CPUS = List.of(
            new Cpu("x86_64", "x86_64-linux-gnu", "amd64", "x86_64", "x86_64-unknown-linux-gnu"),
            new Cpu("i686", "i686-linux-gnu", "i386", "i386", "i686-unknown-linux-gnu"),
            new Cpu("aarch64", "aarch64-linux-gnu", "arm64", "aarch64", "aarch64-unknown-linux-gnu"),
            new Cpu("armv7l", "arm-linux-gnueabihf", "armhf", "arm", "armv7-unknown-linux-gnueabihf"),
            new Cpu("ppc64le", "powerpc64le-linux-gnu", "ppc64el", "ppc64le", "powerpc64le-unknown-linux-gnu"),
            new Cpu("s390x", "s390x-linux-gnu", "s390x", "s390x", "s390x-unknown-linux-gnu"),
            new Cpu("riscv64", "riscv64-linux-gnu", "riscv64", "riscv64", "riscv64gc-unknown-linux-gnu"));

    public static Optional<Cpu> cpu(String arch) {
        return CPUS.stream().filter(c -> c.arch().equals(arch)).findFirst();
    }

    /** A piece the host lacks, and the Debian/Ubuntu packages that bring it. */
    public record Missing(String what, List<String> packages) {}

    /**
     * The toolchain found for one target.
     *
     * @param cpu            the target CPU
     * @param environment    the variables a build sets (on top of the inherited ones)
     * @param sysconfigData  the target's {@code _sysconfigdata_*.py}, to be put on the build's
     *                       {@code PYTHONPATH} when it is not in the interpreter's own stdlib;
     *                       null when it is
     * @param notes          things the user should know (no C++ compiler, ...)
     */
    public record Found(Cpu cpu, Map<String, String> environment, Path sysconfigData, List<String> notes) {
        public Found {
            environment = Map.copyOf(environment);
            notes = List.copyOf(notes);
        }
    }

    /** Either a toolchain, or every piece missing for it (never both). */
    public record Result(Found found, List<Missing> missing) {
        public Result {
            missing = List.copyOf(missing);
        }

        /** One line: what is missing and the commands that install it on Debian/Ubuntu. */
        public String reason(Cpu cpu, Path sysroot) {
            Set<String> pkgs = new LinkedHashSet<>();
            missing.forEach(m -> pkgs.addAll(m.packages()));
            StringBuilder b = new StringBuilder("cross-compiling for ").append(cpu.arch()).append(" needs ");
            b.append(String.join("; ", missing.stream().map(Missing::what).toList()));
            if (!pkgs.isEmpty()) {
                boolean foreign = pkgs.stream().anyMatch(p -> p.endsWith(":" + cpu.debianArch()));
                b.append(". On Debian/Ubuntu: ");
                if (foreign) {
                    b.append("dpkg --add-architecture ").append(cpu.debianArch()).append(" && apt-get update && ");
                }
                b.append("apt-get install ").append(String.join(" ", pkgs));
            }
            if (sysroot == null) {
                b.append(" (or give --sysroot DIR: a root file system of the target with its Python headers)");
            }
            return b.toString();
        }
    }

    /**
     * Looks for what a build of {@code cpu} with {@code python} needs.
     *
     * @param env     the environment the build starts from (its PATH is searched)
     * @param root    the host's file system root ("/" normally; a folder in tests)
     * @param sysroot a target root file system (--sysroot), or null for the host's multiarch paths
     * @param rust    whether the project builds Rust code (setuptools-rust, maturin)
     */
    public static Result find(Cpu cpu, PythonInfo python, Map<String, String> env, Path root, Path sysroot, boolean rust) {
        List<Missing> missing = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String path = env.getOrDefault("PATH", "");
        String t = cpu.triplet();
        String gcc = t + "-gcc";
        if (Toolchain.onPath(gcc, path).isEmpty()) {
            missing.add(new Missing("the C cross compiler " + gcc, List.of("gcc-" + cpu.packageSuffix())));
        }
        String gxx = t + "-g++";
        boolean hasCxx = Toolchain.onPath(gxx, path).isPresent();
        if (!hasCxx) {
            notes.add("no " + gxx + " on PATH: C++ extensions cannot be cross-compiled (apt-get install g++-" + cpu.packageSuffix() + ")");
        }
        String py = python.majorMinor();
        String pyDir = "python" + py;
        String dataName = "_sysconfigdata__linux_" + t;
        Path sysconfigData = null;
        Map<String, String> e = new TreeMap<>();
        if (sysroot != null) {
            Path inc = sysroot.resolve("usr/include").resolve(pyDir);
            if (!Files.isRegularFile(inc.resolve("Python.h"))) {
                missing.add(new Missing("Python " + py + " headers in the sysroot (" + inc.resolve("Python.h") + ")", List.of()));
            }
            Path data = sysroot.resolve("usr/lib").resolve(pyDir).resolve(dataName + ".py");
            if (!Files.isRegularFile(data)) {
                missing.add(new Missing("the target Python's sysconfig data in the sysroot (" + data + ")", List.of()));
            }
            sysconfigData = data;
            String flags = "--sysroot=" + sysroot + " -I" + inc;
            e.put("CFLAGS", join(env.get("CFLAGS"), flags));
            e.put("CXXFLAGS", join(env.get("CXXFLAGS"), flags));
            e.put("LDFLAGS", join(env.get("LDFLAGS"), "--sysroot=" + sysroot));
        } else {
            String dev = "libpython" + py + "-dev:" + cpu.debianArch();
            // Debian's multiarch headers: Python.h is shared, pyconfig.h per triplet, chosen by a
            // wrapper pyconfig.h that tests the compiler's predefined macros.
            Path include = python.include().isEmpty() ? root.resolve("usr/include").resolve(pyDir) : rooted(root, python.include());
            Path targetConfig = root.resolve("usr/include").resolve(t).resolve(pyDir).resolve("pyconfig.h");
            if (!Files.isRegularFile(targetConfig)) {
                missing.add(new Missing("the " + cpu.arch() + " Python " + py + " headers (" + targetConfig + ")", List.of(dev)));
            } else if (!selectsTriplet(include.resolve("pyconfig.h"), t)) {
                missing.add(new Missing("an interpreter whose pyconfig.h chooses the target's: " + python.executable()
                        + "'s headers (" + include + ") are for " + python.machine() + " only; build with the distribution's python"
                        + py + " (--python /usr/bin/python" + py + ")", List.of()));
            }
            Path stdlib = python.stdlib().isEmpty() ? root.resolve("usr/lib").resolve(pyDir) : rooted(root, python.stdlib());
            Path data = stdlib.resolve(dataName + ".py");
            Path distro = root.resolve("usr/lib").resolve(pyDir).resolve(dataName + ".py");
            if (Files.isRegularFile(data)) {
                sysconfigData = null; // the interpreter finds it itself
            } else if (Files.isRegularFile(distro)) {
                sysconfigData = distro;
            } else {
                missing.add(new Missing("the " + cpu.arch() + " Python's sysconfig data (" + dataName + ".py)",
                        List.of("libpython" + py + "-stdlib:" + cpu.debianArch())));
            }
        }
        if (!missing.isEmpty()) {
            return new Result(null, missing);
        }
        e.put("_PYTHON_HOST_PLATFORM", "linux-" + cpu.arch());
        e.put("_PYTHON_SYSCONFIGDATA_NAME", dataName);
        e.put("CC", gcc);
        e.put("LDSHARED", gcc + " -shared");
        e.put("AR", t + "-ar");
        if (hasCxx) {
            e.put("CXX", gxx);
            e.put("LDCXXSHARED", gxx + " -shared");
        }
        if (rust) {
            // cargo (setuptools-rust, maturin): the target, its linker, and where PyO3 finds the
            // target Python's build configuration.
            e.put("CARGO_BUILD_TARGET", cpu.rustTarget());
            e.put("CARGO_TARGET_" + cpu.rustTarget().toUpperCase(Locale.ROOT).replace('-', '_') + "_LINKER", gcc);
            Path dir = sysconfigData != null ? sysconfigData.getParent()
                    : python.stdlib().isEmpty() ? root.resolve("usr/lib").resolve(pyDir) : rooted(root, python.stdlib());
            e.put("PYO3_CROSS_LIB_DIR", dir.toString());
            e.put("PYO3_CROSS_PYTHON_VERSION", py);
        }
        return new Result(new Found(cpu, e, sysconfigData, notes), List.of());
    }

    /** Whether a pyconfig.h is Debian's multiarch wrapper that includes the triplet's own. */
    static boolean selectsTriplet(Path pyconfig, String triplet) {
        try {
            return Files.isRegularFile(pyconfig) && Files.readString(pyconfig, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains("<" + triplet + "/python");
        } catch (IOException e) {
            return false;
        }
    }

    /** An absolute path of the host, seen under {@code root}. */
    private static Path rooted(Path root, String absolute) {
        String rel = absolute.startsWith("/") ? absolute.substring(1) : absolute;
        return root.resolve(rel);
    }

    private static String join(String a, String b) {
        return a == null || a.isBlank() ? b : a.trim() + " " + b;
    }
}
