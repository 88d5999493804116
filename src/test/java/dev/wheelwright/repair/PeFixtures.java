package dev.wheelwright.repair;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/make-repair-pe-fixtures.sh} into a test's folder: a Windows wheel whose
 * module imports private DLLs, made with mingw-w64 and clang/lld. Skips the test (naming the
 * tool) where the cross toolchain is missing; {@link #wine} finds Wine for the loading tests.
 */
public final class PeFixtures {
    private PeFixtures() {}

    /** The unrepaired wheel, built under {@code dir} (dir/foo/foo.dll, dir/lib/bar.dll and baz.dll, dir/host/). */
    public static Path build(Path dir) throws Exception {
        RepairFixtures.tool("x86_64-w64-mingw32-gcc");
        RepairFixtures.tool("llvm-dlltool");
        RepairFixtures.tool("ld.lld");
        assumeTrue(Files.isExecutable(Path.of("/usr/lib/llvm-14/bin/clang")) || Files.isExecutable(Path.of("/usr/bin/clang-14")),
                "clang-14 is not installed");
        String out = RepairFixtures.run("bash", Path.of("scripts/make-repair-pe-fixtures.sh").toAbsolutePath().toString(), dir.toString());
        List<String> lines = out.strip().lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }

    /** Wine's 64-bit loader; skips the test when Wine is not installed. */
    public static Path wine() {
        for (String p : List.of("/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        assumeTrue(false, "wine (wine64) is not installed");
        return null;
    }

    /** A path as Windows programs under Wine see it (drive Z: is /). */
    public static String windowsPath(Path p) {
        return "Z:" + p.toAbsolutePath().toString().replace('/', '\\');
    }

    /** What {@code load.exe MODULE DIRS...} prints under Wine, and its exit code. */
    public record Loaded(int code, String out) {}

    public static Loaded load(Path fixtures, Path prefix, Path module, Path... dirs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(wine().toString(), fixtures.resolve("host/load.exe").toString(), windowsPath(module)));
        for (Path d : dirs) {
            cmd.add(windowsPath(d));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("WINEPREFIX", prefix.toString());
        pb.environment().put("WINEDEBUG", "-all");
        pb.environment().put("WINEDLLOVERRIDES", "mscoree,mshtml=");
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Loaded(-1, "timed out");
        }
        return new Loaded(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
