package dev.wheelwright.build;

import java.util.HashMap;
import java.util.Map;

/**
 * What the build interpreter is, as it reports itself (see {@link PythonProbe}).
 *
 * @param executable   the interpreter as given ({@code python3}, a path)
 * @param version      {@code platform.python_version()}, e.g. {@code 3.11.2}
 * @param platform     {@code sysconfig.get_platform()}, e.g. {@code linux-x86_64},
 *                     {@code macosx-10.9-universal2}
 * @param hasBuild     whether the {@code build} front end (pypa/build) is importable
 * @param hasPip       whether pip is importable
 * @param hasSetuptools whether setuptools is importable (needed by legacy and no-isolation builds)
 * @param include  {@code sysconfig.get_paths()['include']}: where Python.h and pyconfig.h are, or ""
 * @param stdlib   {@code sysconfig.get_paths()['stdlib']}: where the sysconfig data modules are, or ""
 */
public record PythonInfo(String executable, String version, String platform, boolean hasBuild, boolean hasPip,
                         boolean hasSetuptools, String include, String stdlib) {

    public PythonInfo(String executable, String version, String platform, boolean hasBuild, boolean hasPip,
                      boolean hasSetuptools) {
        this(executable, version, platform, hasBuild, hasPip, hasSetuptools, "", "");
    }

    /** {@code 3.11.2} → {@code 3.11}. */
    public String majorMinor() {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    /** The CPU part of the platform: {@code x86_64}, {@code universal2}, {@code aarch64}... */
    public String machine() {
        int dash = platform.lastIndexOf('-');
        return dash < 0 ? platform : platform.substring(dash + 1);
    }

    /** {@code 3.11.2} → 3 * 100 + 11, for comparisons such as "3.12 or newer". */
    int minorVersion() {
        String[] parts = version.split("\\.");
        try {
            return Integer.parseInt(parts[0]) * 100 + (parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Reads the {@code key=value} lines that {@link PythonProbe#SCRIPT} prints. */
    static PythonInfo parse(String executable, String output) {
        Map<String, String> kv = new HashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return new PythonInfo(executable, kv.getOrDefault("version", ""), kv.getOrDefault("platform", ""),
                "1".equals(kv.get("build")), "1".equals(kv.get("pip")), "1".equals(kv.get("setuptools")),
                kv.getOrDefault("include", ""), kv.getOrDefault("stdlib", ""));
    }
}
