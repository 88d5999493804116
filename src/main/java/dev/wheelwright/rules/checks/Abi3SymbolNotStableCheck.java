package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.PeSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelTags;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WW-E012: an {@code abi3} wheel whose binaries import CPython symbols outside the stable ABI of
 * the version its tag names (abi3audit's check). The baseline is the highest {@code cp3X} among
 * the wheel's abi3 tags, as abi3audit takes it; the symbols are what each binary imports from the
 * interpreter: undefined global or weak {@code Py*}/{@code _Py*} symbols of an ELF's dynamic
 * symbol table, undefined external symbols of every Mach-O slice (without the leading
 * underscore), and the names a PE imports from {@code python3*.dll}. A symbol CPython's
 * {@code Misc/stable_abi.toml} lists with an {@code added} version above the baseline makes the
 * import fail on the older interpreters the tag admits; a {@code Py*}/{@code _Py*} symbol it does
 * not list at all (other than a module's {@code PyInit_*}) may change or vanish in any release.
 * Symbols listed with {@code ifdef} or {@code abi_only} count as stable, as abi3audit counts them.
 * Unlike abi3audit, a {@code Py*} name that another ELF binary of the same wheel defines (PySide's
 * {@code libpyside6.abi3.so} exports {@code PySideProperty_TypeF}) is not an interpreter import.
 * One finding per wheel and cause (not stable / newer than the tag), every binary and symbol as
 * evidence.
 */
public final class Abi3SymbolNotStableCheck implements Check {
    private static final Pattern CPYTHON = Pattern.compile("cp3(\\d{1,2})");
    private static final int SHOWN = 5;

    @Override
    public void run(Facts facts, Hits hits) {
        StableAbi table = StableAbi.table();
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            int baseline = -1;
            String baselineTag = null;
            for (WheelTags.Triple t : WheelTags.fromFilename(w.filename())) {
                Matcher m = CPYTHON.matcher(t.interpreter());
                if (t.abi().equals("abi3") && m.matches() && Integer.parseInt(m.group(1)) > baseline) {
                    baseline = Integer.parseInt(m.group(1));
                    baselineTag = t.interpreter() + "-abi3";
                }
            }
            if (baseline < 0) {
                continue;
            }
            // per cause: each symbol once (with the first member importing it), the members, the evidence
            Map<String, String> notStable = new java.util.LinkedHashMap<>();
            Map<String, String> newer = new java.util.LinkedHashMap<>();
            Set<String> notStableMembers = new LinkedHashSet<>();
            Set<String> newerMembers = new LinkedHashSet<>();
            List<String> notStableEvidence = new ArrayList<>();
            List<String> newerEvidence = new ArrayList<>();
            int newest = -1;
            // a Py* name another binary of the wheel defines binds there, not to the interpreter
            Set<String> ownExports = new java.util.HashSet<>();
            for (WheelFacts.WheelBinary b : w.binaries()) {
                for (Slice s : b.info().slices()) {
                    if (s instanceof ElfSlice e) {
                        ownExports.addAll(e.pythonExports());
                    }
                }
            }
            for (WheelFacts.WheelBinary b : w.binaries()) {
                for (String symbol : imports(b.info().slices())) {
                    if (symbol.startsWith("PyInit_") || (ownExports.contains(symbol) && !table.symbols.containsKey(symbol))) {
                        continue;
                    }
                    StableAbi.Entry e = table.symbols.get(symbol);
                    if (e == null) {
                        notStable.putIfAbsent(symbol, b.member());
                        notStableMembers.add(b.member());
                        notStableEvidence.add(b.member() + ": " + symbol + " (not in the stable ABI)");
                    } else if (e.addedMinor() > baseline) {
                        newer.putIfAbsent(symbol, b.member());
                        newerMembers.add(b.member());
                        newest = Math.max(newest, e.addedMinor());
                        newerEvidence.add(b.member() + ": " + symbol + " (stable ABI since " + e.added() + ")");
                    }
                }
            }
            if (!notStable.isEmpty()) {
                String member = notStableMembers.iterator().next();
                hits.add(WheelChecks.at(w, member, arch(w, member)),
                        WheelChecks.values(w, "member", member, "what", what(notStableMembers),
                                "imports", verb(notStableMembers), "tag", baselineTag,
                                "count", notStable.size(), "reason", "not in the stable ABI",
                                "symbols", shown(notStable.keySet())),
                        notStableEvidence);
            }
            if (!newer.isEmpty()) {
                String member = newerMembers.iterator().next();
                hits.add(WheelChecks.at(w, member, arch(w, member)),
                        WheelChecks.values(w, "member", member, "what", what(newerMembers),
                                "imports", verb(newerMembers), "tag", baselineTag,
                                "count", newer.size(), "reason", "added to the stable ABI after 3." + baseline
                                        + " (up to 3." + newest + ")",
                                "symbols", shown(newer.keySet())),
                        newerEvidence);
            }
        }
    }

    /** What each slice imports from the interpreter, without repeats, in order. */
    static Set<String> imports(List<Slice> slices) {
        Set<String> out = new LinkedHashSet<>();
        for (Slice s : slices) {
            if (s instanceof ElfSlice e) {
                out.addAll(e.pythonImports());
            } else if (s instanceof PeSlice p) {
                for (String name : p.pythonImports()) {
                    if (name.startsWith("Py") || name.startsWith("_Py")) {
                        out.add(name);
                    }
                }
            } else if (s instanceof MachOSlice m) {
                for (MachOSlice.ImportedSymbol u : m.undefinedSymbols()) {
                    String name = u.name().startsWith("_") ? u.name().substring(1) : u.name();
                    if (name.startsWith("Py") || name.startsWith("_Py")) {
                        out.add(name);
                    }
                }
            }
        }
        return out;
    }

    private static String arch(WheelFacts w, String member) {
        for (WheelFacts.WheelBinary b : w.binaries()) {
            if (b.member().equals(member) && b.info().slices().size() == 1) {
                Slice s = b.info().slices().get(0);
                return s instanceof ElfSlice e ? e.arch() : s instanceof MachOSlice m ? m.arch()
                        : s instanceof PeSlice p ? p.arch() : null;
            }
        }
        return null;
    }

    private static String what(java.util.Collection<String> members) {
        Set<String> distinct = new LinkedHashSet<>(members);
        String first = distinct.iterator().next();
        return distinct.size() == 1 ? first : distinct.size() + " binaries (" + first + ", ...)";
    }

    private static String verb(java.util.Collection<String> members) {
        return new LinkedHashSet<>(members).size() == 1 ? "imports" : "import";
    }

    private static String shown(Set<String> symbols) {
        List<String> sorted = new ArrayList<>(symbols);
        java.util.Collections.sort(sorted);
        if (sorted.size() <= SHOWN) {
            return String.join(", ", sorted);
        }
        return String.join(", ", sorted.subList(0, SHOWN)) + " and " + (sorted.size() - SHOWN) + " more";
    }
}
