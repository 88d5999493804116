package dev.wheelwright.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.project.ProjectReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BumpCibuildwheelFixTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "      - uses: joerick/cibuildwheel@v1.8.0|      - uses: pypa/cibuildwheel@v1.9.0|",
        "      - uses: pypa/cibuildwheel@v1.12.0  # pinned|      - uses: pypa/cibuildwheel@v1.12.0  # pinned|",
        "      - run: pipx run cibuildwheel==1.7.4|      - run: pipx run cibuildwheel==1.9.0|",
        "      - uses: pypa/cibuildwheel@0123456789abcdef0123456789abcdef01234567 # v1.8.0|"
                + "      - uses: pypa/cibuildwheel@0123456789abcdef0123456789abcdef01234567 # v1.8.0"
                + "|.github/workflows/w.yml:6: pin cibuildwheel 1.9.0 or later (a commit pin needs the new commit's SHA)",
    })
    void raisesThePinToTheFirstReleaseThatCanBuildIt(String step, String expected, String manual, @TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".github/workflows"));
        String head = "jobs:\n  mac:\n    runs-on: macos-14\n    steps:\n      - uses: actions/checkout@v4\n";
        String tail = "\n        env:\n          CIBW_ARCHS_MACOS: arm64\n";
        Files.writeString(dir.resolve(".github/workflows/w.yml"), head + step + tail);
        FixPlan plan = new BumpCibuildwheelFix().plan(dir, new ProjectReader().read(dir));
        if (expected.equals(step)) {
            assertThat(plan.edits()).isEmpty();
        } else {
            assertThat(plan.edits()).singleElement().extracting(FileEdit::after).isEqualTo(head + expected + tail);
            DoctorAgain.applyAndCheck(dir, plan, "cibuildwheel-too-old");
        }
        if (manual == null) {
            assertThat(plan.manual()).isEmpty();
        } else {
            assertThat(plan.manual()).containsExactly(manual);
        }
    }
}
