package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelTags;
import java.util.List;

/**
 * {@code Root-Is-Purelib: false}, or a platform-specific tag, with no native code inside: the
 * wheel claims to be platform-specific but is pure Python, so it is needlessly limited to one
 * platform (often a build that silently skipped the extension).
 */
public final class PlatlibWithoutBinariesCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            boolean platlibRoot = w.rootIsPurelib().map(p -> !p).orElse(false);
            boolean platformTag = WheelTags.platforms(w.filename()).stream().anyMatch(p -> !p.family().equals("any"));
            if (!(platlibRoot || platformTag) || !WheelChecks.nativeMembers(w).isEmpty() || !w.jars().isEmpty()) {
                continue;
            }
            String why = platlibRoot ? "Root-Is-Purelib: false" : "platform tag " + String.join(".",
                    WheelTags.platforms(w.filename()).stream().map(p -> p.tag()).distinct().toList());
            hits.add(WheelChecks.at(w, w.distInfo() == null ? null : w.distInfo() + "/WHEEL"),
                    WheelChecks.values(w, "claim", why),
                    List.of(why, "no .so, .pyd, .dylib or .dll member and no Mach-O, ELF or PE file"));
        }
    }
}
