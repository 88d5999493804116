package dev.wheelwright.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Says in words why a target machine refuses a wheel's platform tag. */
final class PlatformReasons {
    private PlatformReasons() {}

    /** The CPU architectures inside each macOS fat-binary format (packaging {@code _mac_binary_formats}). */
    private static final Map<String, Set<String>> MAC_FORMATS = Map.of(
            "universal2", Set.of("arm64", "x86_64"),
            "universal", Set.of("i386", "ppc", "ppc64", "x86_64"),
            "intel", Set.of("i386", "x86_64"),
            "fat", Set.of("i386", "ppc"),
            "fat3", Set.of("i386", "ppc", "x86_64"),
            "fat32", Set.of("i386", "ppc"),
            "fat64", Set.of("ppc64", "x86_64"));

    private static final Map<String, String> WINDOWS_ARCH = Map.of(
            "win32", "32-bit x86", "win_amd64", "x86_64", "win_arm64", "arm64");

    static String why(String platform, Platforms.Target target, List<String> accepted) {
        Platforms.Target wheel;
        try {
            wheel = Platforms.target(platform);
        } catch (InvalidPlatformException e) {
            return "platform '" + platform + "' is not a platform tag the target accepts";
        }
        if (!family(wheel).equals(family(target))) {
            return "built for " + describe(wheel) + ", the target is " + describe(target);
        }
        String wheelArch = arch(wheel);
        String targetArch = arch(target);
        if (wheel instanceof Platforms.MacOs w && target instanceof Platforms.MacOs t) {
            boolean archAccepted = accepted.stream().anyMatch(p -> p.endsWith("_" + w.arch()));
            if (!archAccepted) {
                return "built for " + macArch(w.arch()) + ", the target is " + macArch(t.arch());
            }
            String wv = w.major() + "." + w.minor();
            String tv = t.major() + "." + t.minor();
            if (w.arch().equals("arm64") && w.major() == 10) {
                return "arm64 macOS starts at 11.0: no Mac accepts " + platform + " (tag it macosx_11_0_arm64)";
            }
            if (w.major() >= 11 && w.minor() != 0 && (w.major() < t.major() || (w.major() == t.major()))) {
                return "from macOS 11 on, wheels are tagged with minor version 0: no Mac accepts " + platform
                        + " (tag it macosx_" + w.major() + "_0_" + w.arch() + ")";
            }
            if (w.major() > t.major() || (w.major() == t.major() && w.minor() > t.minor())) {
                return "needs macOS " + wv + " or newer, the target is " + tv;
            }
            return "macOS " + wv + " " + w.arch() + " binaries do not run on macOS " + tv;
        }
        if (!wheelArch.equals(targetArch) && !(targetArch.equals("armv8l") && wheelArch.equals("armv7l"))) {
            if (wheel instanceof Platforms.Windows) {
                return "built for " + WINDOWS_ARCH.get(wheel.tag()) + " Windows (" + wheel.tag() + "), the target is "
                        + WINDOWS_ARCH.get(target.tag()) + " Windows (" + target.tag() + ")";
            }
            return "built for " + wheelArch + ", the target is " + targetArch;
        }
        if (wheel instanceof Platforms.ManyLinux w && target instanceof Platforms.ManyLinux t) {
            String policy = policy(w);
            if (w.glibcMajor() > t.glibcMajor() || (w.glibcMajor() == t.glibcMajor() && w.glibcMinor() > t.glibcMinor())) {
                return policy + " needs glibc " + w.glibcMajor() + "." + w.glibcMinor() + ", the target has "
                        + t.glibcMajor() + "." + t.glibcMinor();
            }
            return policy + " is older than the oldest manylinux for " + w.arch()
                    + (Set.of("x86_64", "i686").contains(w.arch()) ? " (glibc 2.5)" : " (glibc 2.17)");
        }
        if (wheel instanceof Platforms.ManyLinux && target instanceof Platforms.Linux) {
            return "the target (" + target.tag() + ") makes no manylinux promise: it accepts only " + target.tag() + " wheels";
        }
        if (wheel instanceof Platforms.MuslLinux w && target instanceof Platforms.MuslLinux t) {
            return "musllinux_" + w.muslMajor() + "_" + w.muslMinor() + " needs musl " + w.muslMajor() + "." + w.muslMinor()
                    + ", the target has " + t.muslMajor() + "." + t.muslMinor();
        }
        if (wheel instanceof Platforms.Ios w && target instanceof Platforms.Ios t) {
            return "needs iOS " + w.major() + "." + w.minor() + " or newer, the target is " + t.major() + "." + t.minor();
        }
        if (wheel instanceof Platforms.Android w && target instanceof Platforms.Android t) {
            return "needs Android API level " + w.apiLevel() + ", the target has " + t.apiLevel();
        }
        return "platform " + platform + " is not among the " + accepted.size() + " platforms the target accepts";
    }

    private static String policy(Platforms.ManyLinux w) {
        int i = w.tag().lastIndexOf("_" + w.arch());
        return w.tag().substring(0, i);
    }

    private static String family(Platforms.Target t) {
        if (t instanceof Platforms.ManyLinux || t instanceof Platforms.Linux) {
            // A glibc machine (manylinux target) also accepts linux_<arch>: same family.
            return "linux-glibc";
        }
        return t.getClass().getSimpleName();
    }

    private static String arch(Platforms.Target t) {
        if (t instanceof Platforms.MacOs m) {
            return m.arch();
        } else if (t instanceof Platforms.ManyLinux m) {
            return m.arch();
        } else if (t instanceof Platforms.MuslLinux m) {
            return m.arch();
        } else if (t instanceof Platforms.Linux m) {
            return m.arch();
        } else if (t instanceof Platforms.Ios m) {
            return m.multiarch();
        } else if (t instanceof Platforms.Android m) {
            return m.abi();
        }
        return t.tag();
    }

    private static String macArch(String arch) {
        Set<String> inside = MAC_FORMATS.get(arch);
        return inside == null ? arch : arch + " (" + String.join(" and ", new java.util.TreeSet<>(inside)) + ")";
    }

    private static String describe(Platforms.Target t) {
        if (t instanceof Platforms.MacOs m) {
            return "macOS (" + m.tag() + ")";
        } else if (t instanceof Platforms.ManyLinux m) {
            return "Linux with glibc (" + m.tag() + ")";
        } else if (t instanceof Platforms.MuslLinux m) {
            return "Linux with musl libc (" + m.tag() + ")";
        } else if (t instanceof Platforms.Linux m) {
            return "Linux (" + m.tag() + ")";
        } else if (t instanceof Platforms.Windows m) {
            return "Windows (" + m.tag() + ")";
        } else if (t instanceof Platforms.Ios m) {
            return "iOS (" + m.tag() + ")";
        }
        return "Android (" + t.tag() + ")";
    }
}
