package dev.wheelwright.spec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The PEP 508 marker environment of a target described by a Python version, an implementation and
 * a platform tag, with the values the real interpreter reports there ({@code sys.platform},
 * {@code platform.system()}, {@code platform.machine()}, {@code os.name}). What a tag cannot tell
 * is left empty ({@code platform_release}, {@code platform_version}); {@code python_full_version}
 * is the series' first release ({@code 3.9.0}).
 */
public final class MarkerEnvironment {
    private MarkerEnvironment() {}

    public static Map<String, String> forTarget(PythonVersion python, String impl, String platformTag) {
        Platforms.Target target = Platforms.machine(platformTag);
        String i = impl == null ? "cp" : impl.strip().toLowerCase(Locale.ROOT);
        boolean pypy = i.equals("pp");
        if (!pypy && !i.equals("cp")) {
            throw new dev.wheelwright.WheelwrightException("Invalid implementation " + Py.repr(impl)
                    + " (expected cp for CPython or pp for PyPy)");
        }
        String full = python.major() + "." + python.minor() + ".0";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("implementation_name", pypy ? "pypy" : "cpython");
        // PyPy's implementation_version is its own release (7.3.x), which a tag does not tell.
        env.put("implementation_version", pypy ? "" : full);
        String system;
        String sysPlatform;
        String machine;
        if (target instanceof Platforms.MacOs m) {
            system = "Darwin";
            sysPlatform = "darwin";
            machine = m.arch().equals("arm64") || m.arch().equals("universal2") ? "arm64"
                    : m.arch().equals("ppc") || m.arch().equals("ppc64") ? "Power Macintosh"
                    : m.arch().equals("i386") ? "i386" : "x86_64";
        } else if (target instanceof Platforms.Windows w) {
            system = "Windows";
            sysPlatform = "win32";
            // platform.machine() on Windows reports PROCESSOR_ARCHITECTURE.
            machine = switch (w.tag()) {
                case "win32" -> "x86";
                case "win_arm64" -> "ARM64";
                default -> "AMD64";
            };
        } else if (target instanceof Platforms.Ios ios) {
            system = "iOS";
            sysPlatform = "ios";
            machine = ios.multiarch().startsWith("arm64") ? "arm64" : "x86_64";
        } else if (target instanceof Platforms.Android a) {
            system = "Android";
            sysPlatform = "android";
            machine = switch (a.abi()) {
                case "arm64_v8a" -> "aarch64";
                case "armeabi_v7a" -> "armv7l";
                case "x86" -> "i686";
                default -> "x86_64";
            };
        } else {
            system = "Linux";
            sysPlatform = "linux";
            machine = linuxArch(target);
        }
        env.put("os_name", system.equals("Windows") ? "nt" : "posix");
        env.put("platform_machine", machine);
        env.put("platform_release", "");
        env.put("platform_system", system);
        env.put("platform_version", "");
        env.put("python_full_version", full);
        env.put("platform_python_implementation", pypy ? "PyPy" : "CPython");
        env.put("python_version", python.major() + "." + python.minor());
        env.put("sys_platform", sysPlatform);
        return env;
    }

    private static String linuxArch(Platforms.Target t) {
        if (t instanceof Platforms.ManyLinux m) {
            return m.arch();
        } else if (t instanceof Platforms.MuslLinux m) {
            return m.arch();
        }
        return ((Platforms.Linux) t).arch();
    }
}
