package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectProblem;
import dev.wheelwright.rules.Check;
import java.util.List;

/** Turns project files that could not be understood, of one kind, into findings. */
abstract class ProjectFileProblemCheck implements Check {
    private final ProjectProblem.Kind kind;

    ProjectFileProblemCheck(ProjectProblem.Kind kind) {
        this.kind = kind;
    }

    @Override
    public final void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            for (ProjectProblem pr : p.problems()) {
                if (pr.kind() == kind) {
                    hits.add(ProjectCheckSupport.at(pr.file(), pr.line()),
                            ProjectCheckSupport.values("file", pr.file(), "error", pr.message()),
                            List.of(pr.file() + (pr.line() > 0 ? ":" + pr.line() : "") + ": " + pr.message()));
                }
            }
        });
    }
}
