package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.spec.CoreMetadata;
import dev.wheelwright.wheel.SdistFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * WW-W025 sdist-metadata-invalid: the sdist's {@code {name}-{version}/PKG-INFO} is missing or
 * breaks the core metadata specification (required fields, field syntax, fields newer than the
 * declared Metadata-Version), judged by the same code as a wheel's METADATA; and what the source
 * distribution format asks of PKG-INFO in an sdist: Metadata-Version 2.2 or later when the sdist
 * has pyproject.toml, and from 2.4 on every License-File present at its path. One finding per sdist.
 */
public final class SdistMetadataCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (SdistFacts s : SdistChecks.sdists(facts)) {
            String file = (s.top().isEmpty() ? "" : s.top() + "/") + "PKG-INFO";
            List<String> problems = new ArrayList<>();
            if (s.pkgInfo() == null) {
                problems.add("there is no " + file + " (every sdist carries its core metadata there; `python -m build --sdist` writes it)");
            } else {
                problems.addAll(CoreMetadata.problems(s.pkgInfo().fields(), null, null));
                s.pkgInfo().malformed().forEach(line -> problems.add("line " + line + " is not a 'Name: value' header"));
                String mv = s.pkgInfo().first("Metadata-Version").orElse("").strip();
                int age = CoreMetadata.VERSIONS.indexOf(mv);
                // source distribution format: an sdist with pyproject.toml carries metadata 2.2 or later
                if (s.pyproject() && age >= 0 && age < CoreMetadata.VERSIONS.indexOf("2.2")) {
                    problems.add("Metadata-Version " + mv + " is older than the 2.2 the source distribution format asks of an sdist"
                            + " with pyproject.toml (PEP 643)");
                }
                // from 2.4 on, every License-File is in the sdist, relative to its top-level folder
                if (age >= CoreMetadata.VERSIONS.indexOf("2.4") && !s.files().isEmpty()) {
                    for (String lf : s.pkgInfo().all("License-File")) {
                        if (CoreMetadata.licenseFilePath(lf) == null && !s.files().contains(lf)) {
                            problems.add("License-File '" + lf + "' is not in the sdist (expected at "
                                    + (s.top().isEmpty() ? "" : s.top() + "/") + lf + ")");
                        }
                    }
                }
            }
            MetadataInvalidCheck.report(hits, SdistChecks.at(s, file), s.filename(), file, problems);
        }
    }
}
