package dev.wheelwright.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Tries built wheels the way a user first would: installed, then imported. A wheel is installed
 * by unpacking it (its {@code .data/purelib} and {@code .data/platlib} contents join the root, as
 * an installer puts them in site-packages) into a private folder that goes on
 * {@code PYTHONPATH}; then the test command runs from another private folder, so that the
 * project's own sources can never be imported instead. The default test imports every top-level
 * module the wheels ship ({@code top_level.txt}, else the member names).
 */
public final class WheelTester {
    private WheelTester() {}

    /** A module name Python can import. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Runs the plan's test over the wheels; every line the test prints goes to {@code log}.
     * Never throws for a test that cannot run: that is an outcome with its reason.
     */
    public static TestOutcome test(TestPlan plan, List<Path> wheels, Path project, Path work, Duration timeout,
                                   Consumer<String> log) {
        if (plan.mode() == TestPlan.Mode.NONE) {
            return TestOutcome.notRun(plan.whyNot());
        }
        List<String> python = plan.python();
        if (python.isEmpty()) {
            Path sysroot;
            try {
                sysroot = DebianSysroot.ensure(plan.cacheDir(), plan.debianArch(), plan.pythonVersion(), log);
            } catch (BuildException e) {
                return TestOutcome.notRun(e.getMessage());
            }
            python = List.of(plan.qemu().toString(), "-L", sysroot.toString(),
                    sysroot.resolve("usr/bin/python" + plan.pythonVersion()).toString());
        }
        try {
            Path site = Files.createDirectories(work.resolve("site"));
            Path cwd = Files.createDirectories(work.resolve("cwd"));
            Set<String> modules = new TreeSet<>();
            for (Path wheel : wheels) {
                modules.addAll(install(wheel, site));
            }
            List<String> cmd;
            String shown;
            if (plan.command() == null) {
                if (modules.isEmpty()) {
                    return TestOutcome.notRun("the wheel ships no importable module");
                }
                String code = "import " + String.join(", ", modules);
                cmd = new ArrayList<>(python);
                cmd.addAll(List.of("-c", code));
                shown = "python -c '" + code + "'";
            } else {
                String py = String.join(" ", python.stream().map(WheelTester::shellQuote).toList());
                String text = plan.command().replace("{python}", py).replace("{project}", shellQuote(project.toString()));
                cmd = List.of("/bin/sh", "-c", text);
                shown = plan.command();
            }
            String how = plan.mode().words();
            log.accept("testing " + how + ": " + shown);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", site.toString());
            pb.environment().put("PYTHONNOUSERSITE", "1");
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            // a cross build's variables must not reach the target interpreter
            pb.environment().remove("_PYTHON_HOST_PLATFORM");
            pb.environment().remove("_PYTHON_SYSCONFIGDATA_NAME");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return TestOutcome.notRun("cannot start " + cmd.get(0) + ": " + e.getMessage());
            }
            ChildProcesses.register(p);
            try {
                p.getOutputStream().close();
                Thread pump = new Thread(() -> pump(p.getInputStream(), log), "wheelwright-test");
                pump.setDaemon(true);
                pump.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    ChildProcesses.destroyTree(p, Duration.ofSeconds(3));
                    pump.join(5000);
                    return new TestOutcome(TestOutcome.Status.FAILED, how, "no result within " + timeout.toSeconds() + " s");
                }
                pump.join(5000);
                int code = p.exitValue();
                return code == 0 ? new TestOutcome(TestOutcome.Status.PASSED, how, shown)
                        : new TestOutcome(TestOutcome.Status.FAILED, how, shown + " exited with code " + code);
            } catch (InterruptedException e) {
                ChildProcesses.destroyTree(p, Duration.ofSeconds(3));
                Thread.currentThread().interrupt();
                return TestOutcome.notRun("cancelled");
            } finally {
                ChildProcesses.unregister(p);
            }
        } catch (IOException e) {
            return TestOutcome.notRun("cannot install the wheel for the test: " + e.getMessage());
        }
    }

    /**
     * Unpacks a wheel as an installer lays it into site-packages and returns its top-level
     * module names.
     */
    static Set<String> install(Path wheel, Path site) throws IOException {
        Set<String> fromMembers = new TreeSet<>();
        Set<String> topLevel = null;
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                if (e.isDirectory() || name.startsWith("/") || name.contains("\\") || List.of(name.split("/")).contains("..")) {
                    continue;
                }
                String[] parts = name.split("/");
                String rel = name;
                if (parts[0].endsWith(".data")) {
                    if (parts.length < 3 || !(parts[1].equals("purelib") || parts[1].equals("platlib"))) {
                        continue; // scripts, headers, data: not importable
                    }
                    rel = name.substring(parts[0].length() + parts[1].length() + 2);
                }
                Path to = site.resolve(rel).normalize();
                if (!to.startsWith(site)) {
                    continue;
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
                if (parts[0].endsWith(".dist-info")) {
                    if (parts.length == 2 && parts[1].equals("top_level.txt")) {
                        topLevel = new TreeSet<>();
                        for (String l : Files.readAllLines(to, StandardCharsets.UTF_8)) {
                            String m = l.trim();
                            if (IDENTIFIER.matcher(m).matches()) {
                                topLevel.add(m);
                            }
                        }
                    }
                    continue;
                }
                String[] relParts = rel.split("/");
                String first = relParts[0];
                if (relParts.length > 1) {
                    if (IDENTIFIER.matcher(first).matches()) {
                        fromMembers.add(first);
                    }
                } else {
                    // a module file at the root: x.py, x.cpython-311-aarch64-linux-gnu.so, x.abi3.so, x.pyd
                    String base = first.contains(".") ? first.substring(0, first.indexOf('.')) : first;
                    if ((first.endsWith(".py") || first.endsWith(".so") || first.endsWith(".pyd")) && IDENTIFIER.matcher(base).matches()) {
                        fromMembers.add(base);
                    }
                }
            }
        }
        return topLevel != null && !topLevel.isEmpty() ? topLevel : fromMembers;
    }

    private static void pump(InputStream in, Consumer<String> log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.accept(line);
            }
        } catch (IOException e) {
            // the stream closes when the process is stopped
        }
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./=:-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
