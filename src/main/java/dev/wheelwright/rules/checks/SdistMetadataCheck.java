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
 * declared Metadata-Version), judged by the same code as a wheel's METADATA. One finding per sdist.
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
            }
            MetadataInvalidCheck.report(hits, SdistChecks.at(s, file), s.filename(), file, problems);
        }
    }
}
