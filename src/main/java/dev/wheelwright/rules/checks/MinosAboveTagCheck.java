package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * A slice's minimum macOS (LC_BUILD_VERSION / LC_VERSION_MIN_MACOSX minos) above the version
 * the wheel's tag promises for that arch: pip installs the wheel on the older macOS and dyld
 * refuses the module there. arm64 Macs start at macOS 11, so for arm64 the promise is at least
 * 11.0 whatever the tag says (a 10.9 universal2 wheel's arm64 slice may need 11.0), as pip's
 * tag generation does.
 */
public final class MinosAboveTagCheck implements Check {
    static final String ARM64_FLOOR = "11.0";

    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<PlatformTag> tags = WheelChecks.platforms(w, "macos");
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.MACHO)) {
                for (Slice s : b.info().slices()) {
                    MachOSlice m = (MachOSlice) s;
                    if (m.minos() == null) {
                        continue;
                    }
                    PlatformTag tag = oldestFor(tags, m.arch());
                    if (tag == null) {
                        continue;
                    }
                    String promised = promisedFor(m.arch(), tag.version());
                    if (PlatformTag.compareVersions(m.minos(), promised) > 0) {
                        hits.add(WheelChecks.at(w, b.member(), m.arch()),
                                WheelChecks.values(w, "member", b.member(), "arch", m.arch(), "minos", m.minos(),
                                        "tag", tag.tag(), "tagVersion", promised),
                                List.of(m.arch() + " minos " + m.minos() + (m.sdk() == null ? "" : ", sdk " + m.sdk())));
                    }
                }
            }
        }
    }

    /** The tag with the oldest macOS version among those that cover the arch, or null. */
    static PlatformTag oldestFor(List<PlatformTag> tags, String arch) {
        PlatformTag best = null;
        for (PlatformTag t : tags) {
            if (t.archs().contains(arch) && (best == null || PlatformTag.compareVersions(t.version(), best.version()) < 0)) {
                best = t;
            }
        }
        return best;
    }

    /** The macOS version a tag version really promises for an arch (arm64 Macs run 11.0 or later). */
    static String promisedFor(String arch, String version) {
        if (arch.startsWith("arm64") && PlatformTag.compareVersions(version, ARM64_FLOOR) < 0) {
            return ARM64_FLOOR;
        }
        return version;
    }
}
