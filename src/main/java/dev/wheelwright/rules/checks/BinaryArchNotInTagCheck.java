package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * A Mach-O slice whose arch no macOS tag of the wheel names: the slice is dead weight at best;
 * at worst the binary was built for the wrong CPU (an x86_64 module in an arm64 wheel) and the
 * arch the tag promises is missing.
 */
public final class BinaryArchNotInTagCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<PlatformTag> all = WheelChecks.platforms(w, "macos", "manylinux", "musllinux", "linux", "windows");
            if (all.isEmpty()) {
                continue; // any-platform wheels: binary-in-platform-independent-wheel
            }
            List<String> promised = WheelChecks.archs(WheelChecks.platforms(w, "macos"));
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.MACHO)) {
                for (String arch : b.info().archs()) {
                    if (!promised.contains(arch)) {
                        hits.add(WheelChecks.at(w, b.member(), arch),
                                WheelChecks.values(w, "member", b.member(), "arch", arch, "tag", WheelChecks.tagNames(all)),
                                List.of("slices: " + String.join(", ", b.info().archs()),
                                        "tag promises: " + (promised.isEmpty() ? "no macOS arch" : String.join(", ", promised))));
                    }
                }
            }
        }
    }
}
