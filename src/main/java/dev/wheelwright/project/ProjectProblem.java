package dev.wheelwright.project;

/**
 * A project file that exists but could not be understood (broken TOML or YAML, binary data in
 * setup.py). Reading goes on with the other files; the rules turn these into findings.
 *
 * @param kind    which kind of file
 * @param file    the file, relative to the project root
 * @param line    1-based line of the problem, 0 when unknown
 * @param message what is wrong, in one line
 */
public record ProjectProblem(Kind kind, String file, int line, String message) {

    /**
     * PYPROJECT: not readable as TOML; PYPROJECT_FIELD: read, but a field has the wrong type or form;
     * CI_UNRESOLVED: a CI value that only a run would know (an expression over {@code github},
     * {@code secrets}, job outputs), so no fact is built on it.
     */
    public enum Kind { PYPROJECT, PYPROJECT_FIELD, SETUP_CFG, SETUP_PY, CI_CONFIG, CI_UNRESOLVED }
}
