package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * WHEEL must state {@code Wheel-Version: 1.x}. Binary distribution format: an installer must
 * fail on a greater major version than it supports (1 is the only one), and cannot tell which
 * rules apply to a wheel without the field.
 */
public final class WheelVersionCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            if (w.wheelFile() == null) {
                continue; // dist-info-file-missing reports it
            }
            String path = w.distInfo() + "/WHEEL";
            String version = w.wheelFile().first("Wheel-Version").orElse(null);
            String problem = null;
            if (version == null) {
                problem = "has no Wheel-Version field";
            } else if (!version.matches("\\d+\\.\\d+")) {
                problem = "says Wheel-Version: " + version + ", which is not a MAJOR.MINOR version";
            } else if (!version.startsWith("1.")) {
                problem = "says Wheel-Version: " + version + "; installers support only major version 1";
            }
            if (problem != null) {
                hits.add(WheelChecks.at(w, path), WheelChecks.values(w, "file", path, "problem", problem),
                        List.of(version == null ? "fields: " + String.join(", ", w.wheelFile().fields().keySet())
                                : "Wheel-Version: " + version));
            }
        }
    }
}
