package dev.wheelwright.project;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build targets of a CI job that builds wheels without cibuildwheel ({@code setup.py bdist_wheel},
 * {@code pip wheel}, {@code python -m build}, {@code maturin build}, maturin-action, a manylinux or
 * musllinux image run with {@code docker run}). The arch comes from what the build step sets:
 * {@code ARCHFLAGS} ({@code -arch arm64 -arch x86_64} is a universal2 build), {@code _PYTHON_HOST_PLATFORM}
 * ({@code macosx-11.0-arm64}), the image name ({@code manylinux2014_aarch64}), maturin's target
 * triple; otherwise the runner's own arch. {@code MACOSX_DEPLOYMENT_TARGET} of the step is the
 * deployment target.
 */
final class BuilderTargets {
    private BuilderTargets() {}

    private static final Pattern ARCH_FLAG = Pattern.compile("-arch\\s+(\\S+)");
    private static final Pattern HOST_PLATFORM = Pattern.compile("macosx-[0-9.]+-(\\S+)");
    private static final Pattern IMAGE_ARCH = Pattern.compile("(?:manylinux|musllinux)[0-9a-z_]*?_(x86_64|i686|aarch64|ppc64le|s390x|armv7l)\\b");

    static List<BuildTarget> of(CiRun run, String os, String runnerArch) {
        Set<String> archs = new LinkedHashSet<>();
        Located<String> declared = null;
        for (Located<String> b : run.builders()) {
            String what = b.value();
            if (what.startsWith("docker ")) {
                Matcher m = IMAGE_ARCH.matcher(what);
                if (m.find()) {
                    archs.add(m.group(1));
                    declared = b;
                    os = "linux";
                }
            } else if (what.startsWith("maturin-action target ") || what.startsWith("maturin build target ")) {
                String triple = what.substring(what.indexOf(" target ") + " target ".length()).toLowerCase(Locale.ROOT).split(" ")[0];
                String arch = tripleArch(triple, os);
                if (arch != null) {
                    archs.add(arch);
                    declared = b;
                }
            }
        }
        if (archs.isEmpty() && os.equals("macos")) {
            Located<String> flags = run.env().get("ARCHFLAGS");
            Located<String> host = run.env().get("_PYTHON_HOST_PLATFORM");
            if (flags != null) {
                List<String> a = new ArrayList<>();
                Matcher m = ARCH_FLAG.matcher(flags.value());
                while (m.find()) {
                    a.add(m.group(1));
                }
                if (a.contains("arm64") && a.contains("x86_64")) {
                    archs.add("universal2");
                } else {
                    archs.addAll(a);
                }
                declared = archs.isEmpty() ? null : flags;
            } else if (host != null) {
                Matcher m = HOST_PLATFORM.matcher(host.value());
                if (m.find()) {
                    archs.add(m.group(1));
                    declared = host;
                }
            }
        }
        if (archs.isEmpty()) {
            if (runnerArch == null) {
                return List.of();
            }
            archs.add(runnerArch);
        }
        Located<String> deployment = os.equals("macos") ? run.env().get("MACOSX_DEPLOYMENT_TARGET") : null;
        List<BuildTarget> out = new ArrayList<>();
        for (String arch : archs) {
            out.add(new BuildTarget(run, os, arch, runnerArch, ProjectReader.cross(os, arch, runnerArch), declared, deployment));
        }
        return out;
    }

    /** A Rust target triple as cibuildwheel's arch name for the OS (aarch64-apple-darwin → arm64). */
    private static String tripleArch(String triple, String os) {
        if (triple.startsWith("universal2")) {
            return "universal2";
        }
        String cpu = triple.split("-")[0];
        return switch (os) {
            case "macos" -> cpu.equals("aarch64") ? "arm64" : cpu.equals("x86_64") ? "x86_64" : null;
            case "windows" -> cpu.equals("aarch64") ? "ARM64" : cpu.equals("x86_64") || cpu.equals("x64") ? "AMD64"
                    : cpu.equals("i686") || cpu.equals("x86") ? "x86" : null;
            default -> switch (cpu) {
                case "x86_64", "x64" -> "x86_64";
                case "aarch64", "arm64" -> "aarch64";
                case "i686", "x86" -> "i686";
                case "armv7", "armv7l" -> "armv7l";
                case "ppc64le", "s390x" -> cpu;
                default -> null;
            };
        };
    }
}
