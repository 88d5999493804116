package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.MemberNames;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * A member name that would be written outside the install folder (absolute, {@code ..},
 * Windows drive or backslash). pip refuses such wheels; a less careful installer would overwrite
 * arbitrary files. The member is never extracted by wheelwright.
 */
public final class UnsafeMemberPathCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (String name : w.unsafeMemberNames()) {
                String shown = name.replace("\0", "\\0");
                hits.add(WheelChecks.at(w, shown),
                        WheelChecks.values(w, "member", shown, "reason", MemberNames.unsafeReason(name)),
                        List.of(shown));
            }
        }
    }
}
