package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ManylinuxPolicies;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.LinuxLibraries;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * {@code --manylinux 2_28}: every ELF binary must meet that policy (auditwheel's test: only the
 * policy's system libraries, bundled ones aside, and no symbol version newer than the policy's),
 * no manylinux tag may promise less than the policy (a manylinux_2_34 tag does not install on
 * a glibc 2.28 system), and a Linux wheel must carry a manylinux tag at all, not a plain linux_* one.
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
            if (WheelChecks.platforms(w, "manylinux", "musllinux").isEmpty()) {
                // PEP 600 / PEP 513: a plain linux_<arch> tag promises nothing about the system
                // libraries; pip on a manylinux system installs it only as a local build, and PyPI
                // refuses to upload it. auditwheel repair checks the binaries and retags the wheel.
                for (PlatformTag t : WheelChecks.platforms(w, "linux")) {
                    hits.add(WheelChecks.at(w, null),
                            WheelChecks.values(w, "what", "the tag " + t.tag(), "policy", shown,
                                    "problem", "a plain linux tag is not a manylinux tag (PyPI refuses it; auditwheel repair checks the binaries and retags the wheel)"),
                            List.of("platform tag " + t.tag()));
                }
            }
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
                List<String> needed = LinuxLibraries.system(WheelChecks.fileNames(w), b.member(), e);
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
