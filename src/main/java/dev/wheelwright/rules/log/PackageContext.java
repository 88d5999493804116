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

    /**
     * @param literals the pre-filter's needles
     * @param lead     text that every match starts with (the search starts at its first
     *                 occurrence), or null; a pattern starting with {@code ^} is tried at the
     *                 line's start only
     */
    record ContextPattern(Kind kind, Pattern pattern, List<String> literals, String lead) {
        ContextPattern(Kind kind, String regex, List<String> literals, String lead) {
            this(kind, Pattern.compile(regex), literals, lead);
        }
    }

    // a distribution name as pip prints it (PEP 508 names: letters, digits, '.', '_', '-')
    private static final String NAME = "(?<p>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)";

    static final List<ContextPattern> PATTERNS = List.of(
            // pip: "Collecting cffi>=1.0" (also inside nested build-dependency output boxes)
            new ContextPattern(Kind.HEADING, "^[\\s│|]*Collecting " + NAME + "(?![A-Za-z0-9._-]|:)", List.of("Collecting "), null),
            // pip: "Building wheel for cffi (setup.py) ... error", "(pyproject.toml)"
            new ContextPattern(Kind.HEADING, "Building wheel for " + NAME + " \\(", List.of("Building wheel for "), "Building wheel for "),
            // pip legacy: "Running setup.py install for cffi ... error"
            new ContextPattern(Kind.HEADING, "Running setup\\.py (?:install|bdist_wheel|develop) for " + NAME,
                    List.of("Running setup.py "), "Running setup.py "),
            // pip 1.x-9: "Running setup.py egg_info for package kiss", "Running setup.py (path:/tmp/x/setup.py) egg_info for package x"
            new ContextPattern(Kind.HEADING, "Running setup\\.py (?:\\(path:\\S+\\) )?egg_info for package " + NAME,
                    List.of("egg_info for package "), "Running setup.py "),
            // pip 1.x-5: "Downloading/unpacking kiss" (pip 6+ says "Collecting")
            new ContextPattern(Kind.HEADING, "^[\\s│|]*Downloading/unpacking " + NAME + "(?![A-Za-z0-9._-])",
                    List.of("Downloading/unpacking "), null),
            // pip: "Processing ./dist/foo-1.0.tar.gz", "Processing /tmp/foo-1.0-cp39-...whl"
            new ContextPattern(Kind.HEADING, "^[\\s│|]*Processing \\S*?/?" + NAME.replace("?<p>", "?<p>")
                    + "-\\d[^/\\s]*?\\.(?:tar\\.gz|zip|whl)\\b", List.of("Processing "), null),
            // setuptools egg_info: "writing foo.egg-info/PKG-INFO" (build, python -m build, cibuildwheel)
            new ContextPattern(Kind.HEADING, "writing (?:\\S*/)?" + NAME + "\\.egg-info[/\\\\]PKG-INFO",
                    List.of(".egg-info"), "writing "),
            // python -m build / cibuildwheel: "Successfully built foo-1.0.tar.gz" comes after; not a heading
            // (not maturin's "Failed to build a native library through cargo")
            new ContextPattern(Kind.FAILED, "Failed (?:building wheel for|to build) (?!a native library)" + NAME, List.of("Failed building wheel for", "Failed to build "), "Failed "),
            new ContextPattern(Kind.FAILED, "Could not build wheels for " + NAME, List.of("Could not build wheels for "), "Could not build wheels for "),
            new ContextPattern(Kind.FAILED, "Running setup\\.py install for " + NAME + " \\.\\.\\. error", List.of("... error"), "Running setup.py install for "),
            // scopes of nested output
            new ContextPattern(Kind.OPEN, "╰─> \\[\\d+ lines? of output]", List.of("╰─> ["), "╰─> ["),
            new ContextPattern(Kind.CLOSE, "^[\\s│|]*\\[end of output]", List.of("[end of output]"), null),
            new ContextPattern(Kind.OPEN, "Installing build dependencies: started", List.of("Installing build dependencies: started"), "Installing build dependencies: "),
            new ContextPattern(Kind.CLOSE, "Installing build dependencies: finished with status",
                    List.of("Installing build dependencies: finished"), "Installing build dependencies: "));

    /** The package a context line names ("" for a scope line), or null when the line is not one. */
    static String name(ContextPattern p, String line) {
        return name(p, p.pattern().matcher(line), line);
    }

    /** Like {@link #name(ContextPattern, String)} with a matcher of {@code p}'s pattern, reset to {@code line}. */
    static String name(ContextPattern p, Matcher m, String line) {
        boolean found;
        if (p.pattern().pattern().startsWith("^")) {
            found = m.lookingAt();
        } else if (p.lead() != null) {
            int at = line.indexOf(p.lead());
            found = at >= 0 && m.find(at);
        } else {
            found = m.find();
        }
        if (!found) {
            return null;
        }
        return p.kind() == Kind.OPEN || p.kind() == Kind.CLOSE ? "" : m.group("p");
    }
}
