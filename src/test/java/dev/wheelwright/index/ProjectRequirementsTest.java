package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRequirementsTest {
    @TempDir
    Path dir;

    @Test
    void pyprojectAndSetupCfg() throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), """
                [build-system]
                requires = ["setuptools>=61", "cffi>=1.15"]
                [project]
                name = "x"
                dependencies = ["cffi>=1.15"]
                [project.optional-dependencies]
                Speed = ["ujson"]
                """);
        Files.writeString(dir.resolve("setup.cfg"), """
                [options]
                setup_requires =
                    cython<3
                install_requires =
                    attrs
                    # a comment
                    colorama; sys_platform == "win32"
                [options.extras_require]
                test = pytest
                """);
        ProjectRequirements r = ProjectRequirements.read(dir, List.of("speed", "test"));
        assertThat(r.build()).containsExactly("setuptools>=61", "cffi>=1.15", "cython<3");
        assertThat(r.runtime()).containsExactly("cffi>=1.15", "ujson", "attrs", "colorama; sys_platform == \"win32\"", "pytest");
        assertThat(r.sources()).containsExactly(dir.resolve("pyproject.toml"), dir.resolve("setup.cfg"));
    }

    @Test
    void badProjectsSayWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> ProjectRequirements.read(dir, List.of()))
                .hasMessage(dir + ": no pyproject.toml or setup.cfg with requirements");
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system]\nrequires = \"setuptools\"\n");
        assertThatThrownBy(() -> ProjectRequirements.read(dir, List.of()))
                .hasMessage(dir.resolve("pyproject.toml") + ": [build-system].requires must be a list of strings");
        Files.writeString(dir.resolve("pyproject.toml"), "[build-system\n");
        assertThatThrownBy(() -> ProjectRequirements.read(dir, List.of()))
                .hasMessageStartingWith(dir.resolve("pyproject.toml") + ": malformed TOML (");
    }
}
