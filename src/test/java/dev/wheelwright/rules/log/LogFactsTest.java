package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log facts that tell run time from build time, a source build that worked, and delocate's failure. */
class LogFactsTest {

    private static LogFacts facts(String... lines) throws IOException {
        String log = String.join("\n", lines) + "\n";
        // small chunks, so that a fact pair (a frame and its exception) may straddle two chunks
        return new LogScanner(List.of(), 2, 64).scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), h -> { });
    }

    @Test
    void anInteractiveTracebackIsRunTime() throws IOException {
        LogFacts f = facts(
                "Successfully installed demo-1.0",
                ">>> import demo",
                "Traceback (most recent call last):",
                "  File \"<stdin>\", line 1, in <module>",
                "ModuleNotFoundError: No module named 'demo._core'");
        assertThat(f.runtimeLine()).isEqualTo(3);
    }

    @Test
    void python313ReplFrameIsRunTime() throws IOException {
        LogFacts f = facts("x", "y", "Traceback (most recent call last):", "  File \"<python-input-0>\", line 1, in <module>",
                "    import distutils");
        assertThat(f.runtimeLine()).isEqualTo(3);
    }

    @Test
    void aOneLinerThatFailsOnImportIsRunTime() throws IOException {
        LogFacts f = facts(
                "Finished processing dependencies for demo==1.0",
                "Traceback (most recent call last):",
                "  File \"<string>\", line 1, in <module>",
                "ImportError: No module named api");
        assertThat(f.runtimeLine()).isEqualTo(2);
    }

    @Test
    void pipsSetupPyShimFrameIsABuild() throws IOException {
        LogFacts f = facts(
                "    Complete output from command python setup.py egg_info:",
                "    Traceback (most recent call last):",
                "      File \"<string>\", line 1, in <module>",
                "      File \"/tmp/pip-build-abc/demo/setup.py\", line 12, in <module>",
                "        import numpy",
                "    ImportError: No module named numpy");
        assertThat(f.runtimeLine()).isZero();
    }

    @Test
    void pipsOneLinerWithoutSetuptoolsIsABuild() throws IOException {
        LogFacts f = facts(
                "    Complete output from command python setup.py egg_info:",
                "    Traceback (most recent call last):",
                "      File \"<string>\", line 1, in <module>",
                "    ImportError: No module named setuptools");
        assertThat(f.runtimeLine()).isZero();
    }

    @Test
    void storedWheelsAndDependencyProcessing() throws IOException {
        LogFacts f = facts(
                "  Running setup.py bdist_wheel for docopt ... done",
                "  Stored in directory: /home/u/.cache/pip/wheels/aa/bb",
                "  Running setup.py bdist_wheel for termcolor ... done",
                "  Stored in directory: /home/u/.cache/pip/wheels/cc/dd",
                "Processing dependencies for demo==1.0",
                "Processing dependencies for other==2.0");
        assertThat(f.wheelBuiltLine()).isEqualTo(4);     // the last one
        assertThat(f.dependenciesLine()).isEqualTo(5);   // the first one
    }

    @Test
    void delocateFailureFromItsScriptFrame() throws IOException {
        LogFacts f = facts(
                "  + delocate-wheel --require-archs arm64 -w /tmp/repaired -v /tmp/built/demo-1.0-cp311-cp311-macosx_11_0_arm64.whl",
                "  INFO:delocate.delocating:Copying library /opt/homebrew/lib/libomp.dylib to demo/.dylibs/libomp.dylib",
                "  Fixing: /tmp/built/demo-1.0-cp311-cp311-macosx_11_0_arm64.whl",
                "  Some other line",
                "  Traceback (most recent call last):",
                "    File \"/tmp/venv/bin/delocate-wheel\", line 8, in <module>");
        assertThat(f.delocateArchs()).isEqualTo("arm64");
        assertThat(f.delocateFailedLine()).isEqualTo(6);
    }

    @Test
    void delocateFailureRightAfterFixing() throws IOException {
        LogFacts f = facts(
                "+ delocate-wheel --require-archs=arm64,x86_64 -w wheelhouse -v dist/demo-1.0-cp312-cp312-macosx_10_13_universal2.whl",
                "Fixing: dist/demo-1.0-cp312-cp312-macosx_10_13_universal2.whl",
                "Traceback (most recent call last):");
        assertThat(f.delocateArchs()).isEqualTo("arm64,x86_64");
        assertThat(f.delocateFailedLine()).isEqualTo(3);
    }

    @Test
    void aSuccessfulDelocateStatesNoFailure() throws IOException {
        LogFacts f = facts(
                "+ delocate-wheel --require-archs x86_64 -w wheelhouse -v dist/demo-1.0-cp312-cp312-macosx_13_0_x86_64.whl",
                "Fixing: dist/demo-1.0-cp312-cp312-macosx_13_0_x86_64.whl",
                "Copied to package .dylibs directory:",
                "Traceback (most recent call last):");
        assertThat(f.delocateFailedLine()).isZero();
        assertThat(f.runtimeLine()).isZero();
    }
}
