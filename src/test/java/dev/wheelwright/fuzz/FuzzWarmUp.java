package dev.wheelwright.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a fuzz test's reader once over its committed seeds before the first measured input, so
 * that {@link FuzzBounds}' allocation bound measures the input and not the one-time loading
 * (and, under Jazzer, instrumenting) of the classes and tables that input is the first to touch.
 */
public final class FuzzWarmUp {
    @FunctionalInterface
    public interface Reader {
        void read(byte[] input) throws Exception;
    }

    private FuzzWarmUp() {}

    /** Reads each {@code seed-*} file of {@code <Test>Inputs/<method>/} with {@code reader}; errors are ignored. */
    public static void seeds(Class<?> test, String method, Reader reader) {
        URL dir = test.getResource(test.getSimpleName() + "Inputs/" + method);
        if (dir == null) {
            return;
        }
        List<Path> seeds;
        try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
            seeds = s.filter(p -> p.getFileName().toString().startsWith("seed-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
            return;
        }
        for (Path p : seeds) {
            try {
                reader.read(Files.readAllBytes(p));
            } catch (Exception | StackOverflowError ignored) {
                // only the warming matters here; the seed itself is checked as an input
            }
        }
    }
}
