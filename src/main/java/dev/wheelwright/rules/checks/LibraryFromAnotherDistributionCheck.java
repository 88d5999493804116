package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ManylinuxPolicies;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.ElfLibraryFolders;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * WW-E007: an ELF binary that loads a library from a folder of the installed tree that this wheel
 * does not ship ({@link ElfLibraryFolders}): it imports only after another distribution has
 * put the library there. The wheel's Requires-Dist is shown, since the provider must be among
 * them, at a compatible version, for the import to work.
 */
public final class LibraryFromAnotherDistributionCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ManylinuxPolicies policies = ManylinuxPolicies.builtin();
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            List<String> requires = w.metadata() == null ? List.of() : w.metadata().all("Requires-Dist");
            List<String> files = WheelChecks.fileNames(w);
            // one finding per folder: a split wheel has dozens of modules reading the same folder
            Map<String, Group> byFolder = new LinkedHashMap<>();
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.ELF)) {
                ElfSlice e = (ElfSlice) b.info().slices().get(0);
                Set<String> system = system(policies, e.arch());
                for (String lib : e.needed()) {
                    if (system.contains(lib)) {
                        continue; // the loader finds those in the system whatever the RUNPATH says
                    }
                    Optional<ElfLibraryFolders.Folder> f = ElfLibraryFolders.foreign(files, b.member(), e, lib);
                    if (f.isPresent()) {
                        Group g = byFolder.computeIfAbsent(f.get().folder(), k -> new Group(f.get(), e.arch()));
                        g.needs.computeIfAbsent(b.member(), k -> new LinkedHashSet<>()).add(lib);
                        g.libraries.add(lib);
                    }
                }
            }
            for (Group g : byFolder.values()) {
                String first = g.needs.keySet().iterator().next();
                String what = g.needs.size() == 1 && g.libraries.size() == 1
                        ? first + " needs " + g.libraries.iterator().next()
                        : (g.needs.size() == 1 ? first + " needs " : g.needs.size() + " binaries (" + first + ", ...) need ")
                                + (g.libraries.size() == 1 ? g.libraries.iterator().next()
                                        : g.libraries.size() + " libraries (" + String.join(", ", g.libraries.stream().limit(3).toList())
                                                + (g.libraries.size() > 3 ? ", ..." : "") + ")");
                List<String> evidence = new ArrayList<>();
                g.needs.entrySet().stream().limit(5).forEach(n ->
                        evidence.add(n.getKey() + ": DT_NEEDED " + String.join(", ", n.getValue())));
                if (g.needs.size() > 5) {
                    evidence.add("... and " + (g.needs.size() - 5) + " more binaries");
                }
                evidence.add(g.folder.tag() + " " + g.folder.entry() + " → " + g.folder.folder() + "/ (no file of this wheel is there)");
                evidence.add(requires.isEmpty() ? "Requires-Dist: none" : "Requires-Dist: " + String.join("; ", requires));
                hits.add(WheelChecks.at(w, first, g.arch),
                        WheelChecks.values(w, "what", what, "member", first, "library", g.libraries.iterator().next(),
                                "folder", g.folder.folder(), "entry", g.folder.entry()),
                        evidence);
            }
        }
    }

    private static final class Group {
        final ElfLibraryFolders.Folder folder;
        final String arch;
        final Map<String, Set<String>> needs = new LinkedHashMap<>();
        final Set<String> libraries = new LinkedHashSet<>();

        Group(ElfLibraryFolders.Folder folder, String arch) {
            this.folder = folder;
            this.arch = arch;
        }
    }

    private static final Map<String, Set<String>> SYSTEM = new java.util.concurrent.ConcurrentHashMap<>();

    /** Libraries any manylinux policy allows for the arch: the system provides them (once per arch). */
    static Set<String> system(ManylinuxPolicies policies, String arch) {
        return SYSTEM.computeIfAbsent(arch, a -> {
            Set<String> all = new HashSet<>();
            for (ManylinuxPolicies.Policy p : policies.policies()) {
                all.addAll(policies.allowedLibraries(p.name(), a));
            }
            return Set.copyOf(all);
        });
    }
}
