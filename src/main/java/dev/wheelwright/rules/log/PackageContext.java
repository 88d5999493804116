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
 */
public final class PackageContext {
    private PackageContext() {}

    /** What a context line says. */
    public enum Kind { HEADING, FAILED }

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
            new ContextPattern(Kind.FAILED, Pattern.compile("Running setup\\.py install for " + NAME + " \\.\\.\\. error"), List.of("... error")));

    /** The package a context line names, or null. */
    static String name(ContextPattern p, String line) {
        Matcher m = p.pattern().matcher(line);
        return m.find() ? m.group("p") : null;
    }
}
