package dev.wheelwright.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubEnvWritesTest {
    private static GithubEnvWrites.Result read(String run, Map<String, Object> matrix, Map<String, Object> env) {
        GhExpr.Contexts ctx = new GhExpr.Contexts(Map.of()).with("matrix", matrix).with("env", env);
        return GithubEnvWrites.of(run, ctx, env, n -> n.startsWith("CIBW_") || n.equals("ARCHFLAGS"));
    }

    @Test
    void unconditionalEchoIsKnown() {
        GithubEnvWrites.Result r = read("echo 'CIBW_ARCHS=x86_64 universal2' >> $GITHUB_ENV\necho \"OTHER=1\" >> $GITHUB_ENV", Map.of(), Map.of());
        assertThat(r.set()).containsExactly(Map.entry("CIBW_ARCHS", "x86_64 universal2"));
        assertThat(r.unknown()).isEmpty();
    }

    @Test
    void bashIfOverASubstitutedMatrixValueIsDecided() {
        String run = "if [[ -n \"${{ matrix.qemu }}\" ]]; then\n  echo \"CIBW_ARCHS_LINUX=${{ matrix.qemu }}\" >> $GITHUB_ENV\nfi\n";
        assertThat(read(run, Map.of("qemu", "aarch64"), Map.of()).set()).containsExactly(Map.entry("CIBW_ARCHS_LINUX", "aarch64"));
        GithubEnvWrites.Result none = read(run, Map.of("qemu", ""), Map.of());
        assertThat(none.set()).isEmpty();
        assertThat(none.unknown()).isEmpty();
    }

    @Test
    void shellVariablesAndPowerShellBlocksAreUnknown() {
        assertThat(read("if [ \"$RUNNER_ARCH\" = ARM64 ]; then\n echo CIBW_ARCHS=ARM64 >> $GITHUB_ENV\nfi", Map.of(), Map.of()).unknown())
                .containsOnlyKeys("CIBW_ARCHS");
        assertThat(read("echo \"CIBW_ARCHS=$ARCH\" >> \"$GITHUB_ENV\"", Map.of(), Map.of()).unknown()).containsOnlyKeys("CIBW_ARCHS");
        String pwsh = "if ( 'x86' -eq 'x86' )\n{\n  echo \"CIBW_ARCHS=x86\" >> $env:GITHUB_ENV\n}\nelse\n{\n  echo \"CIBW_ARCHS=AMD64\" >> $env:GITHUB_ENV\n}";
        GithubEnvWrites.Result r = read(pwsh, Map.of(), Map.of());
        assertThat(r.set()).isEmpty();
        assertThat(r.unknown()).containsOnlyKeys("CIBW_ARCHS");
    }

    @Test
    void aBlobFromAStepVariableIsReadLineByLineWithHeredocs() {
        String blob = "CIBW_ARCHS_MACOS=x86_64 arm64\n\nCIBW_SKIP<<EOF\n*-musllinux_*\npp*\nEOF\n";
        GithubEnvWrites.Result r = read("echo \"${INPUT_ENV}\" >> \"${GITHUB_ENV}\"", Map.of(), Map.of("INPUT_ENV", blob));
        assertThat(r.set()).containsEntry("CIBW_ARCHS_MACOS", "x86_64 arm64").containsEntry("CIBW_SKIP", "*-musllinux_*\npp*");
        GithubEnvWrites.Result unknownBlob = read("echo \"${INPUT_ENV}\" >> \"${GITHUB_ENV}\"", Map.of(), Map.of("INPUT_ENV", GhExpr.UNKNOWN));
        assertThat(unknownBlob.unknown()).containsOnlyKeys(GithubEnvWrites.ANY);
    }

    @Test
    void workflowStepsSeeWhatAnEarlierStepWrote() throws Exception {
        String wf = """
                name: wheels
                on: [push]
                jobs:
                  build:
                    runs-on: ${{ matrix.os }}
                    strategy:
                      matrix:
                        os: [ubuntu-24.04, macos-14]
                    steps:
                      - name: macOS archs
                        if: runner.os == 'macOS'
                        run: echo 'CIBW_ARCHS=x86_64 universal2' >> $GITHUB_ENV
                      - name: Linux archs
                        if: runner.os == 'Linux'
                        run: |
                          if [ "$(uname -m)" = x86_64 ]; then
                            echo "CIBW_ARCHS=auto aarch64" >> $GITHUB_ENV
                          fi
                      - uses: pypa/cibuildwheel@v2.21.3
                """;
        List<ProjectProblem> problems = new ArrayList<>();
        List<CiRun> runs = CiReader.readWorkflow(".github/workflows/wheels.yml", wf, f -> null, problems);
        CiRun linux = runs.get(0);
        CiRun mac = runs.get(1);
        assertThat(mac.envVar("CIBW_ARCHS").orElseThrow()).isEqualTo(new Located<>("x86_64 universal2", ".github/workflows/wheels.yml", 12));
        assertThat(mac.unknown()).isEmpty();
        assertThat(linux.envVar("CIBW_ARCHS")).isEmpty();
        assertThat(linux.archsUnknown("linux")).isTrue();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ProjectProblem.Kind.CI_UNRESOLVED);
            assertThat(p.line()).isEqualTo(17);
            assertThat(p.message()).contains("$GITHUB_ENV for CIBW_ARCHS");
        });
    }
}
