package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * The binary distribution format requires a {@code {name}-{version}.dist-info} folder with
 * {@code WHEEL}, {@code METADATA} and {@code RECORD}; installers refuse a wheel without them.
 */
public final class DistInfoFileMissingCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            if (w.distInfo() == null) {
                hits.add(WheelChecks.at(w, null), WheelChecks.values(w, "file", "*.dist-info/"),
                        List.of("no top-level folder ending in .dist-info"));
                continue;
            }
            if (w.wheelFile() == null) {
                report(w, "WHEEL", hits);
            }
            if (w.metadata() == null) {
                report(w, "METADATA", hits);
            }
            if (w.record() == null) {
                report(w, "RECORD", hits);
            } else if (w.record().isEmpty()) {
                // one finding for the wheel, not one per file that RECORD fails to list
                String path = w.distInfo() + "/RECORD";
                hits.add(WheelChecks.at(w, path), WheelChecks.values(w, "file", "rows in " + path + " (the file is empty)"),
                        List.of(path + " is empty; the wheel's " + w.files().size() + " files are unlisted"));
            }
        }
    }

    private static void report(WheelFacts w, String file, Hits hits) {
        String path = w.distInfo() + "/" + file;
        hits.add(WheelChecks.at(w, path), WheelChecks.values(w, "file", path), List.of(path + " is not in the archive"));
    }
}
