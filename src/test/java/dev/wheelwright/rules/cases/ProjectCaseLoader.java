package dev.wheelwright.rules.cases;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project case is a folder that is the project itself ({@code cases/fail-x/} holding
 * {@code setup.py}, {@code pyproject.toml}, {@code .github/workflows/...}); findings name files
 * relative to it ({@code setup.py}, {@code .github/workflows/wheels.yml}).
 */
public final class ProjectCaseLoader implements CaseLoader {
    @Override
    public Facts load(Path caseInput, Path ruleDir) {
        if (!Files.isDirectory(caseInput)) {
            throw new IllegalArgumentException(caseInput + ": a project case must be a folder");
        }
        return Facts.builder().put(ProjectFacts.class, new ProjectReader().read(caseInput)).build();
    }
}
