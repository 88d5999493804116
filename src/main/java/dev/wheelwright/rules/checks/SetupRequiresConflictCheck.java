package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.Requirements;
import dev.wheelwright.rules.Check;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * WW-P002: a package in both setup_requires and install_requires of a project without a
 * {@code [build-system]}: setuptools' legacy fetch installs it as an egg into {@code .eggs},
 * where a second build in the same checkout collides with it (cibuildwheel issue 813).
 */
public final class SetupRequiresConflictCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            if (p.hasBuildSystem()) {
                return;
            }
            Optional<Located<List<String>>> sr = p.setupRequires();
            if (sr.isEmpty()) {
                return;
            }
            Set<String> install = new LinkedHashSet<>();
            p.installRequires().forEach(r -> Requirements.name(r).ifPresent(install::add));
            for (String req : sr.get().value()) {
                Optional<String> name = Requirements.name(req);
                if (name.isPresent() && install.contains(name.get())) {
                    hits.add(ProjectCheckSupport.at(sr.get()),
                            ProjectCheckSupport.values("package", name.get(), "file", sr.get().file()),
                            List.of("setup_requires: " + req,
                                    "install_requires: " + p.installRequires().stream()
                                            .filter(r -> Requirements.name(r).equals(name)).findFirst().orElse(name.get())));
                }
            }
        });
    }
}
