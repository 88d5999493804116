package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The slices of one fat binary need different macOS versions beyond what the arm64 floor
 * explains (x86_64 10.9 with arm64 11.0 is normal; arm64 13.0 with x86_64 10.9 is not): the
 * halves were built with different MACOSX_DEPLOYMENT_TARGET values, so one tag cannot describe
 * the binary and one arch is promised a macOS it does not run on.
 */
public final class InconsistentMinosCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.MACHO)) {
                if (b.info().slices().size() < 2) {
                    continue;
                }
                Set<String> effective = new LinkedHashSet<>();
                List<String> each = new ArrayList<>();
                for (Slice s : b.info().slices()) {
                    MachOSlice m = (MachOSlice) s;
                    if (m.minos() == null) {
                        continue;
                    }
                    each.add(m.arch() + " " + m.minos());
                    // Below 11.0 every arch is compared at 11.0 when an arm64 slice exists: its
                    // floor is 11.0 and older x86_64 targets are the intended universal2 layout.
                    effective.add(normalise(b.info().archs().stream().anyMatch(a -> a.startsWith("arm64")), m.minos()));
                }
                if (effective.size() > 1) {
                    hits.add(WheelChecks.at(w, b.member()),
                            WheelChecks.values(w, "member", b.member(), "minos", String.join(", ", each)), each);
                }
            }
        }
    }

    private static String normalise(boolean hasArm64, String minos) {
        if (hasArm64 && PlatformTag.compareVersions(minos, MinosAboveTagCheck.ARM64_FLOOR) < 0) {
            return "11.0.0";
        }
        String[] p = minos.split("\\.");
        return Integer.parseInt(p[0]) + "." + (p.length > 1 ? Integer.parseInt(p[1]) : 0) + "." + (p.length > 2 ? Integer.parseInt(p[2]) : 0);
    }
}
