package dev.wheelwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The skip logic of the optional-tool tests, checked by hiding the tools rather than by
 * uninstalling them: a python without its site-packages (so without build, cffi, setuptools), a
 * PATH without clang or without the C compiler.
 */
class ToolProbeTest {
    @TempDir
    Path tmp;

    String python3;

    @BeforeEach
    void python() {
        String missing = ToolProbe.missingProgram("python3");
        Assumptions.assumeTrue(missing == null, missing);
        python3 = "python3";
    }

    /** python3 -S: the interpreter without site-packages, with PYTHONPATH=dir. */
    Path pythonWithoutSitePackages(Path dir) throws Exception {
        Path script = tmp.resolve("bare-python");
        Files.writeString(script, "#!/bin/sh\nPYTHONPATH='" + dir + "' exec python3 -S \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void aPythonThatLacksTheModulesIsNamedWithThem() throws Exception {
        // a bare build/ folder (what setuptools leaves in a project) is a namespace package, not the front end
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.createDirectories(site.resolve("build/lib"));
        String bare = pythonWithoutSitePackages(site).toString();
        String missing = ToolProbe.missingModules(bare, "json", "build", "cffi");
        assertThat(missing).isEqualTo(bare + " has no module build (Debian: python3-build), cffi (Debian: python3-cffi)");
        assertThatThrownBy(() -> ToolProbe.assumeModules(bare, "build")).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("has no module build (Debian: python3-build)");
        assertThat(ToolProbe.missingModules(bare, "json", "zipfile")).as("standard library modules are there").isNull();
    }

    @Test
    void aModuleThatIsThereIsFound() throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site2/cffi"));
        Files.writeString(site.resolve("__init__.py"), "");
        assertThat(ToolProbe.missingModules(pythonWithoutSitePackages(site.getParent()).toString(), "cffi")).isNull();
    }

    @Test
    void aPythonThatCannotRunIsNamed() {
        String nowhere = tmp.resolve("no-python").toString();
        assertThat(ToolProbe.missingModules(nowhere, "build")).isEqualTo(nowhere + " cannot run");
    }

    @Test
    void aPathWithoutClangIsNamed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(ToolProbe.missingProgram("clang", empty.toString())).isEqualTo("clang is not on PATH");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path clang = Files.writeString(bin.resolve("clang"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(clang, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(ToolProbe.missingProgram("clang", empty + ":" + bin)).isNull();
        Files.setPosixFilePermissions(clang, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ToolProbe.missingProgram("clang", bin.toString())).as("not executable").isEqualTo("clang is not on PATH");
    }

    @Test
    void aPathWithoutTheCompilerPythonUsesIsNamed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-path"));
        String missing = ToolProbe.missingCompiler(python3, empty.toString());
        assertThat(missing).startsWith("the C compiler of python3: ").endsWith("is not on PATH (Debian: gcc)");
    }
}
