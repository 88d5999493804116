package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * WW-E011: x86-64 ELF binaries whose GNU property note says they need an ISA level above the
 * x86-64 baseline (GNU_PROPERTY_X86_ISA_1_NEEDED with x86-64-v2, v3 or v4), in a wheel tagged for
 * plain x86_64, which promises the baseline. auditwheel 6 reads the same note and refuses such a
 * wheel ("depends on unsupported ISA extensions"): on an older CPU the import dies with SIGILL.
 * One finding per wheel: the highest level is the message, every binary is evidence.
 */
public final class IsaLevelAboveBaselineCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<String> evidence = new ArrayList<>();
            String top = null;
            String member = null;
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.ELF)) {
                ElfSlice e = (ElfSlice) b.info().slices().get(0);
                String level = e.arch().equals("x86_64") ? e.x86IsaLevel() : null;
                if (level == null) {
                    continue;
                }
                evidence.add(b.member() + ": x86 ISA needed " + level + " (GNU_PROPERTY_X86_ISA_1_NEEDED 0x"
                        + Integer.toHexString(e.x86IsaNeeded()) + ")");
                if (top == null || level.compareTo(top) > 0) {
                    top = level;
                    member = b.member();
                }
            }
            if (top == null) {
                continue;
            }
            hits.add(WheelChecks.at(w, member, "x86_64"),
                    WheelChecks.values(w, "member", member, "level", top, "count", evidence.size(),
                            "what", evidence.size() == 1 ? member : evidence.size() + " binaries (" + member + ", ...)"),
                    evidence);
        }
    }
}
