package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * A member that should be native code (by its magic number or its name) but is not a readable
 * Mach-O, ELF or PE file: a truncated upload, a text placeholder, a Git LFS pointer, a binary
 * damaged by line-ending conversion. It will fail to import.
 */
public final class InvalidBinaryMemberCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (WheelFacts.InvalidBinary b : w.invalidBinaries()) {
                hits.add(WheelChecks.at(w, b.member()),
                        WheelChecks.values(w, "member", b.member(), "reason", b.reason()), List.of(b.reason()));
            }
        }
    }
}
