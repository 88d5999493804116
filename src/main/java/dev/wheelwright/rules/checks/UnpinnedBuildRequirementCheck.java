package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BreakingBuildMajors;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.Requirements;
import dev.wheelwright.rules.Check;
import dev.wheelwright.spec.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * WW-P024: a build requirement ({@code [build-system].requires}, {@code setup_requires}, or the
 * setuptools pip assumes without a {@code [build-system]} table) allows a major release known to
 * break builds that use a feature it removed, and the project uses that feature (the table's
 * pattern found in setup.py or setup.cfg). One finding per requirement and place.
 */
public final class UnpinnedBuildRequirementCheck implements Check {
    /** What pip's PEP 517 fallback requires when there is no [build-system] table. */
    private static final String IMPLICIT = new String("setuptools>=40.8.0");

    @Override
    public void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null) {
            return;
        }
        List<Located<String>> reqs = new ArrayList<>();
        if (p.pyproject() != null && p.pyproject().buildRequires() != null) {
            p.pyproject().buildRequires().forEach(r -> reqs.add(new Located<>(r, p.pyproject().file(), p.pyproject().requiresLine())));
        }
        p.setupRequires().ifPresent(l -> l.value().forEach(r -> reqs.add(new Located<>(r, l.file(), l.line()))));
        if (!p.hasBuildSystem() && p.setupPy() != null && reqs.stream().noneMatch(r -> named(r.value(), "setuptools"))) {
            // no [build-system]: pip's PEP 517 fallback asks for setuptools>=40.8.0, the newest one it finds
            reqs.add(new Located<>(IMPLICIT, p.setupPy().file(), Math.max(1, p.setupPy().setupLine())));
        }
        if (reqs.isEmpty()) {
            return; // (no build requirement: the table is not parsed, as for doctor on a log alone)
        }
        String text = (p.setupPy() == null ? "" : p.setupPy().text()) + "\n" + (p.setupCfg() == null ? "" : p.setupCfg().text());
        for (BreakingBuildMajors.Entry e : BreakingBuildMajors.builtIn()) {
            Matcher m = e.uses().matcher(text);
            if (!m.find()) {
                continue;
            }
            String usedLine = where(p, m.start());
            for (Located<String> r : reqs) {
                if (!named(r.value(), e.packageName())) {
                    continue;
                }
                Requirement req;
                try {
                    req = Requirement.parse(r.value());
                } catch (RuntimeException ex) {
                    continue; // WW-P016 reports a requirement that is not PEP 508
                }
                if (req.url() != null || !req.specifier().contains(e.breaking(), false)) {
                    continue;
                }
                hits.add(ProjectCheckSupport.at(r), ProjectCheckSupport.values(
                                "requirement", r.value() == IMPLICIT ? "setuptools (no [build-system], so pip's setuptools>=40.8.0)" : r.value().strip(),
                                "file", r.file(), "breaking", e.breaking(),
                                "package", e.packageName(), "what", e.what()),
                        List.of(usedLine, "source: " + e.source()));
            }
        }
    }

    private static boolean named(String requirement, String name) {
        Optional<String> n = Requirements.name(requirement);
        return n.isPresent() && Requirements.normalize(n.get()).equals(Requirements.normalize(name));
    }

    /** "setup.py:12: text" for an offset in setup.py + "\n" + setup.cfg. */
    private static String where(ProjectFacts p, int offset) {
        String py = p.setupPy() == null ? "" : p.setupPy().text();
        String file;
        String text;
        int at;
        if (offset <= py.length()) {
            file = p.setupPy().file();
            text = py;
            at = offset;
        } else {
            file = p.setupCfg().file();
            text = p.setupCfg().text();
            at = offset - py.length() - 1;
        }
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        int s = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        int end = text.indexOf('\n', at);
        return file + ":" + line + ": " + text.substring(s, end < 0 ? text.length() : end).strip();
    }
}
