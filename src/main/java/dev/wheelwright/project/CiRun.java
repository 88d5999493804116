package dev.wheelwright.project;

import java.util.Map;
import java.util.Optional;

/**
 * One CI job as it runs on one runner: a workflow job expanded for one row of its build matrix,
 * or a whole non-GitHub CI file whose {@code CIBW_*} variables were found by pattern.
 *
 * @param file          CI file, relative to the project root
 * @param job           job id (empty for non-GitHub CI files)
 * @param runner        the {@code runs-on} label with the line where it is written; null when unknown
 * @param cibuildwheel  the cibuildwheel version the job uses (from {@code uses: pypa/cibuildwheel@vX},
 *                      a pinned comment, or {@code pip install cibuildwheel==X}); null when unknown
 * @param usesCibuildwheel whether the job runs cibuildwheel at all
 * @param env           environment seen by the cibuildwheel step (workflow, job, step levels merged,
 *                      matrix expressions expanded), each with the line where it is set
 * @param actions       every {@code uses:} of the job's steps (and of the job itself), with its line
 * @param builders      wheel-building commands other than cibuildwheel the job runs ({@code setup.py bdist_wheel},
 *                      {@code pip wheel}, {@code python -m build}, {@code maturin build}, maturin-action,
 *                      {@code docker run <manylinux image>}), each with its line
 * @param unknown       names of build settings ({@code CIBW_ARCHS_LINUX}, {@code CIBW_SKIP}, {@code ARCHFLAGS}, ...)
 *                      that the job sets to a value only a run knows (an expression over {@code github} or
 *                      job outputs, a shell step writing {@code $GITHUB_ENV} under a condition): no fact is
 *                      built on them, and rules that judge an absence stay quiet about this job
 */
public record CiRun(String file, String job, Located<String> runner, Located<String> cibuildwheel,
                    boolean usesCibuildwheel, Map<String, Located<String>> env,
                    java.util.List<Located<String>> actions, java.util.List<Located<String>> builders,
                    java.util.Set<String> unknown) {

    public CiRun {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        actions = java.util.List.copyOf(actions);
        builders = java.util.List.copyOf(builders);
        unknown = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(unknown));
    }

    public CiRun(String file, String job, Located<String> runner, Located<String> cibuildwheel,
                 boolean usesCibuildwheel, Map<String, Located<String>> env,
                 java.util.List<Located<String>> actions, java.util.List<Located<String>> builders) {
        this(file, job, runner, cibuildwheel, usesCibuildwheel, env, actions, builders, java.util.Set.of());
    }

    /**
     * Whether the archs this job builds for {@code os} depend on a value only a run knows
     * ({@code CIBW_ARCHS}, {@code CIBW_ARCHS_<OS>}, {@code CIBW_PLATFORM}; {@code ARCHFLAGS} and
     * {@code _PYTHON_HOST_PLATFORM} for other builders).
     */
    public boolean archsUnknown(String os) {
        String suffix = os == null ? "" : os.toUpperCase(java.util.Locale.ROOT);
        return unknown.contains("*") || unknown.contains("CIBW_ARCHS") || unknown.contains("CIBW_ARCHS_" + suffix) || unknown.contains("CIBW_PLATFORM")
                || (!usesCibuildwheel && (unknown.contains("ARCHFLAGS") || unknown.contains("_PYTHON_HOST_PLATFORM")));
    }

    /** Whether cibuildwheel's build/skip selectors of this job depend on a value only a run knows. */
    public boolean selectorsUnknown(String os) {
        String suffix = os == null ? "" : "_" + os.toUpperCase(java.util.Locale.ROOT);
        return unknown.contains("*") || unknown.contains("CIBW_BUILD") || unknown.contains("CIBW_SKIP") || unknown.contains("CIBW_BUILD" + suffix)
                || unknown.contains("CIBW_SKIP" + suffix) || unknown.contains("with:only") || unknown.contains("CIBW_PROJECT_REQUIRES_PYTHON")
                || unknown.contains("CIBW_ENABLE") || unknown.contains("CIBW_PRERELEASE_PYTHONS");
    }

    public CiRun(String file, String job, Located<String> runner, Located<String> cibuildwheel,
                 boolean usesCibuildwheel, Map<String, Located<String>> env) {
        this(file, job, runner, cibuildwheel, usesCibuildwheel, env, java.util.List.of(), java.util.List.of());
    }

    /** The platform cibuildwheel builds for when CIBW_PLATFORM names one (ios, android, pyodide, linux...); null otherwise. */
    public String cibwPlatform() {
        Located<String> p = env.get("CIBW_PLATFORM");
        return p == null || p.value().isBlank() ? null : p.value().strip().toLowerCase(java.util.Locale.ROOT);
    }

    public Optional<Located<String>> envVar(String name) {
        return Optional.ofNullable(env.get(name));
    }
}
