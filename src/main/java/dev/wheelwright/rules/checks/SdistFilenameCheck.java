package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.SdistFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * WW-W026 sdist-name-mismatch: the sdist's file name ({name}-{version}.tar.gz, PEP 625), its one
 * top-level folder ({name}-{version}) and PKG-INFO's Name and Version must agree. One finding per
 * sdist listing every disagreement.
 */
public final class SdistFilenameCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (SdistFacts s : SdistChecks.sdists(facts)) {
            List<String> problems = new ArrayList<>();
            String stem = s.filename().substring(0, s.filename().length() - ".tar.gz".length());
            String[] file = SdistChecks.split(stem);
            if (file == null) {
                problems.add("the file name is not {name}-{version}.tar.gz");
            }
            if (s.topDirs().size() != 1 || !s.topFiles().isEmpty()) {
                problems.add("the archive holds " + s.topDirs().size() + " top-level folder(s)"
                        + (s.topFiles().isEmpty() ? "" : " and " + s.topFiles().size() + " top-level file(s)")
                        + ", not exactly one folder named {name}-{version}");
            }
            if (!s.top().isEmpty() && !s.top().equals(stem)) {
                problems.add("the top-level folder " + s.top() + "/ is not named as the file (" + stem + "/)");
            }
            String name = s.pkgInfo() == null ? null : s.pkgInfo().first("Name").orElse(null);
            String version = s.pkgInfo() == null ? null : s.pkgInfo().first("Version").orElse(null);
            if (file != null && name != null && !SdistChecks.normalise(file[0]).equals(SdistChecks.normalise(name))) {
                problems.add("the file name says " + file[0] + " but PKG-INFO's Name is " + name);
            }
            if (file != null && version != null && !SdistChecks.sameVersion(file[1], version)) {
                problems.add("the file name says version " + file[1] + " but PKG-INFO's Version is " + version);
            }
            if (file != null && name != null && !file[0].equals(file[0].toLowerCase(java.util.Locale.ROOT).replaceAll("[-.]+", "_"))
                    && SdistChecks.normalise(file[0]).equals(SdistChecks.normalise(name))) {
                problems.add("the name part " + file[0] + " is not normalised as PEP 625 asks ("
                        + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "_") + ")");
            }
            if (file != null) {
                dev.wheelwright.spec.Version v = dev.wheelwright.spec.Version.tryParse(file[1]).orElse(null);
                if (v != null && !v.toString().equals(file[1])) {
                    problems.add("the version part " + file[1] + " is not in normal form as PEP 625 asks (" + v + ")");
                }
            }
            if (problems.isEmpty()) {
                continue;
            }
            hits.add(SdistChecks.at(s, null),
                    WheelChecks.valuesOf("wheel", s.filename(), "count", problems.size() == 1 ? "1 problem" : problems.size() + " problems",
                            "problems", String.join("; ", problems)),
                    problems);
        }
    }
}
