package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ManylinuxPolicies;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.ElfLibraryFolders;
import dev.wheelwright.wheel.LinuxLibraries;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;
import java.util.Set;

/**
 * An ELF binary in a manylinux wheel that needs (DT_NEEDED) a library outside the policy's
 * allow-list (PEP 513/599/600: the libraries every manylinux system has) and not bundled in the
 * wheel: the import fails with "cannot open shared object file" where the library is not
 * installed. auditwheel repair copies such libraries into {@code <package>.libs/}. A library
 * that the binary's RUNPATH looks for in a folder of the installed tree this wheel does not ship
 * (a split wheel's layout) is left to WW-E007 library-from-another-distribution.
 */
public final class ExternalSharedLibraryCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ManylinuxPolicies policies = ManylinuxPolicies.builtin();
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<PlatformTag> tags = WheelChecks.platforms(w, "manylinux");
            List<String> files = WheelChecks.fileNames(w);
            // one finding per wheel: every binary and library it lacks is evidence
            java.util.Map<String, List<String>> byMember = new java.util.LinkedHashMap<>();
            java.util.Set<String> allMissing = new java.util.LinkedHashSet<>();
            String arch = null;
            String tagName = null;
            String policyName = null;
            int allowedCount = 0;
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.ELF)) {
                ElfSlice e = (ElfSlice) b.info().slices().get(0);
                PlatformTag tag = GlibcTooNewCheck.oldest(tags, e.arch());
                if (tag == null) {
                    continue;
                }
                String policy = policyFor(policies, tag.version());
                if (policy == null) {
                    continue;
                }
                Set<String> allowed = policies.allowedLibraries(policy, e.arch());
                List<String> missing = new java.util.ArrayList<>();
                for (String lib : e.needed()) {
                    // a library the RUNPATH looks for in another distribution's folder is WW-E007's
                    if (!allowed.contains(lib) && !LinuxLibraries.driver(lib) && !ElfLibraryFolders.bundles(files, lib)
                            && ElfLibraryFolders.foreign(files, b.member(), e, lib).isEmpty()) {
                        missing.add(lib);
                    }
                }
                if (!missing.isEmpty()) {
                    byMember.put(b.member(), missing);
                    allMissing.addAll(missing);
                    if (arch == null) {
                        arch = e.arch();
                        tagName = tag.tag();
                        policyName = policy;
                        allowedCount = allowed.size();
                    }
                }
            }
            if (byMember.isEmpty()) {
                continue;
            }
            String first = byMember.keySet().iterator().next();
            List<String> evidence = new java.util.ArrayList<>();
            if (byMember.size() == 1) {
                byMember.get(first).forEach(lib -> evidence.add("DT_NEEDED " + lib));
            } else {
                byMember.forEach((m, libs) -> evidence.add(m + ": DT_NEEDED " + String.join(", ", libs)));
            }
            evidence.add("allowed by " + policyName + ": " + allowedCount + " system libraries");
            List<String> libs = new java.util.ArrayList<>(allMissing);
            String library = libs.size() <= 6 ? names(libs)
                    : String.join(", ", libs.subList(0, 5)) + " and " + (libs.size() - 5) + " more";
            String member = byMember.size() == 1 ? first : byMember.size() + " binaries (" + first + ", ...)";
            hits.add(WheelChecks.at(w, first, arch),
                    WheelChecks.values(w, "member", member, "library", library, "tag", tagName, "policy", policyName),
                    evidence);
        }
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    static String names(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The newest policy of the table whose glibc is not above the given one (manylinux_2_40 uses the 2_39 list, say). */
    static String policyFor(ManylinuxPolicies policies, String glibc) {
        String best = null;
        String bestGlibc = null;
        for (ManylinuxPolicies.Policy p : policies.policies()) {
            if (PlatformTag.compareVersions(p.glibc(), glibc) <= 0
                    && (bestGlibc == null || PlatformTag.compareVersions(p.glibc(), bestGlibc) > 0)) {
                best = p.name();
                bestGlibc = p.glibc();
            }
        }
        return best;
    }
}
