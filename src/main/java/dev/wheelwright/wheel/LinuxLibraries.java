package dev.wheelwright.wheel;

import dev.wheelwright.binary.ElfSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which of an ELF binary's DT_NEEDED libraries a wheel expects the system to provide, judged once
 * for audit and retag alike: not those the wheel bundles, not those its RUNPATH expects from
 * another distribution's folder ({@link ElfLibraryFolders}), and not the GPU driver's libraries.
 * The driver's libraries (CUDA's {@code libcuda.so.1}, NVIDIA's management and codec libraries,
 * the GL/EGL/Vulkan vendor-neutral dispatch libraries of libglvnd) come with the graphics driver
 * of the machine and must match it, so no wheel can bundle them: projects that link them
 * (torch, jax, onnxruntime-gpu, vtk) leave them out with {@code auditwheel repair --exclude}, and
 * auditwheel then treats them as provided by the system.
 */
public final class LinuxLibraries {
    private LinuxLibraries() {}

    /** Sonames installed with the graphics driver or its dispatch layer, never bundled. */
    public static final Set<String> DRIVERS = Set.of(
            "libcuda.so.1", "libnvidia-ml.so.1", "libnvcuvid.so.1", "libnvidia-encode.so.1", "libnvidia-fbc.so.1",
            "libnvidia-opticalflow.so.1",
            "libEGL.so.1", "libGLX.so.0", "libGLdispatch.so.0", "libOpenGL.so.0", "libGLESv1_CM.so.1",
            "libGLESv2.so.2", "libvulkan.so.1");

    /** Whether a soname is one of the driver's libraries. */
    public static boolean driver(String soname) {
        return DRIVERS.contains(soname);
    }

    /**
     * The libraries {@code member} expects from the system: its DT_NEEDED minus the ones the
     * wheel (whose file members are {@code files}) bundles, the ones its RUNPATH expects from
     * another distribution's folder, and the driver's.
     */
    public static List<String> system(Collection<String> files, String member, ElfSlice e) {
        List<String> out = new ArrayList<>();
        for (String lib : e.needed()) {
            if (driver(lib) || ElfLibraryFolders.bundles(files, lib)
                    || ElfLibraryFolders.foreign(files, member, e, lib).isPresent()) {
                continue;
            }
            out.add(lib);
        }
        return out;
    }
}
