package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * An ELF binary whose machine is not an arch of the wheel's Linux tags (an x86_64 module in an
 * aarch64 wheel, often from a cross-build that fell back to the host compiler): it fails to load
 * with "wrong ELF class" or "cannot open shared object file: No such file" on the tagged machine.
 */
public final class ElfArchNotInTagCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<PlatformTag> all = WheelChecks.platforms(w, "macos", "manylinux", "musllinux", "linux", "windows");
            if (all.isEmpty()) {
                continue;
            }
            List<String> promised = WheelChecks.archs(WheelChecks.platforms(w, "manylinux", "musllinux", "linux"));
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.ELF)) {
                ElfSlice e = (ElfSlice) b.info().slices().get(0);
                if (!promised.contains(e.arch())) {
                    hits.add(WheelChecks.at(w, b.member(), e.arch()),
                            WheelChecks.values(w, "member", b.member(), "arch", e.arch(), "tag", WheelChecks.tagNames(all)),
                            List.of("ELF machine " + e.machine() + " (" + e.arch() + ", " + e.elfClass() + "-bit)"));
                }
            }
        }
    }
}
