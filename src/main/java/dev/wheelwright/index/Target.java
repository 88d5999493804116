package dev.wheelwright.index;

import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine to install on: a platform tag ({@code macosx_11_0_arm64}), a Python version
 * ({@code 3.9}) and an implementation ({@code cp}). Knows its compatible tags, best first, and
 * the PEP 508 marker environment pip would see there.
 */
public record Target(String platform, String python, String impl) {

    /** Targets used when none is given: the common CI matrix of a binary wheel. */
    public static final List<String> DEFAULT_PLATFORMS = List.of("manylinux_2_17_x86_64", "manylinux_2_17_aarch64",
            "macosx_10_9_x86_64", "macosx_11_0_arm64", "win_amd64");
    public static final String DEFAULT_PYTHON = "3.12";

    public Target {
        impl = impl == null ? "cp" : impl;
    }

    /** A short label: {@code cp39-macosx_11_0_arm64}. */
    public String label() {
        return impl + python.replace(".", "") + "-" + platform;
    }

    /** The tags pip accepts there, most preferred first (packaging's {@code sys_tags()}). */
    public List<Tag> tags() {
        return Tags.forTarget(python, impl, platform);
    }

    /**
     * PEP 508 "Environment Markers" for this target, as pip's {@code --platform}/{@code --python-version}
     * would see them: the interpreter version is X.Y.0; the machine follows the platform tag.
     */
    public Map<String, String> markerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        String p = platform;
        String os;
        String system;
        String sys;
        String machine;
        if (p.startsWith("macosx_")) {
            os = "posix";
            system = "Darwin";
            sys = "darwin";
            machine = p.substring(p.lastIndexOf('_') + 1);
            if (p.endsWith("_universal2") || p.endsWith("_universal")) {
                machine = "arm64";
            } else if (p.endsWith("_x86_64")) {
                machine = "x86_64";
            }
        } else if (p.startsWith("win")) {
            os = "nt";
            system = "Windows";
            sys = "win32";
            machine = switch (p) {
                case "win32" -> "x86";
                case "win_arm64" -> "ARM64";
                default -> "AMD64";
            };
        } else {
            os = "posix";
            system = "Linux";
            sys = "linux";
            machine = linuxArch(p);
        }
        String full = python.chars().filter(c -> c == '.').count() >= 2 ? python : python + ".0";
        env.put("os_name", os);
        env.put("sys_platform", sys);
        env.put("platform_system", system);
        env.put("platform_machine", machine);
        env.put("platform_release", "");
        env.put("platform_version", "");
        boolean pypy = impl.equals("pp");
        env.put("platform_python_implementation", pypy ? "PyPy" : "CPython");
        env.put("implementation_name", pypy ? "pypy" : "cpython");
        env.put("implementation_version", full);
        env.put("python_version", full.substring(0, full.indexOf('.', full.indexOf('.') + 1)));
        env.put("python_full_version", full);
        return env;
    }

    private static String linuxArch(String p) {
        for (String arch : List.of("x86_64", "aarch64", "i686", "armv7l", "ppc64le", "s390x", "riscv64", "ppc64")) {
            if (p.endsWith("_" + arch)) {
                return arch;
            }
        }
        return p.substring(p.lastIndexOf('_') + 1);
    }
}
