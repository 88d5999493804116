package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelMember;
import java.util.List;
import java.util.Locale;

/**
 * Compiled bytecode in a wheel: {@code .pyc} files are tied to one interpreter version's magic
 * number and installers compile on install anyway (PEP 427 recommends against shipping them).
 */
public final class PycCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<String> pyc = w.files().stream().map(WheelMember::name).filter(n -> {
                String l = n.toLowerCase(Locale.ROOT);
                return l.endsWith(".pyc") || l.endsWith(".pyo");
            }).toList();
            if (!pyc.isEmpty()) {
                hits.add(WheelChecks.at(w, pyc.get(0)),
                        WheelChecks.values(w, "member", pyc.get(0), "count", pyc.size()),
                        WheelChecks.firstFew(pyc, 5));
            }
        }
    }
}
