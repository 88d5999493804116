package dev.wheelwright.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs build plans as child processes: each in its folder (copying the project first when the
 * plan says so), its output streamed line by line with a timestamp into its log, stopped at
 * its timeout or when the calling thread is interrupted, its wheels moved to the output folder.
 */
public final class BuildRunner {

    /** Progress of the builds, for a display; called from the builds' threads. */
    public interface Listener {
        default void started(BuildPlan plan) {}

        default void line(BuildPlan plan, String line) {}

        default void finished(TargetResult result) {}
    }

    /**
     * Folders never copied into a build's private tree: earlier build output (whose stale
     * objects for another arch would be linked again), version control, environments.
     */
    static final Set<String> NOT_COPIED = Set.of("build", "dist", ".eggs", ".git", ".hg", ".tox", ".nox", ".venv",
            "venv", "__pycache__", "wheelhouse", ".mypy_cache", ".pytest_cache");

    /** Prefix of every log line, as in GitHub Actions logs: 2026-01-31T12:00:00.123Z. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final int jobs;
    private final Duration timeout;
    private final Listener listener;
    private final Clock clock;

    public BuildRunner(int jobs, Duration timeout, Listener listener) {
        this(jobs, timeout, listener, Clock.systemUTC());
    }

    BuildRunner(int jobs, Duration timeout, Listener listener, Clock clock) {
        this.jobs = Math.max(1, jobs);
        this.timeout = timeout;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Runs every plan ({@code jobs} at a time) and returns their results in plan order. When
     * the calling thread is interrupted, running builds are stopped and reported as cancelled.
     *
     * @param out the folder produced wheels are moved to
     */
    public List<TargetResult> run(List<BuildPlan> plans, Path out) throws IOException {
        Files.createDirectories(out.resolve("logs"));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, plans.size())), r -> {
            Thread t = new Thread(r, "wheelwright-build");
            t.setDaemon(true);
            return t;
        });
        List<Future<TargetResult>> futures = new ArrayList<>();
        try {
            for (BuildPlan plan : plans) {
                futures.add(pool.submit(() -> runOne(plan, out)));
            }
            List<TargetResult> results = new ArrayList<>();
            boolean interrupted = false;
            for (int i = 0; i < plans.size(); i++) {
                BuildPlan plan = plans.get(i);
                Future<TargetResult> f = futures.get(i);
                TargetResult r = null;
                while (r == null) {
                    try {
                        r = interrupted && !f.isDone() ? waitAfterCancel(f, plan) : f.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        futures.forEach(x -> x.cancel(true));
                    } catch (java.util.concurrent.CancellationException e) {
                        r = cancelled(plan, Duration.ZERO);
                    } catch (ExecutionException e) {
                        Throwable c = e.getCause();
                        r = new TargetResult(plan.target(), TargetResult.Status.FAILED, -1, plan.log(), List.of(),
                                Duration.ZERO, "could not run: " + c.getMessage());
                    }
                }
                results.add(r);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static TargetResult waitAfterCancel(Future<TargetResult> f, BuildPlan plan) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return cancelled(plan, Duration.ZERO);
        }
    }

    private static TargetResult cancelled(BuildPlan plan, Duration d) {
        return new TargetResult(plan.target(), TargetResult.Status.CANCELLED, -1, plan.log(), List.of(), d, "cancelled");
    }

    TargetResult runOne(BuildPlan plan, Path out) throws IOException {
        ChildProcesses.buildStarted();
        try {
            return runOneTracked(plan, out);
        } finally {
            ChildProcesses.buildEnded();
        }
    }

    private TargetResult runOneTracked(BuildPlan plan, Path out) throws IOException {
        listener.started(plan);
        Instant start = clock.instant();
        Files.createDirectories(plan.log().getParent());
        Path partial = plan.log().resolveSibling(plan.log().getFileName() + ".part");
        TargetResult result;
        try (Writer log = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            header(log, plan);
            result = execute(plan, out, log, start);
            log.write(stamp() + " # wheelwright: " + result.status().id()
                    + (result.exitCode() >= 0 ? " (exit " + result.exitCode() + ")" : "")
                    + (result.detail().isEmpty() ? "" : ": " + result.detail()) + "\n");
        } finally {
            // The log is complete or not there at all (readers never see half a log).
            if (Files.exists(partial)) {
                Files.move(partial, plan.log(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        listener.finished(result);
        return result;
    }

    private TargetResult execute(BuildPlan plan, Path out, Writer log, Instant start) throws IOException {
        if (plan.copyFrom() != null) {
            copyTree(plan.copyFrom(), plan.directory());
        }
        deleteTree(plan.wheelDir());
        Files.createDirectories(plan.wheelDir());
        if (plan.sysconfigData() != null && plan.stage() != null) {
            Files.createDirectories(plan.stage());
            Files.copy(plan.sysconfigData(), plan.stage().resolve(plan.sysconfigData().getFileName().toString()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder(plan.command())
                .directory(plan.directory().toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(plan.environment());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            log.write(stamp() + " # wheelwright: cannot start " + plan.command().get(0) + ": " + e.getMessage() + "\n");
            return new TargetResult(plan.target(), TargetResult.Status.FAILED, -1, plan.log(), List.of(),
                    Duration.between(start, clock.instant()), "cannot start " + plan.command().get(0));
        }
        ChildProcesses.register(p);
        p.getOutputStream().close();
        Thread pump = new Thread(() -> pump(plan, p, log), "wheelwright-log-" + plan.target());
        pump.setDaemon(true);
        pump.start();
        TargetResult.Status status;
        String detail = "";
        int code = -1;
        try {
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = p.exitValue();
                status = code == 0 ? TargetResult.Status.SUCCEEDED : TargetResult.Status.FAILED;
                if (code > 128 && code < 160) {
                    // POSIX shells' convention, which ProcessBuilder follows: 128 + the signal
                    detail = plan.frontEnd() + " was stopped by signal " + (code - 128);
                } else if (code != 0) {
                    detail = plan.frontEnd() + " exited with code " + code;
                }
            } else {
                ChildProcesses.destroyTree(p, Duration.ofSeconds(3));
                status = TargetResult.Status.TIMED_OUT;
                detail = "stopped after the timeout of " + human(timeout);
            }
        } catch (InterruptedException e) {
            ChildProcesses.destroyTree(p, Duration.ofSeconds(3));
            status = TargetResult.Status.CANCELLED;
            detail = "cancelled";
        } finally {
            ChildProcesses.unregister(p);
        }
        joinQuietly(pump);
        List<Path> wheels = List.of();
        if (status == TargetResult.Status.SUCCEEDED) {
            wheels = collectWheels(plan.wheelDir(), out);
            if (wheels.isEmpty()) {
                status = TargetResult.Status.FAILED;
                detail = plan.frontEnd() + " exited with code 0 but wrote no wheel";
            }
        }
        TestOutcome test = null;
        if (plan.test() != null && status == TargetResult.Status.SUCCEEDED) {
            test = test(plan, wheels, log);
        }
        return new TargetResult(plan.target(), status, code, plan.log(), wheels, Duration.between(start, clock.instant()), detail, test);
    }

    /** Tries the wheels as the plan says, into the build's log. */
    private TestOutcome test(BuildPlan plan, List<Path> wheels, Writer log) throws IOException {
        Path work = Files.createTempDirectory("wheelwright-test-");
        try {
            TestOutcome t = WheelTester.test(plan.test(), wheels, plan.copyFrom() != null ? plan.copyFrom() : plan.directory(), work,
                    timeout, line -> {
                        synchronized (log) {
                            try {
                                log.write(stamp() + " " + line + "\n");
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                        listener.line(plan, line);
                    });
            String host = HostPlatform.current().machine();
            if (t.status() == TestOutcome.Status.NOT_RUN && plan.cross()) {
                // the line cross-compiled-untested (WW-B024) reads
                log.write(stamp() + " # wheelwright: " + plan.arch() + " wheels were cross-compiled on " + host
                        + " and could not be tested: " + t.detail() + "\n");
            } else {
                log.write(stamp() + " # wheelwright: test " + t.status().id() + " (" + t.how() + ")"
                        + (t.status() == TestOutcome.Status.PASSED ? "" : ": " + t.detail()) + "\n");
            }
            return t;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            deleteQuietly(work);
        }
    }

    private void pump(BuildPlan plan, Process p, Writer log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (log) {
                    log.write(stamp() + " " + line + "\n");
                }
                listener.line(plan, line);
            }
        } catch (IOException e) {
            // the stream closes when the process is destroyed: nothing more to log
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String stamp() {
        return STAMP.format(clock.instant());
    }

    private void header(Writer log, BuildPlan plan) throws IOException {
        String s = stamp();
        log.write(s + " # wheelwright build: target " + plan.target() + " (" + plan.arch() + (plan.cross() ? ", cross-compiled" : "") + ")\n");
        log.write(s + " # directory: " + plan.directory() + "\n");
        log.write(s + " # command: " + String.join(" ", plan.command()) + "\n");
        for (var e : plan.environment().entrySet()) {
            log.write(s + " # env: " + e.getKey() + "=" + e.getValue() + "\n");
        }
        for (String note : plan.notes()) {
            log.write(s + " # note: " + note + "\n");
        }
        log.flush();
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
    }

    /** Moves the wheels a build wrote into the output folder (replacing same-named ones). */
    static List<Path> collectWheels(Path from, Path out) throws IOException {
        List<Path> moved = new ArrayList<>();
        Files.createDirectories(out);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(from, "*.whl")) {
            for (Path whl : ds) {
                Path to = out.resolve(whl.getFileName().toString());
                try {
                    Files.move(whl, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    // another file system: copy next to the target, then rename there
                    Path tmp = out.resolve(whl.getFileName() + ".part");
                    Files.copy(whl, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                moved.add(to);
            }
        }
        moved.sort(null);
        return moved;
    }

    /** Copies a project tree, leaving out build output, VCS folders and environments. */
    static void copyTree(Path from, Path to) throws IOException {
        deleteTree(to);
        Path src = from.toAbsolutePath().normalize();
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(src) && (NOT_COPIED.contains(name) || name.endsWith(".egg-info"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(src.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(src.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.copy(file, target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a folder tree, for clean-up paths that must not throw. */
    public static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temp folder left behind is harmless
        }
    }
}
