package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.spec.InvalidWheelFilenameException;
import dev.wheelwright.spec.WheelFilename;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * The file name must follow PEP 427's {@code {distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl}:
 * pip and uv refuse anything else before reading the archive, so the wheel cannot be installed.
 */
public final class InvalidWheelFilenameCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            try {
                WheelFilename.parse(w.filename());
            } catch (InvalidWheelFilenameException e) {
                hits.add(WheelChecks.at(w, null), WheelChecks.values(w, "reason", e.getMessage()), List.of(e.getMessage()));
            }
        }
    }
}
