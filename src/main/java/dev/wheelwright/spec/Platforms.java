package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform tags a machine accepts, most preferred first, computed from one platform tag that
 * describes the machine, in the order pypa/packaging's {@code platform_tags()} produces them when
 * run on that machine.
 */
public final class Platforms {
    private Platforms() {}

    private static final class Grammar {
        static final Pattern MACOS = Pattern.compile("macosx_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
        static final Pattern MANYLINUX = Pattern.compile("manylinux_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
        static final Pattern LEGACY_MANYLINUX = Pattern.compile("(manylinux1|manylinux2010|manylinux2014)_([a-z0-9_]+)");
        static final Pattern MUSLLINUX = Pattern.compile("musllinux_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
        static final Pattern LINUX = Pattern.compile("linux_([a-z0-9_]+)");
        static final Pattern IOS = Pattern.compile("ios_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
        static final Pattern ANDROID = Pattern.compile("android_([0-9]+)_([a-z0-9_]+)");
    }

    /** Mach-O architectures and fat-binary format names a macOS platform tag may end with. */
    public static final Set<String> MACOS_ARCHS = Set.of("arm64", "x86_64", "i386", "ppc", "ppc64",
            "universal2", "universal", "intel", "fat", "fat3", "fat32", "fat64");

    /**
     * Linux architectures (as in {@code linux_<arch>}) for which packaging emits manylinux tags:
     * its {@code _ALLOWED_ARCHS}, plus i686 and armv7l, which it checks against the running
     * interpreter's ELF header (a target described by a tag is taken to pass that check).
     */
    public static final Set<String> MANYLINUX_ARCHS = Set.of("x86_64", "i686", "aarch64", "armv7l", "armv8l",
            "ppc64", "ppc64le", "s390x", "riscv64", "loongarch64");

    /** Architectures musllinux wheels are published for; any Linux architecture is accepted. */
    public static final Set<String> WINDOWS = Set.of("win32", "win_amd64", "win_arm64");

    /** iOS multiarch values (sys.implementation._multiarch, '-' as '_'). */
    public static final Set<String> IOS_MULTIARCH = Set.of("arm64_iphoneos", "arm64_iphonesimulator",
            "x86_64_iphonesimulator");

    /** Android ABIs (developer.android.com/ndk/guides/abis), '-' as '_'. */
    public static final Set<String> ANDROID_ABIS = Set.of("arm64_v8a", "armeabi_v7a", "x86", "x86_64");

    /** glibc 2.x versions older than this are not manylinux on the architecture (PEP 600, PEP 513, PEP 599). */
    private static int oldestGlibcMinor(List<String> archs) {
        // packaging: manylinux1 (glibc 2.5) existed for x86_64 and i686 only; elsewhere 2.17 is the floor.
        return archs.contains("x86_64") || archs.contains("i686") ? 5 : 17;
    }

    /** What a platform tag says about the machine it describes. */
    public sealed interface Target permits MacOs, ManyLinux, MuslLinux, Linux, Windows, Ios, Android {
        /** The platform tag as given (lower case). */
        String tag();
    }

    /** macOS of the given version on a CPU (or fat format). */
    public record MacOs(String tag, int major, int minor, String arch) implements Target {}

    /** A glibc Linux with the given glibc version. */
    public record ManyLinux(String tag, int glibcMajor, int glibcMinor, String arch) implements Target {}

    /** A musl Linux with the given musl version. */
    public record MuslLinux(String tag, int muslMajor, int muslMinor, String arch) implements Target {}

    /** A Linux whose C library makes no manylinux or musllinux promise. */
    public record Linux(String tag, String arch) implements Target {}

    /** Windows: {@code win32}, {@code win_amd64} or {@code win_arm64}. */
    public record Windows(String tag) implements Target {}

    /** iOS of the given version. */
    public record Ios(String tag, int major, int minor, String multiarch) implements Target {}

    /** Android with the given API level. */
    public record Android(String tag, int apiLevel, String abi) implements Target {}

    /**
     * Reads a platform tag that describes a machine.
     *
     * @throws InvalidPlatformException when it is no platform tag of a known family
     */
    public static Target target(String platformTag) {
        String tag = platformTag == null ? "" : platformTag.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        String quoted = Py.repr(String.valueOf(platformTag));
        Matcher m;
        if ((m = Grammar.MACOS.matcher(tag)).matches()) {
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            if (major < 10) {
                throw new InvalidPlatformException("Invalid platform " + quoted + ": macOS versions start at 10");
            }
            if (!MACOS_ARCHS.contains(m.group(3))) {
                throw new InvalidPlatformException("Invalid platform " + quoted + ": unknown macOS architecture '"
                        + m.group(3) + "' (expected one of arm64, x86_64, universal2, ...)");
            }
            return new MacOs(tag, major, minor, m.group(3));
        }
        if ((m = Grammar.MANYLINUX.matcher(tag)).matches()) {
            return new ManyLinux(tag, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), linuxArch(m.group(3), quoted, true));
        }
        if ((m = Grammar.LEGACY_MANYLINUX.matcher(tag)).matches()) {
            // PEP 600: manylinux1 = manylinux_2_5, manylinux2010 = manylinux_2_12, manylinux2014 = manylinux_2_17.
            int minor = switch (m.group(1)) {
                case "manylinux1" -> 5;
                case "manylinux2010" -> 12;
                default -> 17;
            };
            return new ManyLinux(tag, 2, minor, linuxArch(m.group(2), quoted, true));
        }
        if ((m = Grammar.MUSLLINUX.matcher(tag)).matches()) {
            if (!m.group(1).equals("1")) {
                throw new InvalidPlatformException("Invalid platform " + quoted + ": musl versions are 1.x (PEP 656)");
            }
            return new MuslLinux(tag, 1, Integer.parseInt(m.group(2)), linuxArch(m.group(3), quoted, false));
        }
        if ((m = Grammar.LINUX.matcher(tag)).matches()) {
            return new Linux(tag, m.group(1));
        }
        if (WINDOWS.contains(tag)) {
            return new Windows(tag);
        }
        if ((m = Grammar.IOS.matcher(tag)).matches() && IOS_MULTIARCH.contains(m.group(3))) {
            return new Ios(tag, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
        }
        if ((m = Grammar.ANDROID.matcher(tag)).matches() && ANDROID_ABIS.contains(m.group(2))) {
            return new Android(tag, Integer.parseInt(m.group(1)), m.group(2));
        }
        throw new InvalidPlatformException("Invalid platform " + quoted + ": not a platform tag of a known family"
                + " (e.g. macosx_11_0_arm64, manylinux_2_17_x86_64, musllinux_1_2_aarch64, win_amd64, linux_x86_64)");
    }

    /**
     * Reads a platform tag that describes a machine, as {@link #target} does, but takes a
     * manylinux tag of an architecture that has no manylinux wheels (e.g. {@code
     * manylinux_2_17_armv6l}) for what it describes: a glibc Linux on that CPU, which packaging
     * gives {@code linux_<arch>} only (its manylinux check refuses other architectures).
     */
    public static Target machine(String platformTag) {
        try {
            return target(platformTag);
        } catch (InvalidPlatformException e) {
            String tag = platformTag == null ? "" : platformTag.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
            Matcher m = Grammar.MANYLINUX.matcher(tag);
            Matcher legacy = Grammar.LEGACY_MANYLINUX.matcher(tag);
            if (m.matches()) {
                return new Linux(tag, m.group(3));
            }
            if (legacy.matches()) {
                return new Linux(tag, legacy.group(2));
            }
            throw e;
        }
    }

    private static String linuxArch(String arch, String quoted, boolean manylinux) {
        if (manylinux && !MANYLINUX_ARCHS.contains(arch)) {
            throw new InvalidPlatformException("Invalid platform " + quoted + ": no manylinux for architecture '" + arch
                    + "' (known: aarch64, armv7l, i686, loongarch64, ppc64, ppc64le, riscv64, s390x, x86_64)");
        }
        return arch;
    }

    /**
     * The platforms packaging would accept, best first, on the machine the tag describes
     * ({@link #machine}). Empty where packaging computes none (e.g. {@code macosx_10_3_x86_64}:
     * no x86_64 binary format exists before 10.4): such a machine takes only platform-independent
     * ({@code any}) wheels.
     *
     * @throws InvalidPlatformException when it is no platform tag of a known family
     */
    public static List<String> compatible(String platformTag) {
        return compatible(machine(platformTag));
    }

    public static List<String> compatible(Target target) {
        List<String> out = new ArrayList<>();
        if (target instanceof MacOs mac) {
            macPlatforms(mac.major(), mac.minor(), mac.arch(), out);
        } else if (target instanceof ManyLinux ml) {
            linuxPlatforms(ml.arch(), ml.glibcMajor(), ml.glibcMinor(), -1, out);
        } else if (target instanceof MuslLinux ml) {
            linuxPlatforms(ml.arch(), -1, -1, ml.muslMinor(), out);
        } else if (target instanceof Ios ios) {
            iosPlatforms(ios.major(), ios.minor(), ios.multiarch(), out);
        } else if (target instanceof Android a) {
            // packaging android_platforms: every API level down to 16, the oldest CPython supports.
            for (int level = a.apiLevel(); level >= 16; level--) {
                out.add("android_" + level + "_" + a.abi());
            }
        } else if (target instanceof Linux l) {
            linuxPlatforms(l.arch(), -1, -1, -1, out); // no manylinux/musllinux promise: linux_<arch> only
        } else {
            out.add(target.tag()); // Windows accepts only itself.
        }
        return List.copyOf(out);
    }

    /**
     * packaging {@code mac_platforms}: before macOS 11 every release bumped the minor version
     * (10.x); from 11 on the major version, and a binary for X.0 runs on all X.y. A macOS 11+
     * machine also runs 10.4–10.16 x86_64 binaries (10.16 is what macOS 11 reports to software
     * built with old SDKs), and arm64 ones only as part of a universal2 binary.
     */
    static void macPlatforms(int major, int minor, String arch, List<String> out) {
        if (major == 10) {
            for (int m = minor; m >= 0; m--) {
                for (String format : macBinaryFormats(10, m, arch)) {
                    out.add("macosx_10_" + m + "_" + format);
                }
            }
            return;
        }
        for (int maj = major; maj > 10; maj--) {
            for (String format : macBinaryFormats(maj, 0, arch)) {
                out.add("macosx_" + maj + "_0_" + format);
            }
        }
        for (int m = 16; m > 3; m--) {
            if (arch.equals("x86_64")) {
                for (String format : macBinaryFormats(10, m, arch)) {
                    out.add("macosx_10_" + m + "_" + format);
                }
            } else {
                out.add("macosx_10_" + m + "_universal2");
            }
        }
    }

    /** packaging {@code _mac_binary_formats}: the fat formats that include the architecture. */
    static List<String> macBinaryFormats(int major, int minor, String arch) {
        List<String> formats = new ArrayList<>();
        formats.add(arch);
        boolean below104 = major == 10 && minor < 4;
        switch (arch) {
            case "x86_64" -> {
                if (below104) {
                    return List.of();
                }
                formats.addAll(List.of("intel", "fat64", "fat32"));
            }
            case "i386" -> {
                if (below104) {
                    return List.of();
                }
                formats.addAll(List.of("intel", "fat32", "fat"));
            }
            case "ppc64" -> {
                if (major > 10 || (major == 10 && minor > 5) || below104) {
                    return List.of();
                }
                formats.add("fat64");
            }
            case "ppc" -> {
                if (major > 10 || (major == 10 && minor > 6)) {
                    return List.of();
                }
                formats.addAll(List.of("fat32", "fat"));
            }
            default -> { }
        }
        if (arch.equals("arm64") || arch.equals("x86_64")) {
            formats.add("universal2");
        }
        if (Set.of("x86_64", "i386", "ppc64", "ppc", "intel").contains(arch)) {
            formats.add("universal");
        }
        return formats;
    }

    /**
     * packaging {@code _linux_platforms}: manylinux tags (PEP 600: every glibc 2.x from the
     * machine's down to the oldest manylinux of the architecture, each legacy alias right after its
     * glibc version), then musllinux tags (PEP 656: musl 1.x down to 1.0), then {@code linux_<arch>}.
     * A 32-bit ARMv8 machine also runs armv7l binaries.
     */
    static void linuxPlatforms(String arch, int glibcMajor, int glibcMinor, int muslMinor, List<String> out) {
        List<String> archs = arch.equals("armv8l") ? List.of("armv8l", "armv7l") : List.of(arch);
        if (glibcMajor >= 0 && archs.stream().anyMatch(MANYLINUX_ARCHS::contains)) {
            int tooOldMinor = oldestGlibcMinor(archs) - 1;
            // Compatibility is assumed across glibc major versions (sourceware bug 24636); packaging
            // takes x.50 as the last minor of an older major.
            List<int[]> maxima = new ArrayList<>();
            maxima.add(new int[] {glibcMajor, glibcMinor});
            for (int maj = glibcMajor - 1; maj > 1; maj--) {
                maxima.add(new int[] {maj, 50});
            }
            for (String a : archs) {
                for (int[] max : maxima) {
                    int minMinor = max[0] == 2 ? tooOldMinor : -1;
                    for (int m = max[1]; m > minMinor; m--) {
                        out.add("manylinux_" + max[0] + "_" + m + "_" + a);
                        if (max[0] == 2) {
                            String legacy = switch (m) {
                                case 17 -> "manylinux2014";
                                case 12 -> "manylinux2010";
                                case 5 -> "manylinux1";
                                default -> null;
                            };
                            if (legacy != null) {
                                out.add(legacy + "_" + a);
                            }
                        }
                    }
                }
            }
        }
        if (muslMinor >= 0) {
            for (String a : archs) {
                for (int m = muslMinor; m >= 0; m--) {
                    out.add("musllinux_1_" + m + "_" + a);
                }
            }
        }
        for (String a : archs) {
            out.add("linux_" + a);
        }
    }

    /** packaging {@code ios_platforms}: the version, its earlier minors, then X.9 … X.0 of older majors down to 12. */
    static void iosPlatforms(int major, int minor, String multiarch, List<String> out) {
        if (major < 12) {
            return;
        }
        for (int m = minor; m >= 0; m--) {
            out.add("ios_" + major + "_" + m + "_" + multiarch);
        }
        for (int maj = major - 1; maj > 11; maj--) {
            for (int m = 9; m >= 0; m--) {
                out.add("ios_" + maj + "_" + m + "_" + multiarch);
            }
        }
    }
}
