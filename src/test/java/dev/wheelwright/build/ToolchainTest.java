package dev.wheelwright.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolchainTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"c-ext-ok,true", "cffi-ok,true", "missing-header,true"})
    void projectsWithCompiledCodeNeedACompiler(String project, boolean needs) {
        assertThat(Toolchain.needsCompiler(Path.of("testdata/projects", project))).isEqualTo(needs);
    }

    @Test
    void aPurePythonProjectNeedsNone() throws Exception {
        Files.writeString(tmp.resolve("setup.py"), "from setuptools import setup\nsetup(name='pure', py_modules=['pure'])\n");
        Files.writeString(tmp.resolve("pure.py"), "X = 1\n");
        // C sources under build/ are leftovers of an earlier build, not the project's
        Files.createDirectories(tmp.resolve("build/temp"));
        Files.writeString(tmp.resolve("build/temp/old.c"), "int x;");
        assertThat(Toolchain.needsCompiler(tmp)).isFalse();
        Files.writeString(tmp.resolve("fast.pyx"), "def f(): pass\n");
        assertThat(Toolchain.needsCompiler(tmp)).isTrue();
    }

    @Test
    void compilerComesFromCcElseFromPath() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path gcc = Files.writeString(bin.resolve("gcc"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(gcc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(bin.resolve("cc"), "not executable");
        assertThat(Toolchain.findCompiler(Map.of("PATH", bin.toString()))).contains(gcc);
        assertThat(Toolchain.findCompiler(Map.of("PATH", bin.toString(), "CC", "gcc -m64"))).contains(gcc);
        assertThat(Toolchain.findCompiler(Map.of("PATH", bin.toString(), "CC", "clang"))).isEmpty();
        assertThat(Toolchain.findCompiler(Map.of("PATH", tmp.resolve("nothing").toString()))).isEmpty();
        assertThat(Toolchain.findCompiler(Map.of("CC", gcc.toString()))).contains(gcc);
    }
}
