package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelMember;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A library linked as {@code @rpath/...} or {@code @loader_path/...} that resolves to no file in
 * the wheel. dyld expands {@code @loader_path} to the folder of the binary doing the loading and
 * tries {@code @rpath} against each LC_RPATH in order (dyld(1)); inside an installed wheel only
 * the wheel's own files are there to be found, so such a link fails at import with "Library not
 * loaded: @rpath/...". An absolute rpath into the OS (/usr/lib, /System) is taken to resolve.
 */
public final class UnresolvedRpathCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            Set<String> files = w.files().stream().map(WheelMember::name).collect(Collectors.toSet());
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.MACHO)) {
                String dir = b.member().contains("/") ? b.member().substring(0, b.member().lastIndexOf('/')) : "";
                Map<String, List<String>> unresolved = new LinkedHashMap<>();
                Map<String, List<String>> searched = new LinkedHashMap<>();
                for (Slice s : b.info().slices()) {
                    MachOSlice m = (MachOSlice) s;
                    for (String lib : m.dylibNames()) {
                        if (!lib.startsWith("@rpath/") && !lib.startsWith("@loader_path/")) {
                            continue;
                        }
                        List<String> tried = new ArrayList<>();
                        boolean found = false;
                        if (lib.startsWith("@loader_path/")) {
                            String p = normalise(dir, lib.substring("@loader_path/".length()));
                            tried.add(p == null ? lib : p);
                            found = p != null && files.contains(p);
                        } else {
                            String rest = lib.substring("@rpath/".length());
                            for (String rp : m.rpaths()) {
                                if (rp.startsWith("/usr/lib") || rp.startsWith("/System/")) {
                                    found = true;
                                    break;
                                }
                                if (rp.startsWith("@loader_path")) {
                                    String p = normalise(dir, rp.substring("@loader_path".length()).replaceFirst("^/", "") + "/" + rest);
                                    tried.add(p == null ? rp + "/" + rest : p);
                                    if (p != null && files.contains(p)) {
                                        found = true;
                                        break;
                                    }
                                } else {
                                    tried.add(rp + "/" + rest);
                                }
                            }
                        }
                        if (!found) {
                            unresolved.computeIfAbsent(lib, k -> new ArrayList<>()).add(m.arch());
                            searched.putIfAbsent(lib, tried);
                        }
                    }
                }
                unresolved.forEach((lib, archs) -> {
                    List<String> tried = searched.get(lib);
                    String where = tried.isEmpty() ? "no LC_RPATH" : String.join(", ", tried);
                    hits.add(WheelChecks.at(w, b.member(), archs.size() == 1 && b.info().slices().size() > 1 ? archs.get(0) : null),
                            WheelChecks.values(w, "member", b.member(), "dylib", lib, "searched", where),
                            List.of("LC_LOAD_DYLIB " + lib + " (" + String.join(", ", archs) + ")", "searched: " + where));
                });
            }
        }
    }

    /** Joins a folder of the wheel and a relative path, folding "." and ".."; null when it leaves the wheel. */
    static String normalise(String dir, String rel) {
        return dev.wheelwright.wheel.MemberNames.resolve(dir, rel);
    }
}
