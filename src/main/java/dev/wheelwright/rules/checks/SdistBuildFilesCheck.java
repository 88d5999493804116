package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.SdistFacts;
import java.util.List;

/**
 * WW-W027 sdist-build-files-missing: the sdist's top-level folder holds neither pyproject.toml
 * (the standard format, PEP 517/518) nor setup.py (the legacy format): no installer can build it.
 */
public final class SdistBuildFilesCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (SdistFacts s : SdistChecks.sdists(facts)) {
            if (s.pyproject() || s.setupPy()) {
                continue;
            }
            String top = s.top().isEmpty() ? "the archive's top level" : s.top() + "/";
            hits.add(SdistChecks.at(s, s.top().isEmpty() ? null : s.top() + "/"),
                    WheelChecks.valuesOf("wheel", s.filename(), "top", top),
                    List.of("no " + (s.top().isEmpty() ? "" : s.top() + "/") + "pyproject.toml", "no "
                            + (s.top().isEmpty() ? "" : s.top() + "/") + "setup.py"));
        }
    }
}
