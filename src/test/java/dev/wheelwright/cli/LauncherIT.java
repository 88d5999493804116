package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/wheelwright as a user runs it: through a symlink, from another folder, with spaces in the
 * paths, with or without a usable JAVA_HOME. Needs the packaged jar, so it runs in the
 * integration-test phase (failsafe), after {@code package}.
 */
class LauncherIT {
    static final Path LAUNCHER = Path.of("bin", "wheelwright").toAbsolutePath();

    record Out(int code, String out, String err) {}

    static Out launch(Path cwd, Map<String, String> env, String... cmd) throws Exception {
        assertThat(Path.of("target", "wheelwright.jar")).as("the packaged jar").isRegularFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        t.start();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        t.join();
        return new Out(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsThroughASymlinkFromAFolderWithSpaces(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("my tools"));
        Path link = Files.createSymbolicLink(dir.resolve("ww"), LAUNCHER);
        Path lib = Files.copy(Path.of("testdata/binaries/elf-x86_64-plain.so"), dir.resolve("a lib.so"));
        Out r = launch(dir, Map.of(), link.toString(), "inspect", "a lib.so");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("a lib.so: ELF (x86_64)");
        String javaHome = System.getProperty("java.home");
        Out v = launch(dir, Map.of("JAVA_HOME", javaHome), link.toString(), "--version");
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).startsWith("wheelwright ");
        assertThat(lib).exists();
        Files.delete(link); // the temp folder cleaner warns about links leaving it
    }

    @Test
    void aJavaHomeWithoutJavaIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path bogus = Files.createDirectories(tmp.resolve("no java here"));
        Out r = launch(tmp, Map.of("JAVA_HOME", bogus.toString()), LAUNCHER.toString(), "--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().toList()).isEqualTo(List.of("wheelwright: JAVA_HOME=" + bogus
                + " has no bin/java; point JAVA_HOME at a Java 17+ installation or unset it"));
    }

    /** Under the POSIX locale (no LANG, as in many containers) a non-ASCII path still works. */
    @Test
    void nonAsciiPathsWorkWithoutALocale(@TempDir Path tmp) throws Exception {
        Path dir;
        try {
            dir = Files.createDirectories(tmp.resolve("caf\u00e9 proj"));
        } catch (java.nio.file.InvalidPathException e) {
            org.junit.jupiter.api.Assumptions.abort("this JVM cannot name a non-ASCII file: " + e.getMessage());
            return;
        }
        Files.copy(Path.of("testdata/binaries/elf-x86_64-plain.so"), dir.resolve("\u00e9.so"));
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "inspect", "caf\u00e9 proj/\u00e9.so").directory(tmp.toFile());
        pb.environment().remove("LANG");
        pb.environment().remove("LC_ALL");
        pb.environment().remove("LC_CTYPE");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("caf\u00e9 proj/\u00e9.so: ELF (x86_64)");
    }
}
