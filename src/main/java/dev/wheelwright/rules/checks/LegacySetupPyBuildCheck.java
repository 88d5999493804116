package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.SetupPy;
import dev.wheelwright.rules.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * WW-P001: a setup.py with no pyproject.toml at all. PEP 518 build requirements are then
 * undeclared, and pip builds through setuptools' legacy fallback (PEP 517 "__legacy__" backend,
 * or {@code setup.py bdist_wheel} for old pips), where setup_requires is fetched by setuptools.
 */
public final class LegacySetupPyBuildCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        facts.get(ProjectFacts.class).ifPresent(p -> {
            SetupPy s = p.setupPy();
            if (s == null || p.hasPyprojectFile()) {
                return;
            }
            List<String> evidence = new ArrayList<>();
            p.setupRequires().ifPresent(sr -> evidence.add(sr.file() + ":" + sr.line() + ": setup_requires=" + sr.value()));
            hits.add(ProjectCheckSupport.at(s.file(), s.setupLine()), ProjectCheckSupport.values("file", s.file()), evidence);
        });
    }
}
