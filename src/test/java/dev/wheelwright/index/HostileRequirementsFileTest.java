package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.fuzz.FuzzBounds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #22's requirements-file inputs: a NUL in a {@code -r} path, include loops, long lines; each one line naming the file. */
class HostileRequirementsFileTest {
    @TempDir
    Path dir;

    private String error(Path file) {
        String[] message = new String[1];
        FuzzBounds.check(file.getFileName().toString(), 0, () -> {
            try {
                RequirementsFile.read(file, Map.of());
            } catch (WheelwrightException e) {
                message[0] = e.getMessage();
                throw e;
            }
        }, WheelwrightException.class);
        return message[0];
    }

    @Test
    void aNulInAnIncludedPathIsOneLine() throws IOException {
        Path f = Files.writeString(dir.resolve("requirements.txt"), "six\n-r a\u0000b.txt\n");
        assertThat(error(f)).startsWith(f + ":2: ").contains("a\\0b.txt").doesNotContain("\u0000");
        Files.writeString(f, "-f a\u0000b\n");
        assertThat(error(f)).startsWith(f + ":1: ");
    }

    @Test
    void includesThatLoopAreOneLine() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "six\n-r b.txt\n");
        Files.writeString(dir.resolve("b.txt"), "attrs\n-r a.txt\n");
        assertThat(error(a)).contains("b.txt:2: ").contains("a.txt: includes itself (-r loop)");
    }

    @Test
    void aSymlinkLoopOfIncludesIsOneLine() throws IOException {
        try {
            Files.createSymbolicLink(dir.resolve("loop"), Path.of("."));
            Files.createSymbolicLink(dir.resolve("self.txt"), Path.of("self.txt"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links cannot be made here: " + e);
        }
        Path f = Files.writeString(dir.resolve("requirements.txt"), "six\n-r loop/requirements.txt\n");
        assertThat(error(f)).contains("includes itself (-r loop)");
        Files.writeString(f, "-r loop/loop/./loop/loop/requirements.txt\n");
        assertThat(error(f)).contains("includes itself (-r loop)");
        Files.writeString(f, "-r self.txt\n");
        assertThat(error(f)).contains("self.txt");
    }

    @Test
    void longLinesAreReadInLinearTimeAndQuotedShort() throws IOException {
        String spaces = " ".repeat(200_000);
        Path f = Files.writeString(dir.resolve("requirements.txt"), "six" + spaces + "x\n");
        assertThat(error(f)).hasSizeLessThan(400);
        Files.writeString(f, "six" + spaces + "--what\n");
        assertThat(error(f)).hasSizeLessThan(400);
        Files.writeString(f, "--pre " + "x ".repeat(100_000) + "\n");
        assertThat(error(f)).hasSizeLessThan(400);
        Files.writeString(f, "-r " + "x".repeat(100_000) + "\n");
        assertThat(error(f)).hasSizeLessThan(400);
        Files.writeString(f, "six" + spaces + "# a comment\n" + ("attrs" + spaces + "\\\n").repeat(20) + "\n");
        FuzzBounds.check("comment after 200k spaces", 0, () -> RequirementsFile.read(f, Map.of()), WheelwrightException.class);
    }

    @Test
    void deepIncludesStopWithOneLine() throws IOException {
        for (int i = 0; i < 5_000; i++) {
            Files.writeString(dir.resolve("r" + i + ".txt"), "-r r" + (i + 1) + ".txt\n");
        }
        Files.writeString(dir.resolve("r5000.txt"), "six\n");
        String m = error(dir.resolve("r0.txt"));
        assertThat(m).contains("deep").hasSizeLessThan(600);
    }

    @Test
    void unreadableIsOneLine() {
        assertThatThrownBy(() -> RequirementsFile.read(dir.resolve("missing.txt"), Map.of()))
                .isInstanceOf(WheelwrightException.class).hasMessageContaining("missing.txt: no such file");
    }
}
