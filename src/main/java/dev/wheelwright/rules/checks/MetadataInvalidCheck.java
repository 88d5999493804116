package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.spec.CoreMetadata;
import dev.wheelwright.spec.WheelFilename;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * METADATA against the core metadata specification (as {@code twine check} and PyPI judge it):
 * required fields, Name and Version against the file name, fields newer than the declared
 * Metadata-Version, Description-Content-Type, Requires-Dist and Requires-Python syntax (PEP 508
 * and PEP 440, through {@code spec}), Provides-Extra names, Dynamic, License-File paths. One
 * finding per wheel listing every problem.
 */
public final class MetadataInvalidCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            if (w.metadata() == null) {
                continue; // dist-info-file-missing reports it
            }
            String name = null;
            String version = null;
            try {
                WheelFilename f = WheelFilename.parse(w.filename());
                name = f.name();
                version = f.version().toString();
            } catch (RuntimeException e) {
                // invalid-wheel-filename reports it; the fields are still checked on their own
            }
            List<String> problems = new ArrayList<>(CoreMetadata.problems(w.metadata().fields(), name, version));
            w.metadata().malformed().forEach(line -> problems.add("line " + line + " is not a 'Name: value' header"));
            report(hits, WheelChecks.at(w, w.distInfo() + "/METADATA"), w.filename(), w.distInfo() + "/METADATA", problems);
        }
    }

    static void report(Hits hits, dev.wheelwright.rules.Location at, String archive, String file, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("wheel", archive);
        values.put("file", file);
        values.put("count", problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        values.put("problems", String.join("; ", problems));
        hits.add(at, values, problems);
    }
}
