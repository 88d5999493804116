package dev.wheelwright;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Probes for the optional tools some tests need, so that a machine without them skips those
 * tests with a message naming what is missing (JUnit assumptions) instead of failing them.
 * Each probe runs the tool itself: {@code python -c 'import build'}, the C compiler Python's
 * sysconfig names looked up on PATH, a program looked up on PATH. Results are cached per JVM.
 */
public final class ToolProbe {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, String> DEBIAN = Map.of(
            "build", "python3-build", "cffi", "python3-cffi", "wheel", "python3-wheel",
            "setuptools", "python3-setuptools", "venv", "python3-venv");

    private ToolProbe() {}

    /**
     * Null when {@code python} imports every module (a namespace package, such as a bare
     * {@code build/} folder, does not count); else one line naming the interpreter and the
     * missing modules with their Debian packages.
     */
    public static String missingModules(String python, String... modules) {
        String key = "modules\0" + python + "\0" + String.join(",", modules);
        return CACHE.computeIfAbsent(key, k -> probeModules(python, modules)).transform(s -> s.isEmpty() ? null : s);
    }

    private static String probeModules(String python, String... modules) {
        String code = "import sys\n"
                + "missing = []\n"
                + "for m in sys.argv[1:]:\n"
                + "    try:\n"
                + "        mod = __import__(m)\n"
                + "        if getattr(mod, '__file__', None) is None: missing.append(m)\n"
                + "    except Exception:\n"
                + "        missing.append(m)\n"
                + "print(' '.join(missing))\n";
        List<String> cmd = new ArrayList<>(List.of(python, "-c", code));
        cmd.addAll(List.of(modules));
        Result r = run(cmd, null);
        if (r == null || r.code != 0) {
            return python + " cannot run" + (r == null ? "" : ": " + r.out.strip());
        }
        String missing = r.out.strip();
        if (missing.isEmpty()) {
            return "";
        }
        List<String> named = new ArrayList<>();
        for (String m : missing.split(" ")) {
            named.add(DEBIAN.containsKey(m) ? m + " (Debian: " + DEBIAN.get(m) + ")" : m);
        }
        return python + " has no module " + String.join(", ", named);
    }

    /** Null when {@code name} is an executable in one of the folders of {@code path}; else why not. */
    public static String missingProgram(String name, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name)) && !Files.isDirectory(Path.of(dir, name))) {
                return null;
            }
        }
        return name + " is not on PATH";
    }

    /** {@link #missingProgram(String, String)} on this process's PATH. */
    public static String missingProgram(String name) {
        return missingProgram(name, System.getenv().getOrDefault("PATH", ""));
    }

    /**
     * Null when {@code python} can compile a C extension here: the compiler its sysconfig names
     * (CC) is on {@code path} and Python.h is in its include folder; else one line naming what
     * is missing.
     */
    public static String missingCompiler(String python, String path) {
        String key = "cc\0" + python + "\0" + path;
        return CACHE.computeIfAbsent(key, k -> probeCompiler(python, path)).transform(s -> s.isEmpty() ? null : s);
    }

    public static String missingCompiler(String python) {
        return missingCompiler(python, System.getenv().getOrDefault("PATH", ""));
    }

    private static String probeCompiler(String python, String path) {
        Result r = run(List.of(python, "-c", "import os, sysconfig\n"
                + "print((sysconfig.get_config_var('CC') or 'cc').split()[0])\n"
                + "print(os.path.join(sysconfig.get_paths()['include'], 'Python.h'))\n"), null);
        if (r == null || r.code != 0) {
            return python + " cannot run" + (r == null ? "" : ": " + r.out.strip());
        }
        List<String> lines = r.out.strip().lines().toList();
        String cc = lines.get(0);
        String missing = cc.contains("/") ? (Files.isExecutable(Path.of(cc)) ? null : cc + " is not installed") : missingProgram(cc, path);
        if (missing != null) {
            return "the C compiler of " + python + ": " + missing + " (Debian: gcc)";
        }
        if (lines.size() < 2 || !Files.isRegularFile(Path.of(lines.get(1)))) {
            return python + " has no C headers (" + (lines.size() < 2 ? "Python.h" : lines.get(1)) + "; Debian: python3-dev)";
        }
        return "";
    }

    /** Skips the test, naming the interpreter and the modules, unless python imports them all. */
    public static void assumeModules(String python, String... modules) {
        String missing = missingModules(python, modules);
        Assumptions.assumeTrue(missing == null, missing);
    }

    /** Skips the test, naming the program, unless it is on PATH. */
    public static void assumeProgram(String name) {
        String missing = missingProgram(name);
        Assumptions.assumeTrue(missing == null, missing);
    }

    /** Skips the test, naming the compiler or headers, unless python can compile an extension. */
    public static void assumeCompiler(String python) {
        String missing = missingCompiler(python);
        Assumptions.assumeTrue(missing == null, missing);
    }

    private record Result(int code, String out) {}

    private static Result run(List<String> cmd, Map<String, String> env) {
        try {
            Path cwd = Files.createTempDirectory("wheelwright-probe"); // no build/ folder of a project in the way
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
                if (env != null) {
                    pb.environment().putAll(env);
                }
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                return new Result(p.exitValue(), out);
            } finally {
                Files.deleteIfExists(cwd);
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
