package dev.wheelwright.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class RemoveWheelBuildRequirementFixTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "requires = [\"setuptools>=68\", \"wheel\"]|requires = [\"setuptools>=68\"]",
        "requires = [\"wheel\", \"setuptools\"]|requires = [\"setuptools\"]",
        "requires = ['setuptools', 'wheel>=0.40', 'cffi']|requires = ['setuptools', 'cffi']",
        "requires = [\\n  \"setuptools\",\\n  \"wheel\",  # old\\n  \"cffi\",\\n]|requires = [\\n  \"setuptools\",\\n  \"cffi\",\\n]",
    })
    void removesOnlyTheWheelItem(String before, String after, @TempDir Path dir) throws Exception {
        String head = "[build-system]\n";
        String tail = "\nbuild-backend = \"setuptools.build_meta\"\n";
        Files.writeString(dir.resolve("pyproject.toml"), head + before.replace("\\n", "\n") + tail);
        ProjectFacts p = new ProjectReader().read(dir);
        FixPlan plan = new RemoveWheelBuildRequirementFix().plan(dir, p);
        assertThat(plan.edits()).singleElement().extracting(FileEdit::after).isEqualTo(head + after.replace("\\n", "\n") + tail);
        DoctorAgain.applyAndCheck(dir, plan, "wheel-in-build-requires");
        assertThat(new ProjectReader().read(dir).pyproject().buildRequires()).noneMatch(r -> r.startsWith("wheel"));
    }
}
