package dev.wheelwright.build;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether a project needs a C compiler and whether there is one, so that a build which cannot
 * even start is reported before it runs (exit 3) rather than as a failed build.
 */
public final class Toolchain {
    private Toolchain() {}

    /** setup.py text that declares compiled code; setup.py is read, never executed. */
    private static final Pattern COMPILED = Pattern.compile("\\bExtension\\s*\\(|cffi_modules|\\bcythonize\\s*\\(");

    /** True when the project has C/C++/Cython sources or its setup.py declares extensions. */
    public static boolean needsCompiler(Path project) {
        try {
            Path setup = project.resolve("setup.py");
            if (Files.isRegularFile(setup) && COMPILED.matcher(Files.readString(setup)).find()) {
                return true;
            }
            try (Stream<Path> files = Files.walk(project, 4)) {
                return files.filter(Files::isRegularFile)
                        .filter(f -> BuildRunner.NOT_COPIED.stream().noneMatch(d -> project.relativize(f).startsWith(d)))
                        .map(f -> f.getFileName().toString())
                        .anyMatch(n -> n.endsWith(".c") || n.endsWith(".cc") || n.endsWith(".cpp") || n.endsWith(".pyx"));
            }
        } catch (IOException | UncheckedIOException e) {
            return false; // unreadable parts: let the build itself report them
        }
    }

    /**
     * The C compiler a setuptools build would use: the first word of {@code CC}, else the first
     * of cc, gcc, clang on {@code PATH}.
     */
    public static Optional<Path> findCompiler(Map<String, String> env) {
        String cc = env.get("CC");
        List<String> names = cc != null && !cc.isBlank() ? List.of(cc.trim().split("\\s+")[0]) : List.of("cc", "gcc", "clang");
        for (String name : names) {
            Optional<Path> found = onPath(name, env.getOrDefault("PATH", ""));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static Optional<Path> onPath(String name, String path) {
        if (name.contains(File.separator)) {
            Path p = Path.of(name);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
