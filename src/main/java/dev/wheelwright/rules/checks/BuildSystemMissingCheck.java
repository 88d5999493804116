package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.PyProject;
import dev.wheelwright.rules.Check;
import java.util.List;

/**
 * WW-P009: a pyproject.toml without a {@code [build-system]} table. PEP 517/518 say a front end
 * then assumes {@code setuptools.build_meta:__legacy__} with only setuptools installed, so every
 * other build requirement is a guess.
 */
public final class BuildSystemMissingCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            PyProject py = p.pyproject();
            if (py == null || py.hasBuildSystem()) {
                return;
            }
            hits.add(ProjectCheckSupport.at(py.file(), 1), ProjectCheckSupport.values("file", py.file()), List.of());
        });
    }
}
