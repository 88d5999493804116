package dev.wheelwright.wheel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    // packaging.tags._mac_binary_formats: the multi-arch names and what they contain.
    private static final Map<String, List<String>> MAC_GROUPS = Map.of(
            "universal2", List.of("x86_64", "arm64"),
            "intel", List.of("i386", "x86_64"),
            "fat", List.of("i386", "ppc"),
            "fat3", List.of("i386", "ppc", "x86_64"),
            "fat64", List.of("ppc64", "x86_64"),
            "universal", List.of("i386", "ppc", "ppc64", "x86_64"));

    // PEP 600: the legacy aliases and the glibc they stand for.
    private static final Map<String, String> LEGACY_MANYLINUX = Map.of(
            "manylinux1", "2.5", "manylinux2010", "2.12", "manylinux2014", "2.17");

    private static final Map<String, String> WINDOWS = Map.of(
            "win_amd64", "amd64", "win32", "x86", "win_arm64", "arm64", "win_ia64", "ia64");

    private static final Pattern MACOS = Pattern.compile("macosx_(\\d+)_(\\d+)_(.+)");
    private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)_(.+)");
    private static final Pattern LEGACY = Pattern.compile("(manylinux1|manylinux2010|manylinux2014)_(.+)");
    private static final Pattern MUSL = Pattern.compile("musllinux_(\\d+)_(\\d+)_(.+)");

    public static PlatformTag parse(String platform) {
        String p = platform.toLowerCase(Locale.ROOT);
        if (p.equals("any")) {
            return new PlatformTag(platform, "any", List.of(), null);
        }
        Matcher m = MACOS.matcher(p);
        if (m.matches()) {
            String arch = m.group(3);
            return new PlatformTag(platform, "macos", MAC_GROUPS.getOrDefault(arch, List.of(arch)),
                    m.group(1) + "." + m.group(2));
        }
        m = MANYLINUX.matcher(p);
        if (m.matches()) {
            return new PlatformTag(platform, "manylinux", List.of(m.group(3)), m.group(1) + "." + m.group(2));
        }
        m = LEGACY.matcher(p);
        if (m.matches()) {
            return new PlatformTag(platform, "manylinux", List.of(m.group(2)), LEGACY_MANYLINUX.get(m.group(1)));
        }
        m = MUSL.matcher(p);
        if (m.matches()) {
            return new PlatformTag(platform, "musllinux", List.of(m.group(3)), m.group(1) + "." + m.group(2));
        }
        if (p.startsWith("linux_")) {
            return new PlatformTag(platform, "linux", List.of(p.substring("linux_".length())), null);
        }
        if (WINDOWS.containsKey(p)) {
            return new PlatformTag(platform, "windows", List.of(WINDOWS.get(p)), null);
        }
        return new PlatformTag(platform, "other", List.of(), null);
    }

    /** True for the Linux families (manylinux, musllinux, plain linux). */
    public boolean linux() {
        return family.equals("manylinux") || family.equals("musllinux") || family.equals("linux");
    }

    /**
     * Compares dotted versions numerically ("10.13" > "10.9"); missing parts count as zero.
     */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? parseInt(x[i]) : 0;
            int yi = i < y.length ? parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
