package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * {@code Root-Is-Purelib: true} with native code in the wheel: installers put the root in
 * purelib, which some distributions (Debian, Fedora lib64) keep apart from platlib, so the
 * extension lands where the platform-specific interpreter does not look.
 */
public final class PurelibWithBinariesCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            if (!w.rootIsPurelib().orElse(false)) {
                continue;
            }
            List<String> natives = WheelChecks.loadableNativeMembers(w).stream()
                    .filter(m -> w.scheme(m).equals("root")).toList(); // .data/platlib, data, scripts go elsewhere
            if (natives.isEmpty()) {
                continue;
            }
            hits.add(WheelChecks.at(w, natives.get(0)),
                    WheelChecks.values(w, "member", natives.get(0), "count", natives.size()),
                    WheelChecks.firstFew(natives, 5));
        }
    }
}
