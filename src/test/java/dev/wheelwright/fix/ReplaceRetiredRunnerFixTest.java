package dev.wheelwright.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.project.ProjectReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplaceRetiredRunnerFixTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "    runs-on: macos-13|    runs-on: macos-15-intel",
        "    runs-on: \"macos-11\"  # Intel|    runs-on: \"macos-15-intel\"  # Intel",
        "    runs-on: ubuntu-20.04|    runs-on: ubuntu-24.04",
    })
    void theLabelIsReplacedOnItsLineAndDoctorNoLongerReportsIt(String before, String after, @TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".github/workflows"));
        String head = "jobs:\n  build:\n";
        String tail = "\n    steps:\n      - uses: actions/checkout@v4\n      - uses: pypa/cibuildwheel@v2.22.0\n";
        Files.writeString(dir.resolve(".github/workflows/w.yml"), head + before + tail);
        FixPlan plan = new ReplaceRetiredRunnerFix().plan(dir, new ProjectReader().read(dir));
        assertThat(plan.manual()).isEmpty();
        assertThat(plan.edits()).singleElement().extracting(FileEdit::after).isEqualTo(head + after + tail);
        DoctorAgain.applyAndCheck(dir, plan, "runner-image-retired");
    }
}
