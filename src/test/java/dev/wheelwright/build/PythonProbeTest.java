package dev.wheelwright.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonProbeTest {

    @TempDir
    Path tmp;

    /** A python3 that sees only the standard library and {@code dir} (no site-packages). */
    private Path pythonWith(Path dir) throws Exception {
        Path script = tmp.resolve("py-" + dir.getFileName());
        Files.writeString(script, "#!/bin/sh\nPYTHONPATH='" + dir + "' exec python3 -S \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aBareBuildFolderIsNotTheBuildFrontEnd() throws Exception {
        assumeTrue(python3(), "python3 is needed");
        // setuptools leaves build/ in every project it builds: a namespace package to find_spec
        Path project = Files.createDirectories(tmp.resolve("project/build/lib"));
        PythonInfo info = PythonProbe.probe(pythonWith(project.getParent().getParent()).toString());
        assertThat(info.hasBuild()).isFalse();

        Path real = Files.createDirectories(tmp.resolve("site/build"));
        Files.writeString(real.resolve("__init__.py"), "");
        Files.writeString(real.resolve("__main__.py"), "");
        assertThat(PythonProbe.probe(pythonWith(real.getParent()).toString()).hasBuild()).isTrue();
    }
}
