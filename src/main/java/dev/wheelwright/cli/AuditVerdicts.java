package dev.wheelwright.cli;

import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.Severity;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelMember;
import dev.wheelwright.wheel.WheelRetagger;
import dev.wheelwright.wheel.WheelSet;
import dev.wheelwright.wheel.WheelTags;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One line per audited wheel, as auditwheel show sums a wheel up: the platform tag its binaries
 * are consistent with (computed as {@code retag} computes it), the tag it claims, and how many
 * problems the audit found in it, e.g. "consistent with manylinux_2_24_x86_64; tag claims
 * manylinux_2_17_x86_64.manylinux2014_x86_64: 1 problem".
 */
final class AuditVerdicts {
    private AuditVerdicts() {}

    static List<String> lines(WheelSet set, List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (WheelFacts w : set.wheels()) {
            List<String> claimed = new ArrayList<>(new LinkedHashSet<>(
                    WheelTags.platforms(w.filename()).stream().map(p -> p.tag()).toList()));
            String tag = claimed.isEmpty() ? "?" : String.join(".", claimed);
            String consistent;
            if (w.binaries().isEmpty()) {
                consistent = "no native binaries";
            } else {
                List<String> computed = WheelRetagger.supportedPlatforms(
                        w.binaries().stream().map(WheelFacts.WheelBinary::info).toList(),
                        w.files().stream().map(WheelMember::name).toList(), claimed);
                consistent = computed.isEmpty() ? "binaries fit no single platform tag"
                        : "consistent with " + String.join(".", computed);
            }
            int problems = 0;
            int notes = 0;
            for (Finding f : findings) {
                if (f.suppressed() || !(f.location() instanceof Location.WheelMember m) || !m.wheel().equals(w.wheel())) {
                    continue;
                }
                if (f.severity() == Severity.INFO) {
                    notes++;
                } else {
                    problems++;
                }
            }
            out.add(w.filename() + ": " + consistent + "; tag claims " + tag + ": "
                    + (problems == 0 ? "no problems" : problems + (problems == 1 ? " problem" : " problems"))
                    + (notes == 0 ? "" : " (" + notes + (notes == 1 ? " note" : " notes") + ")"));
        }
        for (WheelSet.RefusedArchive r : set.refused()) {
            out.add(r.filename() + ": not audited (" + r.limit() + ")");
        }
        return out;
    }

    static List<String> sdistLines(List<dev.wheelwright.wheel.SdistFacts> sdists, List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (dev.wheelwright.wheel.SdistFacts s : sdists) {
            long problems = findings.stream().filter(f -> !f.suppressed() && f.location() instanceof Location.WheelMember m
                    && m.wheel().equals(s.filename())).count();
            out.add(s.filename() + ": source distribution"
                    + (s.pyproject() ? " (pyproject.toml)" : s.setupPy() ? " (setup.py)" : "") + ": "
                    + (problems == 0 ? "no problems" : problems + (problems == 1 ? " problem" : " problems")));
        }
        return out;
    }
}
