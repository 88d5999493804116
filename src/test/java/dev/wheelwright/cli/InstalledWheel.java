package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The wheel {@code mvn package} wrote (target/wheelwright-VERSION-py3-none-any.whl), installed
 * once per test JVM into a fresh venv with {@code pip install --no-index}, as a user installs
 * it. Tests that need it are skipped, naming the tool, when there is no python3 with venv.
 */
final class InstalledWheel {
    private static Path venv;
    private static Path root;

    private InstalledWheel() {}

    record Run(int code, String out, String err) {
        String both() {
            return out + err;
        }
    }

    /** The wheel mvn package wrote; fails (not skips) when it is missing: package must make it. */
    static Path wheel() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            List<Path> wheels = s.filter(p -> p.getFileName().toString().matches("wheelwright-.*-py3-none-any\\.whl")).toList();
            assertThat(wheels).as("the wheel mvn package writes into target/").hasSize(1);
            return wheels.get(0).toAbsolutePath();
        }
    }

    /** A python3 that has venv and ensurepip, or the test is skipped naming what is missing. */
    static String python() throws Exception {
        String python = System.getenv().getOrDefault("WHEELWRIGHT_TEST_PYTHON", "python3");
        Run probe;
        try {
            probe = run(Path.of("."), Map.of(), python, "-c", "import venv, ensurepip");
        } catch (IOException e) {
            Assumptions.abort(python + " is not installed (" + e.getMessage() + "): the installed-wheel tests need it");
            return null;
        }
        List<String> err = probe.err().strip().lines().toList();
        Assumptions.assumeTrue(probe.code() == 0, python + " has no venv/ensurepip (Debian: apt-get install python3-venv): "
                + (err.isEmpty() ? "exit " + probe.code() : err.get(err.size() - 1)));
        return python;
    }

    /** The venv holding the installed wheel (made on first use). */
    static synchronized Path venv() throws Exception {
        if (venv == null) {
            String python = python();
            Path wheel = wheel();
            Path dir = Files.createTempDirectory("wheelwright-wheel-it");
            Path v = dir.resolve("venv");
            Run made = run(dir, Map.of(), python, "-m", "venv", v.toString());
            assertThat(made.code()).as(made.both()).isZero();
            Run installed = run(dir, Map.of("PIP_NO_INDEX", "1", "PIP_DISABLE_PIP_VERSION_CHECK", "1"),
                    v.resolve("bin/pip").toString(), "install", "--no-index", wheel.toString());
            assertThat(installed.code()).as(installed.both()).isZero();
            root = dir;
            venv = v;
        }
        return venv;
    }

    /** The installed {@code wheelwright} console script. */
    static Path command() throws Exception {
        return venv().resolve("bin/wheelwright");
    }

    /** A scratch folder beside the venv (cache and state of the runs). */
    static Path scratch() throws Exception {
        venv();
        return root;
    }

    /**
     * The environment of a run through the launcher: this JVM's Java on PATH ahead of the
     * system folders, JAVA_HOME set or not, the CDS archive and last-run state in scratch.
     */
    static Map<String, String> env(boolean javaHome) throws Exception {
        Map<String, String> env = new HashMap<>();
        String home = System.getProperty("java.home");
        env.put("PATH", home + "/bin:/usr/local/bin:/usr/bin:/bin");
        env.put(javaHome ? "JAVA_HOME" : "UNSET:JAVA_HOME", home);
        env.put("WHEELWRIGHT_CDS_DIR", scratch().resolve("cds").toString());
        env.put("WHEELWRIGHT_STATE_DIR", scratch().resolve("state").toString());
        env.put("UNSET:WHEELWRIGHT_JAVA", "");
        env.put("UNSET:WHEELWRIGHT_JAVA_OPTS", "");
        return env;
    }

    /** Runs cmd in cwd; env entries named UNSET:NAME remove NAME from the environment (before the others are set). */
    static Run run(Path cwd, Map<String, String> env, String... cmd) throws Exception {
        return runWithInput(cwd, env, null, cmd);
    }

    static Run runWithInput(Path cwd, Map<String, String> env, String stdin, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(cmd))).directory(cwd.toFile());
        for (String key : env.keySet()) {
            if (key.startsWith("UNSET:")) {
                pb.environment().remove(key.substring(6));
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith("UNSET:")) {
                pb.environment().put(e.getKey(), e.getValue());
            }
        }
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.start();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("finished: " + String.join(" ", cmd)).isTrue();
        t.join();
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Whether an executable is on this process's PATH. */
    static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
