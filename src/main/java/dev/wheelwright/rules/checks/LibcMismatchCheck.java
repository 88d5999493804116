package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the two C-library checks: a musl-linked binary in a manylinux (glibc) wheel, and a
 * glibc-linked binary in a musllinux wheel (PEP 656). Neither loads on the other libc.
 */
abstract class LibcMismatchCheck implements Check {
    private final String family;
    private final boolean flagMusl;

    LibcMismatchCheck(String family, boolean flagMusl) {
        this.family = family;
        this.flagMusl = flagMusl;
    }

    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            var tags = WheelChecks.platforms(w, family);
            if (tags.isEmpty()) {
                continue;
            }
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.ELF)) {
                ElfSlice e = (ElfSlice) b.info().slices().get(0);
                List<String> evidence = flagMusl ? muslEvidence(e) : glibcEvidence(e);
                if (!evidence.isEmpty()) {
                    hits.add(WheelChecks.at(w, b.member(), e.arch()),
                            WheelChecks.values(w, "member", b.member(), "tag", WheelChecks.tagNames(tags)), evidence);
                }
            }
        }
    }

    private static List<String> muslEvidence(ElfSlice e) {
        List<String> out = new ArrayList<>();
        if (!e.musl()) {
            return out;
        }
        if (e.interpreter() != null && e.interpreter().contains("musl")) {
            out.add("interpreter " + e.interpreter());
        }
        e.needed().stream().filter(n -> n.startsWith("libc.musl-")).forEach(n -> out.add("DT_NEEDED " + n));
        if (out.isEmpty()) {
            out.add("linked against musl libc");
        }
        return out;
    }

    private static List<String> glibcEvidence(ElfSlice e) {
        List<String> out = new ArrayList<>();
        if (e.musl()) {
            return out;
        }
        e.needed().stream().filter(n -> n.equals("libc.so.6")).forEach(n -> out.add("DT_NEEDED " + n));
        e.versionNeeds().stream().filter(n -> n.version().startsWith("GLIBC_")).findFirst()
                .ifPresent(n -> out.add("needs " + n.version() + " from " + n.library()));
        return out;
    }
}
