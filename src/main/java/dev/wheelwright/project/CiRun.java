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
 */
public record CiRun(String file, String job, Located<String> runner, Located<String> cibuildwheel,
                    boolean usesCibuildwheel, Map<String, Located<String>> env,
                    java.util.List<Located<String>> actions, java.util.List<Located<String>> builders) {

    public CiRun {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        actions = java.util.List.copyOf(actions);
        builders = java.util.List.copyOf(builders);
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
