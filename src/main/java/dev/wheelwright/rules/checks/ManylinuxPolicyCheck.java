package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ManylinuxPolicies;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * {@code --manylinux 2_28}: every ELF binary must meet that policy (auditwheel's test: only the
 * policy's system libraries, bundled ones aside, and no symbol version newer than the policy's),
 * and no manylinux tag may promise less than the policy (a manylinux_2_34 tag does not install on
 * a glibc 2.28 system).
 */
public final class ManylinuxPolicyCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        AuditPolicy audit = WheelChecks.policy(facts);
        if (audit.manylinux() == null) {
            return;
        }
        ManylinuxPolicies policies = ManylinuxPolicies.builtin();
        String policyName = ExternalSharedLibraryCheck.policyFor(policies, audit.manylinux());
        String shown = "manylinux_" + audit.manylinux().replace('.', '_');
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (PlatformTag t : WheelChecks.platforms(w, "manylinux")) {
                if (PlatformTag.compareVersions(t.version(), audit.manylinux()) > 0) {
                    hits.add(WheelChecks.at(w, null),
                            WheelChecks.values(w, "what", "the tag " + t.tag(), "policy", shown,
                                    "problem", "it needs glibc " + t.version()),
                            List.of("platform tag " + t.tag()));
                }
            }
            if (policyName == null) {
                continue;
            }
            ManylinuxPolicies.Policy policy = policies.byName(policyName).orElseThrow();
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.ELF)) {
                ElfSlice e = (ElfSlice) b.info().slices().get(0);
                List<String> needed = e.needed().stream().filter(n -> !WheelChecks.bundles(w, n)).toList();
                List<ManylinuxPolicies.Violation> violations = policies.check(policy, e.arch(), needed, e.versionNeeds());
                for (ManylinuxPolicies.Violation v : violations) {
                    hits.add(WheelChecks.at(w, b.member(), e.arch()),
                            WheelChecks.values(w, "what", b.member(), "policy", shown, "problem", v.describe()),
                            List.of(v.describe()));
                }
            }
        }
    }
}
