package dev.wheelwright.project;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code pyproject.toml} declares, with the lines of the parts that findings point at.
 *
 * @param file             path relative to the project root
 * @param text             the file's text (fixes edit it as text, keeping comments)
 * @param buildSystemLine  1-based line of the {@code [build-system]} header, 0 when the table is absent
 * @param buildRequires    PEP 518 {@code [build-system].requires}; null when absent
 * @param requiresLine     line of {@code requires}, 0 when unknown
 * @param buildBackend     PEP 517 {@code build-backend}; null when absent
 * @param backendLine      line of {@code build-backend}, 0 when unknown
 * @param projectName      PEP 621 {@code [project].name}; null when absent
 * @param requiresPython   PEP 621 {@code [project].requires-python}; null when absent
 * @param dependencies     PEP 621 {@code [project].dependencies}; empty when absent
 * @param cibuildwheel     {@code [tool.cibuildwheel]} as plain maps, lists and scalars; empty when absent
 * @param wheelwright      {@code [tool.wheelwright]} likewise
 * @param optionalDependencies PEP 621 {@code [project.optional-dependencies]}: extra name (as written)
 *                         to its requirements, in file order; empty when absent
 */
public record PyProject(String file, String text, int buildSystemLine, List<String> buildRequires, int requiresLine,
                        String buildBackend, int backendLine, String projectName, String requiresPython,
                        List<String> dependencies, Map<String, Object> cibuildwheel, Map<String, Object> wheelwright,
                        Map<String, List<String>> optionalDependencies) {

    public boolean hasBuildSystem() {
        return buildSystemLine > 0;
    }

    /** A value of {@code [tool.cibuildwheel]} by dotted path, e.g. {@code macos.archs}. */
    public Optional<Object> cibuildwheelOption(String dottedPath) {
        Object cur = cibuildwheel;
        for (String part : dottedPath.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return Optional.empty();
            }
            cur = m.get(part);
        }
        return Optional.ofNullable(cur);
    }

    /** The line of {@code key} in {@code [table]} of this file, 0 when not found. */
    public int keyLine(String table, String key) {
        return PyProjectReader.keyLine(text(), table, key);
    }
}
