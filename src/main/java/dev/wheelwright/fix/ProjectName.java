package dev.wheelwright.fix;

import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.PyValue;
import dev.wheelwright.spec.Names;
import java.util.Optional;

/**
 * The project's own name, normalised per PEP 503, from wherever it is declared: pyproject.toml
 * {@code [project].name}, setup.cfg {@code [metadata] name}, or a literal {@code name=} of
 * setup(). No fix may add a requirement on it: a project cannot need itself to build.
 */
final class ProjectName {
    private ProjectName() {}

    static Optional<String> of(ProjectFacts p) {
        if (p.pyproject() != null && p.pyproject().projectName() != null && !p.pyproject().projectName().isBlank()) {
            return Optional.of(Names.canonicalize(p.pyproject().projectName().strip()));
        }
        if (p.setupCfg() != null) {
            Optional<String> n = p.setupCfg().get("metadata", "name").map(e -> e.value().strip()).filter(v -> !v.isEmpty());
            if (n.isPresent()) {
                return Optional.of(Names.canonicalize(n.get()));
            }
        }
        if (p.setupPy() != null) {
            Optional<String> n = p.setupPy().keyword("name").map(k -> k.value() instanceof PyValue.Str s ? s.value().strip() : "")
                    .filter(v -> !v.isEmpty());
            if (n.isPresent()) {
                return Optional.of(Names.canonicalize(n.get()));
            }
        }
        return Optional.empty();
    }

    /** Whether a requirement names the project itself. */
    static boolean isSelf(String requirement, Optional<String> self) {
        return self.isPresent() && dev.wheelwright.project.Requirements.name(requirement).filter(self.get()::equals).isPresent();
    }
}
