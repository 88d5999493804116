package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelTags;

/**
 * A wheel tagged for every platform ({@code -none-any}) that ships native code: pip installs it
 * on every OS and CPU, and the extension fails to import everywhere but where it was built.
 * Executables shipped as data for a subprocess (often one per OS, chosen at run time) are not
 * imported and do not count.
 */
public final class BinaryInPureWheelCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            var platforms = WheelTags.platforms(w.filename());
            if (platforms.isEmpty() || !platforms.stream().allMatch(p -> p.family().equals("any"))) {
                continue;
            }
            var natives = WheelChecks.loadableNativeMembers(w);
            if (!natives.isEmpty()) {
                hits.add(WheelChecks.at(w, natives.get(0)),
                        WheelChecks.values(w, "member", natives.get(0), "count", natives.size()),
                        WheelChecks.firstFew(natives, 5));
            }
        }
    }
}
