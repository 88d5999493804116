package dev.wheelwright.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A target root file system with a CPython interpreter of another CPU, made from Debian's own
 * packages without installing them: {@code apt-get download} fetches the .deb files of the
 * target architecture (which needs {@code dpkg --add-architecture ARCH} and {@code apt-get
 * update} once, but no root for the download itself), and {@code dpkg -x} unpacks each into a
 * folder. QEMU's user-mode emulator then runs {@code ROOT/usr/bin/python3.X} with {@code -L ROOT},
 * so the interpreter's loader and libraries come from that folder. Made once per architecture and
 * Python version and kept in the cache folder; a half-made one is never used (it is made in a
 * temporary folder and renamed into place).
 */
public final class DebianSysroot {
    private DebianSysroot() {}

    /**
     * The packages of an interpreter able to import a C, cffi or Cython extension: the
     * interpreter and its standard library, the C library and the libraries they load, libffi
     * and cffi's backend (cffi modules import {@code _cffi_backend} at run time), and the GCC
     * runtime for C++ extensions.
     */
    static List<String> packages(String py, String debianArch) {
        List<String> names = List.of("python" + py + "-minimal", "libpython" + py + "-minimal", "libpython" + py + "-stdlib",
                "libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libexpat1", "libffi8", "python3-cffi-backend");
        return names.stream().map(n -> n + ":" + debianArch).toList();
    }

    /** The folder a sysroot for this CPU and Python is kept in, made or not. */
    public static Path folder(Path cacheDir, String debianArch, String py) {
        return cacheDir.resolve("sysroots").resolve("debian-" + debianArch + "-python" + py);
    }

    /**
     * Returns the sysroot, making it first when the cache has none.
     *
     * @param log receives one line per step, for the build log
     * @throws BuildException naming the step that failed and what to do
     */
    public static Path ensure(Path cacheDir, String debianArch, String py, Consumer<String> log) {
        Path dir = folder(cacheDir, debianArch, py);
        Path python = dir.resolve("usr/bin/python" + py);
        if (Files.isRegularFile(python)) {
            return dir;
        }
        for (String tool : List.of("apt-get", "dpkg")) {
            if (Toolchain.onPath(tool, System.getenv().getOrDefault("PATH", "")).isEmpty()) {
                throw new BuildException("no " + tool + " on PATH: a target interpreter comes from Debian's packages; "
                        + "give one with --target-python and --sysroot instead");
            }
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".part-");
            Path debs = Files.createDirectories(tmp.resolve("debs"));
            Path root = Files.createDirectories(tmp.resolve("root"));
            List<String> cmd = new ArrayList<>(List.of("apt-get", "download"));
            cmd.addAll(packages(py, debianArch));
            log.accept("making a " + debianArch + " Python " + py + " sysroot in " + dir + ": " + String.join(" ", cmd));
            run(cmd, debs, log, "apt-get download failed (the " + debianArch + " package lists are needed: dpkg --add-architecture "
                    + debianArch + " && apt-get update)");
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(debs, "*.deb")) {
                for (Path deb : ds) {
                    run(List.of("dpkg", "-x", deb.toString(), root.toString()), tmp, log, "dpkg -x " + deb.getFileName() + " failed");
                }
            }
            if (!Files.isRegularFile(root.resolve("usr/bin/python" + py))) {
                throw new BuildException("the " + debianArch + " packages have no usr/bin/python" + py);
            }
            try {
                Files.move(root, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another build made it meanwhile
                if (!Files.isRegularFile(python)) {
                    throw e;
                }
            }
            return dir;
        } catch (IOException e) {
            throw new BuildException("cannot make the sysroot " + dir + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                BuildRunner.deleteQuietly(tmp);
            }
        }
    }

    private static void run(List<String> cmd, Path dir, Consumer<String> log, String failure) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new BuildException(failure + ": no answer within 10 minutes");
            }
            out.lines().filter(l -> !l.isBlank()).forEach(log);
            if (p.exitValue() != 0) {
                String last = out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit " + p.exitValue());
                throw new BuildException(failure + ": " + last);
            }
        } catch (IOException e) {
            throw new BuildException(failure + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException(failure + ": interrupted");
        }
    }
}
