package dev.wheelwright.project;

import java.util.List;
import java.util.Optional;

/**
 * Everything wheelwright knows about a project folder, read without executing any of it.
 *
 * @param root          the project folder as given (for display)
 * @param pyproject     pyproject.toml, null when absent or unreadable
 * @param setupCfg      setup.cfg, null when absent or unreadable
 * @param setupPy       setup.py, null when absent
 * @param ci            CI jobs, one per runner
 * @param targets       build targets derived from CI and cibuildwheel configuration
 * @param cffiBuilders  files that build a cffi extension ({@code cffi_modules} entries, {@code FFI()} +
 *                      {@code set_source} scripts), with the line that shows it
 * @param problems      files that exist but could not be understood
 * @param noBuildIsolation where CI turns PEP 517 build isolation off ({@code --no-build-isolation} in
 *                      a command or in CIBW_BUILD_FRONTEND, PIP_NO_BUILD_ISOLATION), each with the text found
 */
public record ProjectFacts(String root, PyProject pyproject, SetupCfg setupCfg, SetupPy setupPy, List<CiRun> ci,
                           List<BuildTarget> targets, List<Located<String>> cffiBuilders, List<ProjectProblem> problems,
                           List<Located<String>> noBuildIsolation) {

    public ProjectFacts {
        noBuildIsolation = List.copyOf(noBuildIsolation);
        ci = List.copyOf(ci);
        targets = List.copyOf(targets);
        cffiBuilders = List.copyOf(cffiBuilders);
        problems = List.copyOf(problems);
    }

    public Optional<PyProject> pyprojectFile() {
        return Optional.ofNullable(pyproject);
    }

    /** True when pip would take the legacy path or the PEP 517 fallback: no [build-system] table. */
    public boolean hasBuildSystem() {
        return pyproject != null && pyproject.hasBuildSystem();
    }

    /** Whether a pyproject.toml file exists, readable or not. */
    public boolean hasPyprojectFile() {
        return pyproject != null || problems.stream().anyMatch(p -> p.kind() == ProjectProblem.Kind.PYPROJECT);
    }

    /** True when the project builds a cffi extension. */
    public boolean usesCffi() {
        return !cffiBuilders.isEmpty();
    }

    /**
     * setup_requires from setup.py (its literal strings, also when other items need execution,
     * such as {@code *extra}) or setup.cfg, with where it is declared.
     */
    public Optional<Located<List<String>>> setupRequires() {
        if (setupPy != null) {
            Optional<SetupPy.Keyword> k = setupPy.keyword("setup_requires");
            if (k.isPresent()) {
                List<String> strings = k.get().value().knownStrings();
                if (!strings.isEmpty()) {
                    return Optional.of(new Located<>(strings, setupPy.file(), k.get().line()));
                }
            }
        }
        if (setupCfg != null) {
            Optional<SetupCfg.Entry> e = setupCfg.get("options", "setup_requires");
            if (e.isPresent()) {
                return Optional.of(new Located<>(e.get().items(), setupCfg.file(), e.get().line()));
            }
        }
        return Optional.empty();
    }

    /**
     * The platforms the project says its release must serve: {@code [tool.wheelwright] targets}
     * of pyproject.toml (e.g. {@code ["macosx_11_0_arm64", "manylinux_2_17_aarch64"]}), as written;
     * empty when not declared.
     */
    public List<String> declaredTargets() {
        if (pyproject == null || !(pyproject.wheelwright().get("targets") instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().map(String::valueOf).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /** install_requires from setup.py (when a literal), setup.cfg or [project].dependencies. */
    public List<String> installRequires() {
        if (setupPy != null) {
            Optional<SetupPy.Keyword> k = setupPy.keyword("install_requires");
            if (k.isPresent() && k.get().value().strings().isPresent()) {
                return k.get().value().strings().get();
            }
        }
        if (setupCfg != null) {
            Optional<SetupCfg.Entry> e = setupCfg.get("options", "install_requires");
            if (e.isPresent()) {
                return e.get().items();
            }
        }
        return pyproject != null ? pyproject.dependencies() : List.of();
    }

    /** PEP 621 requires-python, else setup.cfg [options] python_requires, else a literal setup(python_requires=...). */
    public Optional<String> requiresPython() {
        if (pyproject != null && pyproject.requiresPython() != null) {
            return Optional.of(pyproject.requiresPython());
        }
        if (setupCfg != null) {
            Optional<SetupCfg.Entry> e = setupCfg.get("options", "python_requires");
            if (e.isPresent() && !e.get().value().isBlank()) {
                return Optional.of(e.get().value().strip());
            }
        }
        if (setupPy != null) {
            Optional<SetupPy.Keyword> k = setupPy.keyword("python_requires");
            if (k.isPresent() && k.get().value() instanceof PyValue.Str s) {
                return Optional.of(s.value());
            }
        }
        return Optional.empty();
    }
}
