package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * WW-E010: ELF binaries whose PT_GNU_STACK program header carries PF_X. Loading one makes the
 * stack of every thread executable; glibc 2.41 refuses to dlopen such a library ("cannot enable
 * executable stack as shared object requires"), SELinux (execmem) refuses it too. One finding
 * per wheel listing every such binary.
 */
public final class ExecutableStackCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<String> members = new ArrayList<>();
            String arch = null;
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.ELF)) {
                ElfSlice e = (ElfSlice) b.info().slices().get(0);
                if (e.execStack()) {
                    members.add(b.member());
                    arch = arch == null ? e.arch() : arch;
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            List<String> evidence = members.stream().map(m -> m + ": PT_GNU_STACK flags RWE").toList();
            hits.add(WheelChecks.at(w, members.get(0), arch),
                    WheelChecks.values(w, "member", members.get(0), "what", members.size() == 1 ? members.get(0)
                            : members.size() + " binaries (" + members.get(0) + ", ...)"),
                    evidence);
        }
    }
}
