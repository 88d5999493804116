package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.SetupCfg;
import dev.wheelwright.project.SetupPy;
import dev.wheelwright.rules.Check;
import dev.wheelwright.spec.Requirement;
import dev.wheelwright.spec.Specifier;
import dev.wheelwright.spec.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WW-P025: a runtime dependency ({@code install_requires}, {@code [project].dependencies}) pinned
 * exactly to a pre-release ({@code ==2.0b1}, {@code ===1.0rc2}, {@code ==0.5.dev3}). Every user's
 * resolver must then install that pre-release, which pip otherwise never picks, and it conflicts
 * with any other requirement on the same package that excludes it. One finding per place, listing
 * every such pin there.
 */
public final class PrereleasePinCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null) {
            return;
        }
        Located<List<String>> deps = dependencies(p);
        if (deps == null) {
            return;
        }
        List<String> pins = new ArrayList<>();
        for (String d : deps.value()) {
            Requirement r;
            try {
                r = Requirement.parse(d);
            } catch (RuntimeException e) {
                continue; // WW-P016 reports a requirement that is not PEP 508
            }
            for (Specifier s : r.specifier().specifiers()) {
                if ((s.operator().equals("==") || s.operator().equals("===")) && !s.version().endsWith(".*")) {
                    Optional<Version> v = Version.tryParse(s.version());
                    if (v.isPresent() && (v.get().isPrerelease() || v.get().isDevrelease())) {
                        pins.add(d.strip());
                    }
                }
            }
        }
        if (pins.isEmpty()) {
            return;
        }
        hits.add(ProjectCheckSupport.at(deps), ProjectCheckSupport.values("pins", String.join(", ", pins), "file", deps.file()),
                pins.stream().map(x -> deps.file() + ":" + deps.line() + ": " + x).toList());
    }

    /** The runtime dependencies and where they are declared: setup.py, else setup.cfg, else [project]. */
    private static Located<List<String>> dependencies(ProjectFacts p) {
        SetupPy py = p.setupPy();
        if (py != null) {
            Optional<SetupPy.Keyword> k = py.keyword("install_requires");
            if (k.isPresent()) {
                List<String> known = k.get().value().knownStrings();
                if (!known.isEmpty()) {
                    return new Located<>(known, py.file(), k.get().line());
                }
            }
        }
        SetupCfg cfg = p.setupCfg();
        if (cfg != null) {
            Optional<SetupCfg.Entry> e = cfg.get("options", "install_requires");
            if (e.isPresent()) {
                return new Located<>(e.get().items(), cfg.file(), e.get().line());
            }
        }
        if (p.pyproject() != null && !p.pyproject().dependencies().isEmpty()) {
            return new Located<>(p.pyproject().dependencies(), p.pyproject().file(), p.pyproject().keyLine("project", "dependencies"));
        }
        return null;
    }
}
