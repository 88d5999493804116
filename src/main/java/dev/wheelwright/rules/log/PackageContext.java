package dev.wheelwright.rules.log;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the lines of pip, setuptools, {@code python -m build} and cibuildwheel output that
 * say which distribution is being built or installed, so a finding can name the package that
 * failed ({@code {package}}) even when the root-cause line (a compiler error) does not.
 *
 * <p>A heading sets the package for the lines after it; the latest heading wins, which follows
 * pip's nesting (a build dependency's "Collecting cffi" inside "Installing build dependencies"
 * makes cffi the package until the next heading). A closing line ("Failed building wheel for
 * X", "Failed to build X") names the package for earlier lines that had none, for logs that
 * start in the middle of a build.
 *
 * <p>Nested output is a scope: pip shows a failed subprocess's output in a box
 * ({@code ╰─> [N lines of output]} ... {@code [end of output]}) and, verbose, the installation
 * of build dependencies between {@code Installing build dependencies: started} and
 * {@code ...: finished with status}. A heading inside names the package for the rest of the
 * scope; when the scope ends, the package from before it is current again, so a failure of
 * the outer project after a nested build is not blamed on the last build dependency.
 */
public final class PackageContext {
    private PackageContext() {}

    /** What a context line says. */
    public enum Kind { HEADING, FAILED, OPEN, CLOSE }

    record ContextPattern(Kind kind, Pattern pattern, List<String> literals) {}

    // a distribution name as pip prints it (PEP 508 names: letters, digits, '.', '_', '-')
    private static final String NAME = "(?<p>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)";

    static final List<ContextPattern> PATTERNS = List.of(
            // pip: "Collecting cffi>=1.0" (also inside nested build-dependency output boxes)
            new ContextPattern(Kind.HEADING, Pattern.compile("^[\\s│|]*Collecting " + NAME + "(?![A-Za-z0-9._-]|:)"), List.of("Collecting ")),
            // pip: "Building wheel for cffi (setup.py) ... error", "(pyproject.toml)"
            new ContextPattern(Kind.HEADING, Pattern.compile("Building wheel for " + NAME + " \\("), List.of("Building wheel for ")),
            // pip legacy: "Running setup.py install for cffi ... error"
            new ContextPattern(Kind.HEADING, Pattern.compile("Running setup\\.py (?:install|bdist_wheel|develop) for " + NAME),
                    List.of("Running setup.py ")),
            // pip: "Processing ./dist/foo-1.0.tar.gz", "Processing /tmp/foo-1.0-cp39-...whl"
            new ContextPattern(Kind.HEADING, Pattern.compile("^[\\s│|]*Processing \\S*?/?" + NAME.replace("?<p>", "?<p>")
                    + "-\\d[^/\\s]*?\\.(?:tar\\.gz|zip|whl)\\b"), List.of("Processing ")),
            // setuptools egg_info: "writing foo.egg-info/PKG-INFO" (build, python -m build, cibuildwheel)
            new ContextPattern(Kind.HEADING, Pattern.compile("writing (?:\\S*/)?" + NAME + "\\.egg-info[/\\\\]PKG-INFO"),
                    List.of(".egg-info")),
            // python -m build / cibuildwheel: "Successfully built foo-1.0.tar.gz" comes after; not a heading
            new ContextPattern(Kind.FAILED, Pattern.compile("Failed (?:building wheel for|to build) " + NAME), List.of("Failed building wheel for", "Failed to build ")),
            new ContextPattern(Kind.FAILED, Pattern.compile("Could not build wheels for " + NAME), List.of("Could not build wheels for ")),
            new ContextPattern(Kind.FAILED, Pattern.compile("Running setup\\.py install for " + NAME + " \\.\\.\\. error"), List.of("... error")),
            // scopes of nested output
            new ContextPattern(Kind.OPEN, Pattern.compile("╰─> \\[\\d+ lines? of output]"), List.of("╰─> [")),
            new ContextPattern(Kind.CLOSE, Pattern.compile("^[\\s│|]*\\[end of output]"), List.of("[end of output]")),
            new ContextPattern(Kind.OPEN, Pattern.compile("Installing build dependencies: started"), List.of("Installing build dependencies: started")),
            new ContextPattern(Kind.CLOSE, Pattern.compile("Installing build dependencies: finished with status"),
                    List.of("Installing build dependencies: finished")));

    /** The package a context line names ("" for a scope line), or null when the line is not one. */
    static String name(ContextPattern p, String line) {
        Matcher m = p.pattern().matcher(line);
        if (!m.find()) {
            return null;
        }
        return p.kind() == Kind.OPEN || p.kind() == Kind.CLOSE ? "" : m.group("p");
    }
}
