package dev.wheelwright.project;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code setup.py} says, read as text and never executed.
 *
 * @param file       path relative to the project root
 * @param text       the file's text
 * @param setupLine  1-based line of the {@code setup(} call, 0 when there is none
 * @param keywords   the call's keyword arguments in source order
 * @param variables  module-level variables that were assigned a value (or an unknown)
 * @param unparsable why the file could not be tokenised (null when it could)
 */
public record SetupPy(String file, String text, int setupLine, Map<String, Keyword> keywords,
                      Map<String, PyValue> variables, String unparsable) {

    public SetupPy {
        keywords = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keywords));
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }

    public boolean hasSetupCall() {
        return setupLine > 0;
    }

    public Optional<Keyword> keyword(String name) {
        return Optional.ofNullable(keywords.get(name));
    }

    /**
     * One {@code name=value} argument of the setup call.
     *
     * @param name    the keyword
     * @param value   its value as far as it is known
     * @param literal true when the value is written in place as a literal (not a variable)
     * @param line    1-based line of the keyword
     * @param start   character offset of the keyword in {@link #text()}
     * @param end     character offset just after the value
     */
    public record Keyword(String name, PyValue value, boolean literal, int line, int start, int end) {}

    /** Every {@code Extension(...)} call in {@code ext_modules} (when it is a literal list). */
    public List<PyValue.Call> extensions() {
        Keyword k = keywords.get("ext_modules");
        if (k == null || !(k.value() instanceof PyValue.Seq seq)) {
            return List.of();
        }
        return seq.items().stream().filter(v -> v instanceof PyValue.Call).map(v -> (PyValue.Call) v).toList();
    }
}
