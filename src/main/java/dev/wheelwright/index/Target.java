package dev.wheelwright.index;

import dev.wheelwright.spec.MarkerEnvironment;
import dev.wheelwright.spec.PythonVersion;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.Tags;
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
     * A Python version X.Y.Z keeps only X.Y.
     */
    public Map<String, String> markerEnvironment() {
        return MarkerEnvironment.forTarget(PythonVersion.parse(python), impl, platform);
    }
}
