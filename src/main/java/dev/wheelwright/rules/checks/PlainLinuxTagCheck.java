package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelRetagger;
import dev.wheelwright.wheel.WheelTags;
import java.util.List;

/**
 * WW-E008: a wheel whose only Linux tags are plain {@code linux_<arch>} (what {@code bdist_wheel}
 * writes before a repair). PyPI refuses such uploads (PEP 513: the platform tag says nothing of
 * the system libraries it needs), and pip installs it only where that exact tag is accepted. When
 * the binaries already fit a manylinux policy the finding names that tag.
 */
public final class PlainLinuxTagCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        if (WheelChecks.policy(facts).manylinux() != null) {
            return; // --manylinux asks for a policy: WW-E006 reports a plain linux tag as an error then
        }
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<PlatformTag> platforms = WheelTags.platforms(w.filename());
            if (platforms.isEmpty() || !platforms.stream().allMatch(p -> p.tag().startsWith("linux_"))) {
                continue;
            }
            List<WheelFacts.WheelBinary> elf = WheelChecks.binaries(w, BinaryFormat.ELF);
            List<String> current = platforms.stream().map(PlatformTag::tag).distinct().toList();
            List<String> fit = elf.isEmpty() ? List.of()
                    : WheelRetagger.supportedPlatforms(elf.stream().map(WheelFacts.WheelBinary::info).toList(),
                            WheelChecks.fileNames(w), current);
            boolean manylinux = !fit.isEmpty() && fit.get(0).startsWith("manylinux_");
            String advice = manylinux
                    ? "its binaries fit " + String.join(".", fit) + ": `wheelwright retag --apply` or `auditwheel repair` tags it so"
                    : "`auditwheel repair` bundles the libraries it needs and tags it manylinux";
            hits.add(WheelChecks.at(w, null),
                    WheelChecks.values(w, "tag", String.join(".", current), "advice", advice),
                    List.of("platform tags: " + String.join(" ", current)));
        }
    }
}
