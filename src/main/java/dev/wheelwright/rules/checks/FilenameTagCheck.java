package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelTags;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tags in the file name must be exactly the WHEEL file's {@code Tag} lines (binary
 * distribution format: WHEEL lists the expanded tags; installers choose by file name, tools
 * that retag must rewrite both).
 */
public final class FilenameTagCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            if (w.wheelFile() == null) {
                continue; // dist-info-file-missing reports that
            }
            Set<String> fromName = new LinkedHashSet<>();
            WheelTags.fromFilename(w.filename()).forEach(t -> fromName.add(t.toString()));
            if (fromName.isEmpty()) {
                continue;
            }
            Set<String> fromWheel = new LinkedHashSet<>();
            for (String line : w.wheelTags()) {
                WheelTags.fromTagLine(line).forEach(t -> fromWheel.add(t.toString()));
            }
            if (fromName.equals(fromWheel)) {
                continue;
            }
            List<String> onlyName = new ArrayList<>(fromName);
            onlyName.removeAll(fromWheel);
            List<String> onlyWheel = new ArrayList<>(fromWheel);
            onlyWheel.removeAll(fromName);
            List<String> evidence = new ArrayList<>();
            onlyName.forEach(t -> evidence.add("only in the file name: " + t));
            onlyWheel.forEach(t -> evidence.add("only in WHEEL: " + t));
            hits.add(WheelChecks.at(w, w.distInfo() + "/WHEEL"),
                    WheelChecks.values(w,
                            "filenameTags", String.join(", ", fromName),
                            "wheelTags", fromWheel.isEmpty() ? "no Tag line" : String.join(", ", fromWheel)),
                    evidence);
        }
    }
}
