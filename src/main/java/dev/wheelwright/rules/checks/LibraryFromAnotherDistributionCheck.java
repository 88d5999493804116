package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ManylinuxPolicies;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.ElfLibraryFolders;
import dev.wheelwright.wheel.LinuxLibraries;
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
 * put the library there. Each library is attributed to the RUNPATH folder it would resolve
 * through (by name when the binary names several: {@code libcublas.so.12} in
 * {@code nvidia/cublas/lib}), one finding per folder. When a Requires-Dist names a distribution
 * whose name covers the folder's words (PyQt5-Qt5 for {@code PyQt5/Qt5/lib}, nvidia-cublas-cu12
 * for {@code nvidia/cublas/lib}) the layout is deliberate and the finding is info (the rule's
 * {@code infoWhen: provider}); otherwise a warning. The GPU driver's libraries are the system's
 * ({@link LinuxLibraries#DRIVERS}), never another distribution's.
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
                List<ElfLibraryFolders.Folder> candidates = null;
                for (String lib : e.needed()) {
                    if (system.contains(lib) || LinuxLibraries.driver(lib)) {
                        continue; // the loader finds those in the system whatever the RUNPATH says
                    }
                    if (ElfLibraryFolders.foreign(files, b.member(), e, lib).isEmpty()) {
                        continue;
                    }
                    if (candidates == null) {
                        candidates = ElfLibraryFolders.foreignFolders(files, b.member(), e);
                    }
                    Optional<ElfLibraryFolders.Folder> f = ElfLibraryFolders.attribute(lib, candidates);
                    List<ElfLibraryFolders.Folder> where = f.map(List::of).orElse(candidates);
                    String key = String.join(":", where.stream().map(ElfLibraryFolders.Folder::folder).toList());
                    Group g = byFolder.computeIfAbsent(key, k -> new Group(where, e.arch()));
                    g.needs.computeIfAbsent(b.member(), k -> new LinkedHashSet<>()).add(lib);
                    g.libraries.add(lib);
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
                ElfLibraryFolders.Folder one = g.folders.get(0);
                String folder = g.folders.size() == 1 ? one.folder() + "/"
                        : "one of " + g.folders.size() + " folders (" + String.join(", ",
                                g.folders.stream().map(f -> f.folder() + "/").toList()) + ")";
                String entry = g.folders.size() == 1 ? one.entry()
                        : String.join(":", g.folders.stream().map(ElfLibraryFolders.Folder::entry).toList());
                // the Requires-Dist distributions each library is named after, then those the folder is named after
                List<String> providers = new ArrayList<>();
                boolean byLibrary = true;
                for (String lib : g.libraries) {
                    Optional<String> p = libraryProvider(requires, lib);
                    byLibrary &= p.isPresent();
                    p.filter(n -> !providers.contains(n)).ifPresent(providers::add);
                }
                boolean allByFolder = true;
                for (ElfLibraryFolders.Folder f : g.folders) {
                    List<String> p = providers(requires, f.folder());
                    allByFolder &= !p.isEmpty();
                    p.stream().filter(n -> !providers.contains(n)).forEach(providers::add);
                }
                boolean provided = !providers.isEmpty() && (allByFolder || byLibrary);
                String outcome = provided
                        ? "Requires-Dist names " + shownProviders(providers) + ", which install" + (providers.size() == 1 ? "s" : "")
                                + " it there"
                        : "it imports only where another distribution has installed the libraries there, and no Requires-Dist names one";
                List<String> evidence = new ArrayList<>();
                g.needs.entrySet().stream().limit(5).forEach(n ->
                        evidence.add(n.getKey() + ": DT_NEEDED " + String.join(", ", n.getValue())));
                if (g.needs.size() > 5) {
                    evidence.add("... and " + (g.needs.size() - 5) + " more binaries");
                }
                for (ElfLibraryFolders.Folder f : g.folders) {
                    evidence.add(f.tag() + " " + f.entry() + " → " + f.folder() + "/ (no file of this wheel is there)");
                }
                if (g.folders.size() > 1) {
                    evidence.add("no library name tells which of these folders holds it");
                }
                evidence.add(requires.isEmpty() ? "Requires-Dist: none" : "Requires-Dist: " + String.join("; ", requires));
                hits.add(WheelChecks.at(w, first, g.arch),
                        WheelChecks.values(w, "what", what, "member", first, "library", g.libraries.iterator().next(),
                                "folder", folder, "entry", entry, "outcome", outcome,
                                "provider", provided ? String.join(", ", providers) : ""),
                        evidence);
            }
        }
    }

    /**
     * Words of a folder path that name a layout, not a distribution: {@code cmeel.prefix/lib} is
     * the prefix every cmeel-* distribution installs into, {@code lib}/{@code bin} are in every
     * prefix.
     */
    private static final Set<String> LAYOUT_WORDS = Set.of("lib", "lib64", "lib32", "bin", "libs", "prefix", "usr",
            "local", "share", "opt", "site", "packages", "dist");

    /**
     * The Requires-Dist distributions that install {@code folder}: those whose name (split at
     * '-', '_' and '.') holds every word of the folder's path but its layout words
     * ({@code PyQt5/Qt5/lib} and PyQt5-Qt5; {@code nvidia/cuda_runtime/lib} and
     * nvidia-cuda-runtime-cu12; {@code cmeel.prefix/lib} and cmeel, cmeel-boost, ...). A requirement
     * only for an extra ({@code ; extra == "build"}) is not installed with the wheel and does not count.
     */
    static List<String> providers(List<String> requires, String folder) {
        List<String> words = new ArrayList<>();
        for (String part : folder.toLowerCase(java.util.Locale.ROOT).split("/")) {
            for (String word : part.split("[_.-]")) {
                if (!word.isEmpty() && !LAYOUT_WORDS.contains(word)) {
                    words.add(word);
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (words.isEmpty()) {
            return out;
        }
        for (String name : installedRequirements(requires)) {
            List<String> tokens = List.of(name.toLowerCase(java.util.Locale.ROOT).split("[-_.]+"));
            if (tokens.containsAll(words) && !out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The first Requires-Dist distribution {@link #providers} finds for {@code folder}. */
    static Optional<String> provider(List<String> requires, String folder) {
        return providers(requires, folder).stream().findFirst();
    }

    /**
     * The Requires-Dist distribution a library is named after: the library's first word
     * ({@code libboost_serialization.so.1.90.0}: boost; {@code libcoal.so}: coal) is a word of the
     * distribution's name, with a leading "lib" dropped from both (cmeel-boost, libcoal, eigenpy
     * for libeigenpy.so).
     */
    static Optional<String> libraryProvider(List<String> requires, String library) {
        String stem = library.toLowerCase(java.util.Locale.ROOT);
        int so = stem.indexOf(".so");
        stem = so > 0 ? stem.substring(0, so) : stem;
        stem = stem.startsWith("lib") ? stem.substring(3) : stem;
        String first = stem.split("[_.-]")[0];
        if (first.length() < 3) {
            return Optional.empty();
        }
        for (String name : installedRequirements(requires)) {
            for (String token : name.toLowerCase(java.util.Locale.ROOT).split("[-_.]+")) {
                if ((token.startsWith("lib") && token.length() > 3 ? token.substring(3) : token).equals(first)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    /** The names of the Requires-Dist entries installed with the wheel (not those only for an extra). */
    private static List<String> installedRequirements(List<String> requires) {
        List<String> out = new ArrayList<>();
        java.util.regex.Pattern name = java.util.regex.Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
        java.util.regex.Pattern extra = java.util.regex.Pattern.compile("\\bextra\\s*==");
        for (String r : requires) {
            int semi = r.indexOf(';');
            if (semi >= 0 && extra.matcher(r.substring(semi)).find()) {
                continue;
            }
            java.util.regex.Matcher m = name.matcher(r);
            if (m.lookingAt()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static String shownProviders(List<String> providers) {
        return providers.size() <= 4 ? String.join(", ", providers)
                : String.join(", ", providers.subList(0, 4)) + " and " + (providers.size() - 4) + " more";
    }

    private static final class Group {
        final List<ElfLibraryFolders.Folder> folders;
        final String arch;
        final Map<String, Set<String>> needs = new LinkedHashMap<>();
        final Set<String> libraries = new LinkedHashSet<>();

        Group(List<ElfLibraryFolders.Folder> folders, String arch) {
            this.folders = folders;
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
