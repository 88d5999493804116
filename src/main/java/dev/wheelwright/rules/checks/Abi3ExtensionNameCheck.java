package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.MemberNames;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelMember;
import dev.wheelwright.wheel.WheelTags;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An {@code abi3} wheel whose extension modules are named for one interpreter version
 * ({@code _x.cpython-311-x86_64-linux-gnu.so}, {@code _x.cp311-win_amd64.pyd}): they were built
 * against the full C API, and newer interpreters will not even import them by that name (PEP 384:
 * stable-ABI modules use the {@code .abi3.so} suffix or a bare {@code .so}/{@code .pyd}).
 */
public final class Abi3ExtensionNameCheck implements Check {
    private static final Pattern VERSIONED = Pattern.compile(
            ".*\\.(cpython-\\d+[a-z]*(-[^./]+)?|cp\\d+-win[^./]*|pypy\\d*[-_][^./]+)\\.(so|pyd)$");

    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            boolean abi3 = WheelTags.fromFilename(w.filename()).stream().anyMatch(t -> t.abi().equals("abi3"));
            if (!abi3) {
                continue;
            }
            for (WheelMember m : w.files()) {
                if (MemberNames.isExtensionModule(m.name()) && VERSIONED.matcher(m.name()).matches()) {
                    var suffix = VERSIONED.matcher(m.name());
                    suffix.matches();
                    hits.add(WheelChecks.at(w, m.name()),
                            WheelChecks.values(w, "member", m.name(), "suffix", "." + suffix.group(1) + "." + suffix.group(3)),
                            List.of(m.name()));
                }
            }
        }
    }
}
