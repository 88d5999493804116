package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.build.BuildPlan;
import dev.wheelwright.build.TargetResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildProgressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "* Building wheel...                                  | * Building wheel...",
            "running build_ext                                    | running build_ext",
            "x86_64-linux-gnu-gcc -Wall -fPIC -c _hello.c -o x.o  | x86_64-linux-gnu-gcc -Wall -fPIC -c _hello.c -o x.o",
            "  Building wheel for demo (pyproject.toml): started  | Building wheel for demo (pyproject.toml): started",
            "copying src/hello_ext/__init__.py -> build/lib       | ",
            "'    '                                               | ",
    })
    void stepsAreTheLinesThatSayWhatTheBuildIsDoing(String line, String step) {
        assertThat(BuildProgress.step(line)).isEqualTo(step);
    }

    @Test
    void withoutATerminalEachBuildGetsAStartAndAnEndLine() {
        StringWriter err = new StringWriter();
        BuildPlan plan = new BuildPlan("arm64", "arm64", "build", List.of("python3"), Map.of(), Path.of("."), null,
                Path.of("dist"), Path.of("wheelhouse/logs/arm64.log"), List.of());
        try (BuildProgress p = new BuildProgress(new PrintWriter(err, true), false, false)) {
            p.started(plan);
            p.line(plan, "running build_ext");
            p.finished(new TargetResult("arm64", TargetResult.Status.FAILED, 1, plan.log(), List.of(),
                    Duration.ofMillis(1500), "build exited with code 1"));
        }
        assertThat(err.toString()).isEqualTo("build arm64: started (build, arm64)\n"
                + "build arm64: failed in 1.5 s — build exited with code 1; log: wheelhouse/logs/arm64.log\n");
        StringWriter quiet = new StringWriter();
        try (BuildProgress p = new BuildProgress(new PrintWriter(quiet, true), false, true)) {
            p.started(plan);
        }
        assertThat(quiet.toString()).isEmpty();
    }
}
