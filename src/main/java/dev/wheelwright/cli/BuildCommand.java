package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.build.BuildException;
import dev.wheelwright.build.BuildOutcome;
import dev.wheelwright.build.BuildPlan;
import dev.wheelwright.build.BuildPlanner;
import dev.wheelwright.build.BuildRequest;
import dev.wheelwright.build.BuildRunner;
import dev.wheelwright.build.HostPlatform;
import dev.wheelwright.build.PythonInfo;
import dev.wheelwright.build.PythonProbe;
import dev.wheelwright.build.TargetResult;
import dev.wheelwright.build.Toolchain;
import dev.wheelwright.build.Unbuildable;
import dev.wheelwright.report.BuildTargets;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.shell.ShellSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wheelwright build [DIR]}: builds a wheel per target architecture with the project's
 * own build front end, keeps every log, then diagnoses the logs, wheels and project (cli.md).
 */
@Command(name = "build",
        description = {"Build wheels for each --arch, log each build, then diagnose the result.",
                "",
                "Each target builds in a child process (python -m build --wheel, else pip wheel), in its own copy of the "
                        + "project when several run; its output goes, timestamped, to OUT/logs/TARGET.log. Then the project, "
                        + "every log and every wheel go through the rules, as doctor does. In the shell, the last build is "
                        + "remembered: findings, explain N, fix N, inspect, audit, open-log TARGET."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every target built and no finding reaches --fail-on",
                "1:a target failed, timed out, was cancelled or cannot be built here, or a finding reaches --fail-on",
                "2:bad usage or input", "3:no build could start (no interpreter, no front end, no compiler, no buildable target)"},
        mixinStandardHelpOptions = true)
public final class BuildCommand implements Callable<Integer>, ShellSession.Aware {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    FindingsOptions findingsOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The project folder (default: the current folder).")
    Path project;

    @Option(names = "--arch", paramLabel = "ARCH", split = ",",
            completionCandidates = Targets.class,
            description = "Target: native, x86_64, arm64, universal2 (macOS); x86_64, i686, aarch64, armv7l, ppc64le, s390x, "
                    + "riscv64 (Linux: another CPU than the interpreter's is cross-compiled); repeatable (default: native).")
    List<String> archs = new ArrayList<>();

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "python3",
            description = "The Python interpreter to build with (default: ${DEFAULT-VALUE} on PATH).")
    String python;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "wheelhouse",
            description = "Where wheels go; logs go to DIR/logs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-isolation", description = "Build in the interpreter's own environment (no PEP 517 isolated environment).")
    boolean noIsolation;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Builds to run at once (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "30m",
            description = "Longest time one build may take: 90s, 30m, 1h (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--dry-run", description = "Print the build plans (commands, environment) and stop.")
    boolean dryRun;

    @Option(names = "--sysroot", paramLabel = "DIR",
            description = "Cross builds: a root file system of the target CPU with its Python headers and sysconfig data "
                    + "(default: the host's multiarch packages); tests under QEMU load the target's libraries from it.")
    Path sysroot;

    @Option(names = "--target-python", paramLabel = "PATH",
            description = "Cross builds: the target's interpreter, run under QEMU to test the wheels (default: one unpacked "
                    + "from Debian's packages into the cache folder).")
    String targetPython;

    @Option(names = "--test-command", paramLabel = "CMD",
            description = "Test each built wheel with this shell command ({python} is the interpreter, natively or under "
                    + "QEMU; {project} the project folder). Default: import every top-level module the wheel ships.")
    String testCommand;

    @Option(names = "--container", paramLabel = "ENGINE",
            description = "Build Linux targets in manylinux containers with docker or podman, as cibuildwheel does "
                    + "(foreign CPUs under QEMU binfmt).")
    String container;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "The container image for --container (default: cibuildwheel's manylinux image of each CPU).")
    String image;

    @Option(names = "--no-test", description = "Do not try the built wheels.")
    boolean noTest;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where target interpreters for tests under QEMU are kept (default: ~/.cache/wheelwright).")
    Path cacheDir;

    private ShellSession session;

    /** picocli: the values offered by completion for --arch. */
    static final class Targets implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return BuildPlanner.TARGETS.iterator();
        }
    }

    @Override
    public void attach(ShellSession s) {
        this.session = s;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant started = Instant.now();
        checkProject(project);
        FindingsOutput.validateBeforeWork(common, findingsOptions, out);
        dev.wheelwright.project.WheelwrightSettings settings = dev.wheelwright.project.WheelwrightSettings.read(project.resolve("pyproject.toml"));
        // the project's policy for the wheels it builds; a bad value fails before any build
        List<dev.wheelwright.report.RunInfo.Policy> policies = new ArrayList<>();
        dev.wheelwright.wheel.AuditPolicy policy = new AuditCommand().policy(settings, policies);
        if (jobs < 1) {
            throw new WheelwrightException("--jobs " + jobs + ": must be at least 1");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new WheelwrightException(out + ": --out must be a folder, and this is a file");
        }
        Duration limit = parseDuration(timeout);
        List<String> targets = archs.isEmpty() ? List.of("native") : archs.stream().map(String::trim).toList();
        for (String t : targets) {
            if (!BuildPlanner.TARGETS.contains(t)) {
                throw new WheelwrightException("--arch " + t + ": unknown target (expected one of "
                        + String.join(", ", BuildPlanner.TARGETS) + ")");
            }
        }
        // A path with a folder part (./venv/bin/python) is made absolute: builds and the probe run in other folders.
        String interpreter = python.contains("/") || python.contains(java.io.File.separator)
                ? Path.of(python).toAbsolutePath().normalize().toString() : python;
        if (sysroot != null && !Files.isDirectory(sysroot)) {
            throw new WheelwrightException(sysroot + ": --sysroot must be a folder (a root file system of the target)");
        }
        if (targetPython != null && !Files.isRegularFile(Path.of(targetPython))) {
            throw new WheelwrightException(targetPython + ": --target-python: no such file");
        }
        if (container != null && !List.of("docker", "podman").contains(container)) {
            throw new WheelwrightException("--container " + container + ": expected docker or podman");
        }
        if (image != null && container == null) {
            throw new WheelwrightException("--image " + image + ": needs --container docker|podman");
        }
        BuildRequest request = new BuildRequest(project, targets, interpreter, out, !noIsolation, limit, System.getenv(),
                sysroot == null ? null : sysroot.toAbsolutePath().normalize(), targetPython, testCommand, !noTest,
                cacheDir != null ? cacheDir.toAbsolutePath().normalize() : defaultCacheDir(), container, image);
        HostPlatform host = HostPlatform.current();
        PythonInfo info;
        try {
            info = PythonProbe.probe(interpreter);
        } catch (BuildException e) {
            err.println("wheelwright: " + e.getMessage());
            return ExitCode.BUILD_NOT_RUN;
        }
        Path workRoot = dryRun ? Path.of(System.getProperty("java.io.tmpdir"), "wheelwright-build")
                : Files.createTempDirectory("wheelwright-build-");
        try {
            BuildPlanner.Plans plans;
            try {
                plans = BuildPlanner.plan(request, host, info, workRoot);
            } catch (BuildException e) {
                err.println("wheelwright: " + e.getMessage());
                return ExitCode.BUILD_NOT_RUN;
            }
            if (dryRun) {
                printPlans(stdout, info, plans);
                return ExitCode.OK;
            }
            for (Unbuildable u : plans.unbuildable()) {
                err.println("wheelwright: not building " + u.target() + ": " + u.reason());
            }
            if (plans.plans().isEmpty()) {
                err.println("wheelwright: no target can be built on this host");
                return ExitCode.BUILD_NOT_RUN;
            }
            if (container != null) {
                String why = engineWhyNot(container);
                if (why != null) {
                    err.println("wheelwright: " + why);
                    return ExitCode.BUILD_NOT_RUN;
                }
            }
            if (container == null && Toolchain.needsCompiler(project) && plans.plans().stream().allMatch(p -> Toolchain.findCompiler(merged(p)).isEmpty())) {
                err.println("wheelwright: " + project + ": the project compiles C code, but there is no C compiler"
                        + " (CC is not set and none of cc, gcc, clang is on PATH)");
                return ExitCode.BUILD_NOT_RUN;
            }
            List<TargetResult> results;
            try (BuildProgress progress = new BuildProgress(err, Terminals.interactive(), common.quiet)) {
                results = new BuildRunner(jobs, limit, progress).run(plans.plans(), out);
            }
            boolean cancelled = Thread.interrupted(); // Ctrl-C in the shell: report what ran, then go on
            BuildOutcome outcome = new BuildOutcome(project, out, plans.plans(), plans.unbuildable(), results);
            RuleCatalog catalog = RuleCatalog.load(common.rules);
            BuildDiagnosis.Result diagnosis = BuildDiagnosis.diagnose(outcome, catalog, policy);
            BuildTargets model = BuildReport.model(outcome, diagnosis.findings());
            FindingsOutput output = FindingsOutput.of(spec, common, findingsOptions).project(project).builds(model).started(started)
                    .subject(project.toString()).policies(policies);
            AuditCommand.projectSettings(output, settings, findingsOptions);
            long logLines = 0;
            for (TargetResult r : outcome.results()) {
                if (r.log() != null && Files.isRegularFile(r.log())) {
                    try (java.io.InputStream in = Files.newInputStream(r.log())) {
                        logLines += DoctorCommand.CountingStream.lines(in);
                    }
                }
            }
            output.checked("targets", targets.size()).checked("log lines", logLines);
            if (diagnosis.wheels() != null) {
                AuditCommand.counts(output, diagnosis.wheels());
            }
            if (outcome.anyFailed() || !outcome.refused().isEmpty()) {
                output.failure(outcome.anyFailed() ? "a build failed" : "a requested target was not built");
            }
            if (session != null) {
                session.recordBuild(outcome.results().stream()
                        .map(r -> new ShellSession.BuiltTarget(r.target(), r.status().id(), r.log(), r.wheels())).toList());
                session.recordFindings("build", output.prepared(catalog, diagnosis.rules(), diagnosis.findings()), project);
            }
            // The targets table goes with a text report; beside a JSON/SARIF/... document (which
            // carries the same data) it goes to stderr.
            if (!common.quiet) {
                BuildReport.targets(common.format.equals("text") && common.output == null ? stdout : err, outcome, model);
            }
            int code = output.report(catalog, diagnosis.rules(), diagnosis.findings());
            if (outcome.anyFailed() && diagnosis.findings().isEmpty() && !common.quiet) {
                err.println("wheelwright: no rule recognises why the build failed; the first error in its log is the place to start");
            }
            if (cancelled) {
                err.println("wheelwright: build cancelled");
            }
            // A build that failed is an error even when no rule recognises why.
            // A requested target that was not built (refused up front) fails the run as well.
            // So is a wheel that was built but fails its test (it does not import where it is meant to run).
            boolean failed = (outcome.anyFailed() || !outcome.refused().isEmpty() || model.anyTestFailed())
                    && FindingsOutput.threshold(common.failOn) != null;
            return failed ? ExitCode.FINDINGS : code;
        } finally {
            if (!dryRun) {
                BuildRunner.deleteQuietly(workRoot);
            }
        }
    }

    /** Why the container engine cannot run builds (not installed, no daemon), or null when it can. */
    static String engineWhyNot(String engine) {
        try {
            Process p = new ProcessBuilder(engine, "info").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return engine + " info did not answer within 30 s: is the daemon running?";
            }
            if (p.exitValue() != 0) {
                String last = text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit " + p.exitValue());
                return engine + " cannot run containers here (" + engine + " info: " + last.trim() + ")";
            }
            return null;
        } catch (IOException e) {
            return engine + " is not installed (or not on PATH)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The environment a plan's build runs with. */
    private static Map<String, String> merged(BuildPlan p) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(p.environment());
        return env;
    }

    /** {@code $XDG_CACHE_HOME/wheelwright}, else {@code ~/.cache/wheelwright}. */
    static Path defaultCacheDir() {
        // the folder deps' HTTP cache lives in, one level up
        return dev.wheelwright.index.HttpCache.defaultDir().getParent();
    }

    static void checkProject(Path dir) {
        if (!Files.exists(dir)) {
            throw new WheelwrightException(dir + ": no such folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new WheelwrightException(dir + ": not a folder (give the project folder)");
        }
        if (!Files.isRegularFile(dir.resolve("pyproject.toml")) && !Files.isRegularFile(dir.resolve("setup.py"))) {
            throw new WheelwrightException(dir + ": not a Python project (no pyproject.toml or setup.py)");
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    /** 90, 90s, 30m, 1h, 500ms. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new WheelwrightException("--timeout " + text + ": not a duration (e.g. 90s, 30m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new WheelwrightException("--timeout " + text + ": must be more than zero");
        }
        return d;
    }

    private static String testLine(dev.wheelwright.build.TestPlan t) {
        String what = t.command() == null ? "import every top-level module of the wheel" : t.command();
        return switch (t.mode()) {
            case NONE -> "not tested: " + t.whyNot();
            case NATIVE -> what + ", natively with " + String.join(" ", t.python());
            case QEMU -> what + ", under QEMU with " + (t.python().isEmpty()
                    ? t.qemu() + " and a Debian " + t.debianArch() + " Python " + t.pythonVersion() + " (made once in "
                    + dev.wheelwright.build.DebianSysroot.folder(t.cacheDir(), t.debianArch(), t.pythonVersion()) + ")"
                    : String.join(" ", t.python()));
        };
    }

    private void printPlans(PrintWriter o, PythonInfo info, BuildPlanner.Plans plans) {
        o.println("Interpreter: " + info.executable() + " (Python " + info.version() + ", " + info.platform() + ")");
        for (BuildPlan p : plans.plans()) {
            o.println();
            o.println("target " + p.target() + " (" + p.arch() + ")");
            o.println("  front end:   " + p.frontEnd());
            o.println("  directory:   " + (p.copyFrom() != null ? "a private copy of " + p.copyFrom() : p.directory()));
            o.println("  command:     " + String.join(" ", p.command()));
            for (Map.Entry<String, String> e : p.environment().entrySet()) {
                o.println("  environment: " + e.getKey() + "=" + e.getValue());
            }
            o.println("  compiled:    " + p.compiled());
            if (p.test() != null) {
                o.println("  test:        " + testLine(p.test()));
            }
            o.println("  log:         " + p.log());
            for (String n : p.notes()) {
                o.println("  note:        " + n);
            }
        }
        for (Unbuildable u : plans.unbuildable()) {
            o.println();
            o.println("target " + u.target() + ": not built: " + u.reason());
        }
    }
}
