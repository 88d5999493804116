package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ManylinuxPolicies;
import dev.wheelwright.binary.elf.SymbolVersion;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.LinuxLibraries;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WW-E009: an ELF binary asks a system library for a symbol version that the policy of the
 * wheel's manylinux tag does not provide, in a family other than GLIBC (WW-E001 has those):
 * GLIBCXX and CXXABI of libstdc++, GCC of libgcc_s, ZLIB, LIBATOMIC — the families auditwheel's
 * policy table bounds. The policy is the table's ({@link ManylinuxPolicies}), the same one
 * {@code retag} and {@code --manylinux} use, and the system libraries are judged as they judge
 * them ({@link LinuxLibraries}). One finding per binary: the newest version per family is the
 * message, every version the policy lacks is evidence.
 */
public final class SymbolVersionTooNewCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ManylinuxPolicies policies = ManylinuxPolicies.builtin();
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<PlatformTag> tags = WheelChecks.platforms(w, "manylinux");
            if (tags.isEmpty()) {
                continue;
            }
            List<String> files = WheelChecks.fileNames(w);
            // one finding per wheel: the newest version per family over all binaries is the message
            Map<String, ManylinuxPolicies.SymbolVersionTooNew> newest = new LinkedHashMap<>();
            List<String> evidence = new ArrayList<>();
            List<String> members = new ArrayList<>();
            String arch = null;
            PlatformTag shownTag = null;
            String shownPolicy = null;
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.ELF)) {
                ElfSlice e = (ElfSlice) b.info().slices().get(0);
                PlatformTag tag = GlibcTooNewCheck.oldest(tags, e.arch());
                String name = tag == null ? null : ExternalSharedLibraryCheck.policyFor(policies, tag.version());
                if (name == null || e.musl()) {
                    continue;
                }
                ManylinuxPolicies.Policy policy = policies.byName(name).orElseThrow();
                if (!policy.archs().contains(e.arch())) {
                    continue; // WW-E003 / the tag's own problem
                }
                List<String> system = LinuxLibraries.system(files, b.member(), e);
                List<String> mine = new ArrayList<>();
                for (ManylinuxPolicies.Violation v : policies.check(policy, e.arch(), system, e.versionNeeds())) {
                    if (!(v instanceof ManylinuxPolicies.SymbolVersionTooNew t) || t.family().equals("GLIBC")) {
                        continue;
                    }
                    mine.add((members.isEmpty() ? "" : "") + t.version() + " from " + t.library() + " (" + name + " on " + e.arch()
                            + " has " + (t.allowed() == null ? "no " + t.family() + " version" : "up to " + t.allowed()) + ")");
                    ManylinuxPolicies.SymbolVersionTooNew best = newest.get(t.family());
                    if (best == null || newer(t.version(), best.version())) {
                        newest.put(t.family(), t);
                    }
                }
                if (mine.isEmpty()) {
                    continue;
                }
                mine.sort(null);
                members.add(b.member());
                if (arch == null) {
                    arch = e.arch();
                    shownTag = tag;
                    shownPolicy = name;
                }
                for (String m : mine) {
                    evidence.add(b.member() + ": " + m);
                }
            }
            if (newest.isEmpty()) {
                continue;
            }
            List<String> needs = new ArrayList<>();
            List<String> allowed = new ArrayList<>();
            for (ManylinuxPolicies.SymbolVersionTooNew t : newest.values()) {
                needs.add(t.version() + " (" + t.library() + ")");
                allowed.add(t.allowed() == null ? "no " + t.family() : t.allowed());
            }
            String first = members.get(0);
            String what = members.size() == 1 ? first + " needs" : members.size() + " binaries (" + first + ", ...) need";
            hits.add(WheelChecks.at(w, first, arch),
                    WheelChecks.values(w, "member", what, "versions", ExternalSharedLibraryCheck.names(needs),
                            "tag", shownTag.tag(), "policy", shownPolicy, "allowed", String.join(", ", allowed)),
                    evidence);
        }
    }

    private static boolean newer(String a, String b) {
        int[] x = SymbolVersion.parse(a.substring(a.indexOf('_') + 1));
        int[] y = SymbolVersion.parse(b.substring(b.indexOf('_') + 1));
        return x != null && (y == null || SymbolVersion.compare(x, y) > 0);
    }
}
