package dev.wheelwright.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes (POSIX sh scripts standing in for the front end). */
class BuildRunnerTest {

    @TempDir
    Path tmp;

    BuildPlan plan(String target, String script, Map<String, String> env, Path dir, Path copyFrom) {
        return new BuildPlan(target, "x86_64", "build", List.of("sh", "-c", script), env, dir, copyFrom,
                tmp.resolve("work").resolve(target + "-dist"), tmp.resolve("out/logs/" + target + ".log"), List.of());
    }

    Path project() throws Exception {
        Path p = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(p.resolve("setup.py"), "from setuptools import setup\nsetup()\n");
        return p;
    }

    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ";

    @Test
    void successfulBuildLogsEveryLineWithATimestampAndCollectsItsWheel() throws Exception {
        Path dir = project();
        List<String> seen = new CopyOnWriteArrayList<>();
        BuildRunner runner = new BuildRunner(1, Duration.ofMinutes(1), new BuildRunner.Listener() {
            @Override
            public void line(BuildPlan p, String line) {
                seen.add(line);
            }
        });
        BuildPlan p = plan("native", "echo compiling; echo oops >&2; touch \"$OUTDIR/demo-1.0-py3-none-any.whl\"",
                Map.of("OUTDIR", tmp.resolve("work/native-dist").toString()), dir, null);
        TargetResult r = runner.run(List.of(p), tmp.resolve("out")).get(0);

        assertThat(r.status()).isEqualTo(TargetResult.Status.SUCCEEDED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.wheels()).containsExactly(tmp.resolve("out/demo-1.0-py3-none-any.whl"));
        assertThat(r.wheels().get(0)).exists();
        assertThat(seen).containsExactly("compiling", "oops");
        List<String> log = Files.readAllLines(r.log());
        assertThat(log).allMatch(l -> l.matches(TIMESTAMP + ".*"));
        assertThat(log.stream().map(l -> l.substring(25)).toList())
                .contains("compiling", "oops", "# command: sh -c " + p.command().get(2), "# wheelwright: succeeded (exit 0)");
        assertThat(tmp.resolve("out/logs")).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void failedBuildKeepsItsLogAndExitCode() throws Exception {
        TargetResult r = new BuildRunner(1, Duration.ofMinutes(1), new BuildRunner.Listener() {})
                .run(List.of(plan("native", "echo 'fatal error: ffi.h: No such file or directory'; exit 3", Map.of(), project(), null)),
                        tmp.resolve("out")).get(0);
        assertThat(r.status()).isEqualTo(TargetResult.Status.FAILED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.detail()).isEqualTo("build exited with code 3");
        assertThat(r.wheels()).isEmpty();
        assertThat(Files.readString(r.log())).contains("fatal error: ffi.h: No such file or directory");
    }

    @Test
    void successWithoutAWheelIsAFailure() throws Exception {
        TargetResult r = new BuildRunner(1, Duration.ofMinutes(1), new BuildRunner.Listener() {})
                .run(List.of(plan("native", "true", Map.of(), project(), null)), tmp.resolve("out")).get(0);
        assertThat(r.status()).isEqualTo(TargetResult.Status.FAILED);
        assertThat(r.detail()).contains("wrote no wheel");
    }

    @Test
    void timeoutStopsTheBuildAndItsChildren() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        long start = System.nanoTime();
        TargetResult r = new BuildRunner(1, Duration.ofMillis(2500), new BuildRunner.Listener() {})
                .run(List.of(plan("native", "sleep 60 & echo $! > '" + pidFile + "'; wait", Map.of(), project(), null)),
                        tmp.resolve("out")).get(0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(r.status()).isEqualTo(TargetResult.Status.TIMED_OUT);
        assertThat(r.detail()).contains("timeout");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.readString(r.log())).contains("# wheelwright: timed-out");
    }

    @Test
    void interruptingTheCallerCancelsRunningBuilds() throws Exception {
        Path dir = project();
        AtomicReference<List<TargetResult>> results = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                results.set(new BuildRunner(1, Duration.ofMinutes(1), new BuildRunner.Listener() {})
                        .run(List.of(plan("native", "echo started; sleep 60", Map.of(), dir, null)), tmp.resolve("out")));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        caller.start();
        Path log = tmp.resolve("out/logs/native.log.part");
        for (int i = 0; i < 200 && !(Files.exists(log) && Files.readString(log).contains("started")); i++) {
            Thread.sleep(50);
        }
        caller.interrupt();
        caller.join(20_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(results.get()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(TargetResult.Status.CANCELLED));
    }

    @Test
    void copiesLeaveOutBuildOutputAndVersionControl() throws Exception {
        Path p = project();
        for (String d : List.of("build/lib", ".git", ".eggs/cffi.egg", "demo.egg-info", "src/pkg", "dist")) {
            Files.createDirectories(p.resolve(d));
        }
        Files.writeString(p.resolve("src/pkg/mod.c"), "int x;");
        Files.writeString(p.resolve("build/lib/stale.o"), "stale");
        Files.createSymbolicLink(p.resolve("link.c"), Path.of("src/pkg/mod.c"));
        Path copy = tmp.resolve("copy/project");
        BuildRunner.copyTree(p, copy);
        assertThat(copy.resolve("src/pkg/mod.c")).hasContent("int x;");
        assertThat(copy.resolve("setup.py")).exists();
        assertThat(Files.isSymbolicLink(copy.resolve("link.c"))).isTrue();
        for (String gone : List.of("build", ".git", ".eggs", "demo.egg-info", "dist")) {
            assertThat(copy.resolve(gone)).doesNotExist();
        }
    }

    /** Two targets at once: each in its own copy, with its own environment, log and wheel. */
    @Test
    void twoTargetsInOneRunDoNotSeeEachOther() throws Exception {
        Path p = project();
        Path work = tmp.resolve("work");
        // Both run at once: a shared folder would hold both markers after the pause.
        String script = "touch marker-$TARGET; sleep 0.5; ls marker-* | wc -l > count; "
                + "test \"$(cat count | tr -d ' ')\" = 1 || exit 8; "
                + "echo \"arch=$ARCHFLAGS\"; touch \"$OUTDIR/demo-1.0-cp311-cp311-$TARGET.whl\"";
        List<BuildPlan> plans = List.of(
                plan("x86_64", script, Map.of("TARGET", "x86_64", "ARCHFLAGS", "-arch x86_64",
                        "OUTDIR", work.resolve("x86_64-dist").toString()), work.resolve("x86_64/project"), p),
                plan("arm64", script, Map.of("TARGET", "arm64", "ARCHFLAGS", "-arch arm64",
                        "OUTDIR", work.resolve("arm64-dist").toString()), work.resolve("arm64/project"), p));
        List<TargetResult> results = new BuildRunner(2, Duration.ofMinutes(1), new BuildRunner.Listener() {}).run(plans, tmp.resolve("out"));
        assertThat(results).extracting(TargetResult::status).containsOnly(TargetResult.Status.SUCCEEDED);
        assertThat(results.get(0).wheels()).extracting(w -> w.getFileName().toString()).containsExactly("demo-1.0-cp311-cp311-x86_64.whl");
        assertThat(results.get(1).wheels()).extracting(w -> w.getFileName().toString()).containsExactly("demo-1.0-cp311-cp311-arm64.whl");
        assertThat(Files.readString(results.get(0).log())).contains("arch=-arch x86_64").doesNotContain("-arch arm64");
        assertThat(Files.readString(results.get(1).log())).contains("arch=-arch arm64").doesNotContain("-arch x86_64");
        assertThat(p).isDirectoryNotContaining("glob:**marker-*");
    }
}
