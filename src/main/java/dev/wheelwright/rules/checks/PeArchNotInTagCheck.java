package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.PeSlice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * A PE module whose machine (IMAGE_FILE_HEADER.Machine) is not the Windows tag's CPU (win_amd64 =
 * AMD64, win32 = x86, win_arm64 = ARM64): Windows refuses it with "%1 is not a valid Win32
 * application" / "DLL load failed".
 */
public final class PeArchNotInTagCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<PlatformTag> all = WheelChecks.platforms(w, "macos", "manylinux", "musllinux", "linux", "windows");
            if (all.isEmpty()) {
                continue;
            }
            List<String> promised = WheelChecks.archs(WheelChecks.platforms(w, "windows"));
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.PE)) {
                PeSlice p = (PeSlice) b.info().slices().get(0);
                if (!promised.contains(p.arch())) {
                    hits.add(WheelChecks.at(w, b.member(), p.arch()),
                            WheelChecks.values(w, "member", b.member(), "arch", p.arch(), "tag", WheelChecks.tagNames(all)),
                            List.of(String.format("IMAGE_FILE_HEADER.Machine 0x%04x (%s)", p.machine(), p.arch())));
                }
            }
        }
    }
}
