package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * An ELF binary requiring a GLIBC_x.y symbol version newer than the glibc its manylinux tag
 * promises (PEP 600: manylinux_x_y runs on glibc x.y and later). pip installs the wheel on the
 * older system, where the import fails with "version `GLIBC_2.34' not found". The binary was
 * built on a newer system than the tag claims (not in the manylinux image, or retagged).
 */
public final class GlibcTooNewCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<PlatformTag> tags = WheelChecks.platforms(w, "manylinux");
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.ELF)) {
                ElfSlice e = (ElfSlice) b.info().slices().get(0);
                PlatformTag tag = oldest(tags, e.arch());
                if (tag == null || e.glibcMax() == null || PlatformTag.compareVersions(e.glibcMax(), tag.version()) <= 0) {
                    continue;
                }
                List<String> evidence = e.versionNeeds().stream()
                        .filter(n -> n.version().startsWith("GLIBC_") && newer(n.version().substring(6), tag.version()))
                        .map(n -> n.version() + " from " + n.library()).distinct().toList();
                hits.add(WheelChecks.at(w, b.member(), e.arch()),
                        WheelChecks.values(w, "member", b.member(), "glibcMax", e.glibcMax(), "tag", tag.tag(),
                                "tagGlibc", tag.version()),
                        evidence);
            }
        }
    }

    private static boolean newer(String version, String than) {
        return version.matches("\\d+(\\.\\d+)*") && PlatformTag.compareVersions(version, than) > 0;
    }

    /** The manylinux tag with the oldest glibc for the arch (the widest promise), or null. */
    static PlatformTag oldest(List<PlatformTag> tags, String arch) {
        PlatformTag best = null;
        for (PlatformTag t : tags) {
            if (t.archs().contains(arch) && (best == null || PlatformTag.compareVersions(t.version(), best.version()) < 0)) {
                best = t;
            }
        }
        return best;
    }
}
