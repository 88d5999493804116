package dev.wheelwright.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/make-repair-fixtures.sh} into a test's folder: real gcc-made binaries, an
 * extension module linked to private libraries outside every system folder. Skips the test (with
 * the missing tool's name) where gcc, /usr/bin/python3 or Python.h is missing.
 */
public final class RepairFixtures {
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private RepairFixtures() {}

    /** The unrepaired wheel, built under {@code dir} (with dir/foo/libfoo.so.1 and dir/lib/libbar.so.1). */
    public static Path build(Path dir) throws Exception {
        tool("gcc");
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        String inc = run(PYTHON.toString(), "-c", "import sysconfig; print(sysconfig.get_paths()['include'])").strip();
        assumeTrue(Files.exists(Path.of(inc, "Python.h")), "Python.h (python3-dev) is not installed");
        String out = run("bash", Path.of("scripts/make-repair-fixtures.sh").toAbsolutePath().toString(), dir.toString(),
                PYTHON.toString());
        List<String> lines = out.strip().lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }

    /** An executable from the LLVM 14 folder or the PATH's usual folders; skips the test when missing. */
    public static Path tool(String name) {
        for (String dir : List.of("/usr/lib/llvm-14/bin", "/usr/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, name + " is not installed");
        return null;
    }

    /** Runs a command, asserts exit 0, returns stdout and stderr together. */
    public static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", cmd) + " → " + text).isZero();
        return text;
    }

    /** A process's exit code and output. */
    public record Result(int code, String out, String err) {}

    /** The auditwheel name of a library file: base-sha256[:8].rest. */
    public static String hashedName(Path lib) throws Exception {
        String hex = WheelRepairer.sha256Hex(Files.readAllBytes(lib)).substring(0, 8);
        String n = lib.getFileName().toString();
        int dot = n.indexOf('.');
        return n.substring(0, dot) + "-" + hex + n.substring(dot);
    }
}
