package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Every arch the macOS tags promise must be a slice of every Mach-O binary (universal2 =
 * x86_64 + arm64, intel = i386 + x86_64, as packaging's _mac_binary_formats): pip installs the
 * wheel on each of those CPUs, and a missing slice fails to load there.
 */
public final class BinaryMissingTaggedArchCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<PlatformTag> tags = WheelChecks.platforms(w, "macos");
            List<String> promised = WheelChecks.archs(tags);
            if (promised.isEmpty()) {
                continue;
            }
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.MACHO)) {
                List<String> missing = new ArrayList<>(promised);
                missing.removeAll(b.info().archs());
                if (!missing.isEmpty()) {
                    hits.add(WheelChecks.at(w, b.member()),
                            WheelChecks.values(w, "member", b.member(), "missing", String.join(", ", missing),
                                    "archs", String.join(", ", b.info().archs()), "tag", WheelChecks.tagNames(tags)),
                            List.of("slices: " + String.join(", ", b.info().archs()), "tag promises: " + String.join(", ", promised)));
                }
            }
        }
    }
}
