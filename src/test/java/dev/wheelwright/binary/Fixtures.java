package dev.wheelwright.binary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Locations of the committed binary fixtures and of the LLVM tools used as oracles. */
public final class Fixtures {
    public static final Path DIR = Path.of("testdata", "binaries");
    public static final Path BAD = DIR.resolve("bad");

    private Fixtures() {}

    public static Path file(String name) {
        return DIR.resolve(name);
    }

    /** Every good native-binary fixture (jars excluded). */
    public static List<Path> goodBinaries() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** An LLVM 14 tool, looked up in its Debian folder and then on the PATH. */
    public static Optional<Path> tool(String name) {
        Path llvm = Path.of("/usr/lib/llvm-14/bin", name);
        if (Files.isExecutable(llvm)) {
            return Optional.of(llvm);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs a tool and returns its standard output; fails the test on a non-zero exit. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0) {
            throw new AssertionError(command + " exited " + rc + ": " + err);
        }
        return new String(out);
    }
}
