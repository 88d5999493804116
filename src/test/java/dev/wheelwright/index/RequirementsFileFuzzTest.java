package dev.wheelwright.index;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.WheelwrightException;
import dev.wheelwright.fuzz.FuzzBounds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code deps -r FILE} reads: a requirements file of arbitrary bytes, next to files it may
 * include ({@code base.txt}, {@code sub/more.txt}) and a folder symlink that loops
 * ({@code loop -> .}). A {@link WheelwrightException} with one line naming the file is the only
 * error that may escape.
 */
class RequirementsFileFuzzTest {
    private static final Path ROOT;
    private static final AtomicLong RUN = new AtomicLong();
    private static final Map<String, String> ENV = Map.of("INDEX", "https://pypi.example/simple", "EMPTY", "");

    static {
        try {
            ROOT = Files.createTempDirectory("ww-requirements-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static {
        // the first read loads the classes and patterns: not an input's allocation
        try {
            Path warm = Files.createDirectories(ROOT.resolve("warm-up"));
            Files.writeString(warm.resolve("r.txt"), "six>=1.16 ; python_version >= '3.8' --hash=sha256:00\n-i ${INDEX}\n");
            for (int i = 0; i < 3; i++) {
                for (RequirementsFile.Entry e : RequirementsFile.read(warm.resolve("r.txt"), ENV).requirements()) {
                    Pep508.requirement(e.requirement());
                }
            }
        } catch (IOException | RuntimeException e) {
            // a warm-up that fails leaves the first input to pay for the loading
        }
    }

    @FuzzTest(maxDuration = "10m")
    void read(byte[] data) {
        Path dir = ROOT.resolve("r" + RUN.incrementAndGet());
        Path file = dir.resolve("requirements.txt");
        try {
            Files.createDirectories(dir.resolve("sub"));
            Files.writeString(dir.resolve("base.txt"), "six>=1.16\n-r sub/more.txt\n");
            Files.writeString(dir.resolve("sub/more.txt"), "attrs ; python_version >= '3.8'\n--find-links ../wheels\n");
            Files.createDirectories(dir.resolve("wheels"));
            try {
                Files.createSymbolicLink(dir.resolve("loop"), Path.of("."));
            } catch (UnsupportedOperationException | IOException e) {
                // no symbolic links here: the loop is left out
            }
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FuzzBounds.check("requirements file of " + data.length + " bytes", data.length, () -> {
            RequirementsFile.Contents c = RequirementsFile.read(file, ENV);
            c.applyTo(new IndexSettings("https://pypi.org/simple", List.of(), List.of(), null));
            for (RequirementsFile.Entry e : c.requirements()) {
                Pep508.requirement(e.requirement());
            }
        }, WheelwrightException.class);
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a folder left in the temporary directory is harmless
        }
    }
}
