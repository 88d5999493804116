package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * Apple silicon refuses to map code without a signature: an arm64 slice without
 * LC_CODE_SIGNATURE gets the loading process killed ("Killed: 9", code signature invalid).
 * Linkers sign ad hoc by default; the signature is lost when a tool rewrites the file without
 * re-signing.
 */
public final class Arm64UnsignedCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.MACHO)) {
                for (Slice s : b.info().slices()) {
                    MachOSlice m = (MachOSlice) s;
                    if (m.arch().startsWith("arm64") && !m.codeSignature()) {
                        hits.add(WheelChecks.at(w, b.member(), m.arch()),
                                WheelChecks.values(w, "member", b.member(), "arch", m.arch()),
                                List.of(m.arch() + ": no LC_CODE_SIGNATURE load command"));
                    }
                }
            }
        }
    }
}
