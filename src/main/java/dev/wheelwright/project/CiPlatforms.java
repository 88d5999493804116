package dev.wheelwright.project;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.spec.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform tags the wheels of one CI build target install on, as cibuildwheel builds them:
 * macOS {@code macosx_<MACOSX_DEPLOYMENT_TARGET>_<arch>} with its floors (10.9 for x86_64, 11.0
 * for arm64; from macOS 11 on only the major version counts, as in packaging's
 * {@code mac_platforms}), {@code universal2} as both thin archs (its wheel installs on both kinds
 * of Mac); Linux {@code manylinux_<image glibc>_<arch>} (manylinux2014 unless the project
 * configures another image) and {@code musllinux_<image musl>_<arch>} (musllinux_1_2 unless configured);
 * Windows {@code win_amd64}, {@code win32}, {@code win_arm64}.
 */
public final class CiPlatforms {
    private CiPlatforms() {}

    /** A platform tag and the platform part of cibuildwheel's build identifiers ({@code macosx_universal2}). */
    public record Platform(String tag, String identifier) {}


    /** The platform tags one CI build target installs on. */
    public static List<Platform> of(BuildTarget bt, PyProject py) {
        String arch = bt.arch();
        List<Platform> out = new ArrayList<>();
        switch (bt.os()) {
            case "macos" -> {
                String dt = bt.deploymentTarget() == null ? null : bt.deploymentTarget().value();
                if (arch.equals("x86_64") || arch.equals("universal2")) {
                    out.add(new Platform("macosx_" + macos(dt, "10.9") + "_x86_64", "macosx_" + arch));
                }
                if (arch.equals("arm64") || arch.equals("universal2")) {
                    out.add(new Platform("macosx_" + macos(dt, "11.0") + "_arm64", "macosx_" + arch));
                }
            }
            case "linux" -> {
                if (Set.of("x86_64", "i686", "aarch64", "ppc64le", "s390x", "armv7l", "riscv64").contains(arch)) {
                    out.add(new Platform("manylinux_" + manylinux(bt.run(), py, arch) + "_" + arch, "manylinux_" + arch));
                }
                // cibuildwheel builds musllinux wheels too unless skipped ("*-musllinux_*"), on its
                // musllinux image for the arch.
                if (Set.of("x86_64", "i686", "aarch64", "ppc64le", "s390x", "armv7l", "riscv64").contains(arch)) {
                    out.add(new Platform("musllinux_" + musllinux(bt.run(), py, arch) + "_" + arch, "musllinux_" + arch));
                }
            }
            case "windows" -> {
                String tag = switch (arch) {
                    case "AMD64" -> "win_amd64";
                    case "x86" -> "win32";
                    case "ARM64" -> "win_arm64";
                    default -> null;
                };
                if (tag != null) {
                    out.add(new Platform(tag, tag));
                }
            }
            default -> { }
        }
        return out;
    }

    /** A deployment target as a tag part, never below the floor; from macOS 11 on only the major version counts. */
    public static String macos(String deploymentTarget, String floor) {
        Version f = Version.parse(floor);
        Version v = f;
        if (deploymentTarget != null) {
            try {
                Version d = Version.parse(deploymentTarget);
                if (d.compareTo(f) > 0) {
                    v = d;
                }
            } catch (WheelwrightException e) {
                // an unreadable deployment target: cibuildwheel's default applies
            }
        }
        String[] parts = v.toString().split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = major >= 11 || parts.length < 2 ? 0 : Integer.parseInt(parts[1]);
        return major + "_" + minor;
    }

    private static final Pattern MANYLINUX = Pattern.compile("manylinux(?:_(\\d+)_(\\d+)|(1|2010|2014))");

    /** The glibc version of the manylinux image configured for an arch, else 2_17 (manylinux2014). */
    public static String manylinux(CiRun run, PyProject py, String arch) {
        String image = image(run, py, "manylinux", arch);
        if (image != null) {
            Matcher m = MANYLINUX.matcher(image);
            if (m.find()) {
                if (m.group(1) != null) {
                    return m.group(1) + "_" + m.group(2);
                }
                return switch (m.group(3)) {
                    case "1" -> "2_5";
                    case "2010" -> "2_12";
                    default -> "2_17";
                };
            }
        }
        return "2_17";
    }

    private static final Pattern MUSLLINUX = Pattern.compile("musllinux_(\\d+)_(\\d+)");

    /**
     * The musl version of the musllinux image configured for an arch ({@code CIBW_MUSLLINUX_<ARCH>_IMAGE}
     * or {@code musllinux-<arch>-image}), else 1_2: cibuildwheel's default image since 2.19
     * (musllinux_1_1 before; the tag only sets the lowest musl a wheel needs, so the newer default
     * is the one a current CI run builds on).
     */
    public static String musllinux(CiRun run, PyProject py, String arch) {
        String image = image(run, py, "musllinux", arch);
        if (image != null) {
            Matcher m = MUSLLINUX.matcher(image);
            if (m.find()) {
                return m.group(1) + "_" + m.group(2);
            }
        }
        return "1_2";
    }


    /** The image a CI run configures for a family and arch: {@code CIBW_<FAMILY>_<ARCH>_IMAGE}, else pyproject's {@code <family>-<arch>-image}. */
    private static String image(CiRun run, PyProject py, String family, String arch) {
        String image = run.envVar("CIBW_" + family.toUpperCase(Locale.ROOT) + "_" + arch.toUpperCase(Locale.ROOT) + "_IMAGE")
                .map(Located::value).orElse(null);
        if (image == null && py != null) {
            image = py.cibuildwheelOption(family + "-" + arch + "-image").map(String::valueOf)
                    .or(() -> py.cibuildwheelOption("linux." + family + "-" + arch + "-image").map(String::valueOf)).orElse(null);
        }
        return image;
    }
}
