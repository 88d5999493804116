package dev.wheelwright.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What git knows about a project folder: the repository root it sits in (found by walking up to a
 * {@code .git} folder or file, no git needed) and whether a file is committed unchanged (asks
 * {@code git}; when git is missing or slow the answer is "not known", so a backup is made).
 */
public final class GitCheckout {
    private static final long TIMEOUT_SECONDS = 10;

    private GitCheckout() {}

    /** The root of the git working tree that holds DIR, if any. */
    public static Optional<Path> rootOf(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        for (Path p = d; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * DIR's path inside its repository, forward slashes, ending in "/" (empty at the root or
     * outside a repository): the prefix that makes a diff apply with {@code git apply} from the root.
     */
    public static String prefixOf(Path dir) {
        Optional<Path> root = rootOf(dir);
        if (root.isEmpty()) {
            return "";
        }
        Path real = dir.toAbsolutePath().normalize();
        try {
            real = dir.toRealPath();
            Path rootReal = root.get().toRealPath();
            String rel = rootReal.relativize(real).toString().replace('\\', '/');
            return rel.isEmpty() ? "" : rel + "/";
        } catch (IOException | IllegalArgumentException e) {
            String rel = root.get().relativize(real).toString().replace('\\', '/');
            return rel.isEmpty() ? "" : rel + "/";
        }
    }

    /**
     * True when FILE is tracked by git and its text is the same as in HEAD (so git keeps the
     * original and a backup would only clutter the checkout); false when that is not so or not known.
     */
    public static boolean committedUnchanged(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || rootOf(dir).isEmpty()) {
            return false;
        }
        String name = abs.getFileName().toString();
        return git(dir, "ls-files", "--error-unmatch", "--", name) && git(dir, "diff", "--quiet", "HEAD", "--", name);
    }

    private static boolean git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.add("-C");
        cmd.add(dir.toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no git: not known, so the caller keeps a backup
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
