package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --require-archs}: every Mach-O binary must carry each listed arch, whatever the tag
 * says (delocate-wheel's {@code --require-archs}); guards a universal2 release against a thin
 * module built by a step that ignored ARCHFLAGS.
 */
public final class MissingRequiredArchCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        AuditPolicy policy = WheelChecks.policy(facts);
        if (policy.requireArchs().isEmpty()) {
            return;
        }
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.MACHO)) {
                List<String> missing = new ArrayList<>(policy.requireArchs());
                missing.removeAll(b.info().archs());
                if (!missing.isEmpty()) {
                    hits.add(WheelChecks.at(w, b.member()),
                            WheelChecks.values(w, "member", b.member(), "missing", String.join(", ", missing),
                                    "archs", String.join(", ", b.info().archs()), "required", String.join(",", policy.requireArchs())),
                            List.of("slices: " + String.join(", ", b.info().archs())));
                }
            }
        }
    }
}
