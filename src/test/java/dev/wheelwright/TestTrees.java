package dev.wheelwright;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of test folders, for tests that build or fix a project and so write into its tree. */
public final class TestTrees {
    private TestTrees() {}

    /** Copies the tree {@code from} to {@code to} (which must not exist yet); returns {@code to}. */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}
