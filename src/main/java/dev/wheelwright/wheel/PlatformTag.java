package dev.wheelwright.wheel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.wheelwright.spec.InvalidPlatformException;
import dev.wheelwright.spec.Platforms;

/**
 * What a wheel's platform tag promises about the binaries inside: the operating system family,
 * the architectures (named as the binaries name them: lipo's names for Mach-O, the ELF tag
 * names for Linux, amd64/x86/arm64 for PE) and the oldest OS or libc version it installs on.
 *
 * @param family  macos, manylinux, musllinux, linux, windows, any, or other
 * @param archs   the architectures every binary must carry (empty for any/other)
 * @param version macOS version ("10.9"), glibc version for manylinux ("2.17"), musl version
 *                for musllinux ("1.2"); null when the tag has none
 */
public record PlatformTag(String tag, String family, List<String> archs, String version) {

    // packaging.tags._mac_binary_formats: which CPUs install each multi-arch tag, so which slices a
    // binary under that tag must carry.
    private static final Map<String, List<String>> MAC_GROUPS = Map.of(
            "universal2", List.of("x86_64", "arm64"),
            "intel", List.of("i386", "x86_64"),
            "fat", List.of("i386", "ppc"),
            "fat3", List.of("i386", "ppc", "x86_64"),
            "fat64", List.of("ppc64", "x86_64"),
            "universal", List.of("i386", "ppc", "ppc64", "x86_64"),
            "fat32", List.of("i386", "ppc", "x86_64"));

    // The PE machine names of the Windows platform tags (win32 is x86).
    private static final Map<String, String> WINDOWS = Map.of(
            "win_amd64", "amd64", "win32", "x86", "win_arm64", "arm64");

    /** Reads a platform tag through {@link Platforms#target}; tags of no known family are "other". */
    public static PlatformTag parse(String platform) {
        if (platform.equalsIgnoreCase("any")) {
            return new PlatformTag(platform, "any", List.of(), null);
        }
        Platforms.Target t;
        try {
            t = Platforms.target(platform);
        } catch (InvalidPlatformException e) {
            return new PlatformTag(platform, "other", List.of(), null);
        }
        if (t instanceof Platforms.MacOs m) {
            return new PlatformTag(platform, "macos", MAC_GROUPS.getOrDefault(m.arch(), List.of(m.arch())),
                    m.major() + "." + m.minor());
        }
        if (t instanceof Platforms.ManyLinux m) {
            return new PlatformTag(platform, "manylinux", List.of(m.arch()), m.glibcMajor() + "." + m.glibcMinor());
        }
        if (t instanceof Platforms.MuslLinux m) {
            return new PlatformTag(platform, "musllinux", List.of(m.arch()), m.muslMajor() + "." + m.muslMinor());
        }
        if (t instanceof Platforms.Linux m) {
            return new PlatformTag(platform, "linux", List.of(m.arch()), null);
        }
        if (t instanceof Platforms.Windows w) {
            return new PlatformTag(platform, "windows", List.of(WINDOWS.get(w.tag())), null);
        }
        return new PlatformTag(platform, "other", List.of(), null);
    }

    /** True for the Linux families (manylinux, musllinux, plain linux). */
    public boolean linux() {
        return family.equals("manylinux") || family.equals("musllinux") || family.equals("linux");
    }

    /** Compares dotted versions numerically ({@link dev.wheelwright.spec.DottedVersions#compare}). */
    public static int compareVersions(String a, String b) {
        return dev.wheelwright.spec.DottedVersions.compare(a, b);
    }
}
