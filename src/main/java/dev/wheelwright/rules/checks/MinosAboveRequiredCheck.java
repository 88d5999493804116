package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * {@code --min-macos V}: the wheels must install and load on macOS V. A macOS tag above V keeps
 * pip from installing it there; a slice whose minos is above V (for arm64: above max(V, 11.0))
 * is refused by dyld there.
 */
public final class MinosAboveRequiredCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        AuditPolicy policy = WheelChecks.policy(facts);
        if (policy.minMacos() == null) {
            return;
        }
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (PlatformTag t : WheelChecks.platforms(w, "macos")) {
                String required = t.archs().stream().allMatch(a -> a.startsWith("arm64"))
                        ? MinosAboveTagCheck.promisedFor("arm64", policy.minMacos()) : policy.minMacos();
                if (PlatformTag.compareVersions(t.version(), required) > 0) {
                    hits.add(WheelChecks.at(w, null),
                            WheelChecks.values(w, "what", "the tag " + t.tag(), "minos", t.version(), "required", required),
                            List.of("platform tag " + t.tag()));
                }
            }
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.MACHO)) {
                for (Slice s : b.info().slices()) {
                    MachOSlice m = (MachOSlice) s;
                    String required = MinosAboveTagCheck.promisedFor(m.arch(), policy.minMacos());
                    if (m.minos() != null && PlatformTag.compareVersions(m.minos(), required) > 0) {
                        hits.add(WheelChecks.at(w, b.member(), m.arch()),
                                WheelChecks.values(w, "what", b.member() + " [" + m.arch() + "]", "minos", m.minos(), "required", required),
                                List.of(m.arch() + " minos " + m.minos()));
                    }
                }
            }
        }
    }
}
