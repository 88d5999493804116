package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.PyProject;
import dev.wheelwright.project.Requirements;
import dev.wheelwright.rules.Check;
import java.util.List;

/**
 * WW-P008: {@code wheel} in {@code [build-system].requires} of a setuptools project. Since
 * setuptools 70.1 the bdist_wheel command lives in setuptools itself and
 * {@code setuptools.build_meta} no longer asks for {@code wheel}; listing it only adds a download
 * (and an unpinned second package that can break the build). Not reported when setuptools is
 * capped below 70.1, where wheel is still needed.
 */
public final class WheelInBuildRequiresCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            PyProject py = p.pyproject();
            if (py == null || py.buildRequires() == null) {
                return;
            }
            String backend = py.buildBackend() == null ? "setuptools.build_meta:__legacy__" : py.buildBackend();
            if (!backend.startsWith("setuptools.build_meta")) {
                return;
            }
            for (String r : py.buildRequires()) {
                if (Requirements.name(r).filter("setuptools"::equals).isPresent() && !Requirements.allowsSetuptoolsWithBdistWheel(r)) {
                    return;
                }
            }
            for (String r : py.buildRequires()) {
                if (Requirements.name(r).filter("wheel"::equals).isPresent()) {
                    hits.add(ProjectCheckSupport.at(py.file(), py.requiresLine()),
                            ProjectCheckSupport.values("requirement", r, "file", py.file()),
                            List.of("requires = " + py.buildRequires()));
                }
            }
        });
    }
}
