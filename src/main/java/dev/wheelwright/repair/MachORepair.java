package dev.wheelwright.repair;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.binary.macho.MachOPatcher;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.WheelFilename;
import dev.wheelwright.wheel.MemberNames;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelMembers;
import dev.wheelwright.wheel.WheelRetagger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Mach-O side of {@code repair}, in delocate-wheel's layout: libraries go to
 * {@code <package>/.dylibs/} (the package folder named like the distribution, else the first
 * package folder, else {@code <name>.dylibs}) under their own file names; the needing binaries
 * load them as {@code @loader_path/<relative path>/<name>}, lose their absolute LC_RPATHs, and a
 * bundled library's LC_ID_DYLIB becomes {@code /DLC/<package>/.dylibs/<name>} (delocate's
 * DLC_PREFIX), so that two wheels' copies never share an install name. A library is found as dyld
 * would: {@code @loader_path} against the needing file's folder, {@code @rpath} through each of its
 * LC_RPATHs (and those of what loaded it), absolute paths as written, then {@code --lib-dir} and
 * DYLD_LIBRARY_PATH by file name; {@code /usr/lib} and {@code /System} are macOS's own. Every slice
 * of a fat file is rewritten; signed arm64 slices are signed anew ad hoc.
 */
final class MachORepair {
    private MachORepair() {}

    private record Needer(String label, String member, Path origin, List<MachOSlice> slices, List<List<String>> rpathChain) {}

    static WheelRepairer.Plan plan(Path wheel, WheelFilename parsed, Map<String, WheelMembers.Member> members, String distInfo,
                                   WheelRepairer.Options options, List<PathMatcher> excludes) {
        String file = String.valueOf(wheel.getFileName());
        Map<String, List<MachOSlice>> machos = new TreeMap<>();
        for (var e : members.entrySet()) {
            byte[] d = e.getValue().data();
            if (BinaryReader.detect(Arrays.copyOf(d, Math.min(d.length, BinaryReader.HEAD_SIZE))).orElse(null) != BinaryFormat.MACHO) {
                continue;
            }
            try {
                List<MachOSlice> slices = new ArrayList<>();
                for (Slice s : BinaryReader.read(file + "!" + e.getKey(), d).slices()) {
                    slices.add((MachOSlice) s);
                }
                machos.put(e.getKey(), slices);
            } catch (BinaryFormatException ex) {
                throw new WheelwrightException(wheel + ": " + ex.getMessage());
            }
        }
        Set<String> files = members.keySet();
        String libsDir = dylibsDir(parsed, files);
        List<Path> dyldPath = new ArrayList<>(options.libDirs());
        String env = System.getenv("DYLD_LIBRARY_PATH");
        if (env != null) {
            for (String p : env.split(":")) {
                if (!p.isEmpty()) {
                    dyldPath.add(Path.of(p));
                }
            }
        }
        Map<String, WheelRepairer.Bundled> bundled = new LinkedHashMap<>(); // by library name as written
        Map<String, String> fileNameOf = new LinkedHashMap<>(); // name as written -> file name in .dylibs
        Map<String, Set<String>> needs = new LinkedHashMap<>(); // needer label -> names as written it needs bundled
        Map<String, Set<String>> neededBy = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Deque<Needer> work = new ArrayDeque<>();
        for (var e : machos.entrySet()) {
            work.add(new Needer(e.getKey(), e.getKey(), null, e.getValue(), List.of()));
        }
        Set<String> excludedSeen = new LinkedHashSet<>();
        while (!work.isEmpty()) {
            Needer n = work.poll();
            Set<String> names = new LinkedHashSet<>();
            List<String> rpaths = new ArrayList<>();
            for (MachOSlice s : n.slices()) {
                s.dylibs().forEach(d -> names.add(d.name()));
                rpaths.addAll(s.rpaths());
            }
            for (String lib : names) {
                if (lib.startsWith("/usr/lib/") || lib.startsWith("/System/")) {
                    continue;
                }
                String base = lib.substring(lib.lastIndexOf('/') + 1);
                if (excludes.stream().anyMatch(m -> m.matches(Path.of(base)))) {
                    if (excludedSeen.add(lib)) {
                        notes.add(lib + " left out (--exclude)");
                    }
                    continue;
                }
                if (n.member() != null && inWheel(files, n.member(), lib, rpaths)) {
                    continue;
                }
                needs.computeIfAbsent(n.label(), k -> new LinkedHashSet<>()).add(lib);
                neededBy.computeIfAbsent(lib, k -> new LinkedHashSet<>()).add(n.label());
                if (bundled.containsKey(lib) || missing.stream().anyMatch(m -> m.startsWith(lib + " "))) {
                    continue;
                }
                List<List<String>> chain = new ArrayList<>();
                chain.add(rpaths);
                chain.addAll(n.rpathChain());
                Optional<Path[]> found = find(lib, n.origin(), chain, dyldPath, options.sysroot());
                if (found.isEmpty()) {
                    missing.add(lib + " (needed by " + n.label() + ")");
                    continue;
                }
                Path src = found.get()[0];
                byte[] bytes;
                Path real;
                try {
                    real = src.toRealPath();
                    bytes = Files.readAllBytes(real);
                } catch (IOException ex) {
                    throw new WheelwrightException(src + ": cannot read " + lib + ": " + ex.getMessage());
                }
                String name = src.getFileName().toString();
                if (fileNameOf.containsValue(name)) {
                    throw new WheelwrightException(wheel + ": two different libraries would both be " + libsDir + "/" + name);
                }
                fileNameOf.put(lib, name);
                bundled.put(lib, new WheelRepairer.Bundled(lib, src, found.get()[1].toString(), libsDir + "/" + name,
                        WheelRepairer.sha256Hex(bytes), List.of()));
                List<MachOSlice> slices = new ArrayList<>();
                try {
                    for (Slice s : BinaryReader.read(real.toString(), bytes).slices()) {
                        slices.add((MachOSlice) s);
                    }
                } catch (BinaryFormatException | ClassCastException ex) {
                    throw new WheelwrightException(src + ": not a Mach-O library (" + ex.getMessage() + ")");
                }
                work.add(new Needer(lib, null, real.getParent(), slices, chain));
            }
        }
        if (!missing.isEmpty()) {
            throw new WheelwrightException(wheel + ": cannot find " + String.join(", ", missing) + "; searched the LC_RPATHs, "
                    + "--lib-dir " + options.libDirs() + " and DYLD_LIBRARY_PATH (add --lib-dir DIR, or --exclude NAME to leave it out)");
        }
        List<WheelRepairer.Bundled> finalBundled = new ArrayList<>();
        for (WheelRepairer.Bundled b : bundled.values()) {
            if (members.containsKey(b.member())) {
                throw new WheelwrightException(wheel + ": already has a member " + b.member() + ": repaired already?");
            }
            finalBundled.add(new WheelRepairer.Bundled(b.name(), b.source(), b.how(), b.member(), b.sha256(),
                    List.copyOf(neededBy.getOrDefault(b.name(), Set.of()))));
        }

        Map<String, WheelMembers.Member> out = new TreeMap<>(members);
        out.remove(distInfo + "/RECORD");
        out.remove(distInfo + "/RECORD.jws");
        out.remove(distInfo + "/RECORD.p7s");
        Map<String, String> patched = new TreeMap<>();
        for (var e : machos.entrySet()) {
            Set<String> libs = needs.getOrDefault(e.getKey(), Set.of());
            if (libs.isEmpty()) {
                continue;
            }
            String dir = e.getKey().contains("/") ? e.getKey().substring(0, e.getKey().lastIndexOf('/')) : "";
            String rel = WheelRepairer.relative(dir, libsDir);
            Map<String, String> change = new LinkedHashMap<>();
            for (String lib : libs) {
                change.put(lib, "@loader_path/" + (rel.equals(".") ? "" : rel + "/") + fileNameOf.get(lib));
            }
            List<String> absolute = absoluteRpaths(e.getValue());
            byte[] bytes = patch(wheel, e.getKey(), members.get(e.getKey()).data(), new MachOPatcher.Edit(change, null, absolute, List.of()));
            out.put(e.getKey(), new WheelMembers.Member(bytes, members.get(e.getKey()).mode()));
            patched.put(e.getKey(), describe(change, null, absolute));
        }
        for (WheelRepairer.Bundled b : finalBundled) {
            Map<String, String> change = new LinkedHashMap<>();
            for (String lib : needs.getOrDefault(b.name(), Set.of())) {
                change.put(lib, "@loader_path/" + fileNameOf.get(lib));
            }
            byte[] src;
            List<MachOSlice> slices = new ArrayList<>();
            try {
                src = Files.readAllBytes(b.source().toRealPath());
                for (Slice s : BinaryReader.read(b.source().toString(), src).slices()) {
                    slices.add((MachOSlice) s);
                }
            } catch (IOException ex) {
                throw new WheelwrightException(b.source() + ": cannot read: " + ex.getMessage());
            }
            src = keepArchs(b.source().toString(), src, slices, wheelArchs(machos));
            boolean hasId = slices.stream().anyMatch(s -> s.installName() != null);
            String id = hasId ? "/DLC/" + b.member() : null;
            byte[] bytes = patch(wheel, b.source().toString(), src, new MachOPatcher.Edit(change, id, absoluteRpaths(slices), List.of()));
            out.put(b.member(), new WheelMembers.Member(bytes, 0755));
        }

        // the tag: archs and the highest minimum macOS of every binary now in the wheel
        List<BinaryInfo> binaries = WheelRepairer.rewrittenBinaries(out, machos.keySet(), libsDir);
        List<String> current = WheelRepairer.platforms(parsed);
        List<String> computed = WheelRetagger.supportedPlatforms(binaries, out.keySet(), current);
        if (computed.isEmpty()) {
            throw new WheelwrightException(wheel + ": the repaired binaries fit no single macOS platform tag (their arch sets differ)");
        }
        List<String> tags = computed;
        if (options.plat() != null) {
            PlatformTag asked = PlatformTag.parse(options.plat());
            PlatformTag meets = PlatformTag.parse(computed.get(0));
            if (!asked.family().equals("macos") || !new TreeSet<>(asked.archs()).equals(new TreeSet<>(meets.archs()))) {
                throw new WheelwrightException("--plat " + options.plat() + ": the repaired binaries are " + computed.get(0));
            }
            if (PlatformTag.compareVersions(asked.version(), meets.version()) < 0) {
                throw new WheelwrightException("--plat " + options.plat() + ": the repaired binaries need macOS " + meets.version()
                        + " (" + computed.get(0) + ")");
            }
            tags = List.of(options.plat());
        }
        return WheelRepairer.finish(wheel, parsed, members, out, distInfo, tags, finalBundled, patched, notes, excludedSeen);
    }

    /** The archs of the wheel's own Mach-O files. */
    private static Set<String> wheelArchs(Map<String, List<MachOSlice>> machos) {
        Set<String> out = new TreeSet<>();
        machos.values().forEach(l -> l.forEach(s -> out.add(s.arch())));
        return out;
    }

    /**
     * A bundled library cut down to the slices the wheel's binaries have (lipo -thin / -extract):
     * a fat Homebrew library in a thin arm64 wheel would otherwise put an x86_64 slice under an
     * arm64 tag. The library must have every one of those archs.
     */
    private static byte[] keepArchs(String what, byte[] data, List<MachOSlice> slices, Set<String> archs) {
        Set<String> have = new TreeSet<>();
        slices.forEach(s -> have.add(s.arch()));
        if (!have.containsAll(archs)) {
            Set<String> lacking = new TreeSet<>(archs);
            lacking.removeAll(have);
            throw new WheelwrightException(what + ": has no " + String.join(", ", lacking) + " slice, which the wheel's binaries need");
        }
        if (slices.size() == 1 || have.equals(archs)) {
            return data;
        }
        List<dev.wheelwright.binary.macho.MachOFatWriter.Thin> keep = new ArrayList<>();
        for (MachOSlice s : slices) {
            if (archs.contains(s.arch())) {
                keep.add(new dev.wheelwright.binary.macho.MachOFatWriter.Thin(s.arch(),
                        Arrays.copyOfRange(data, (int) s.offset(), (int) (s.offset() + s.size()))));
            }
        }
        return keep.size() == 1 ? keep.get(0).data() : dev.wheelwright.binary.macho.MachOFatWriter.write(keep);
    }

    /** delocate's choice: the package folder named like the distribution, else the first package folder, else {@code <name>.dylibs}. */
    static String dylibsDir(WheelFilename parsed, Set<String> files) {
        Set<String> packages = new TreeSet<>();
        for (String f : files) {
            if (f.matches("[^/]+/__init__\\.py")) {
                packages.add(f.substring(0, f.indexOf('/')));
            }
        }
        if (packages.contains(parsed.distribution())) {
            return parsed.distribution() + "/.dylibs";
        }
        if (!packages.isEmpty()) {
            return packages.iterator().next() + "/.dylibs";
        }
        return parsed.distribution() + ".dylibs";
    }

    private static List<String> absoluteRpaths(List<MachOSlice> slices) {
        Set<String> out = new LinkedHashSet<>();
        for (MachOSlice s : slices) {
            s.rpaths().stream().filter(r -> r.startsWith("/")).forEach(out::add);
        }
        return List.copyOf(out);
    }

    /** Whether a member's library resolves to a file of the wheel through @loader_path or an @loader_path LC_RPATH. */
    private static boolean inWheel(Set<String> files, String member, String lib, List<String> rpaths) {
        String dir = member.contains("/") ? member.substring(0, member.lastIndexOf('/')) : "";
        if (lib.startsWith("@loader_path/")) {
            String p = MemberNames.resolve(dir, lib.substring("@loader_path/".length()));
            return p != null && files.contains(p);
        }
        if (lib.startsWith("@rpath/")) {
            for (String r : rpaths) {
                if (r.startsWith("@loader_path")) {
                    String p = MemberNames.resolve(dir, r.substring("@loader_path".length()).replaceFirst("^/", "") + "/"
                            + lib.substring("@rpath/".length()));
                    if (p != null && files.contains(p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The file dyld would load for {@code lib}, with how it was found; empty when none. */
    private static Optional<Path[]> find(String lib, Path origin, List<List<String>> rpathChain, List<Path> dyldPath, Path sysroot) {
        String base = lib.substring(lib.lastIndexOf('/') + 1);
        List<String[]> candidates = new ArrayList<>(); // {path, how}
        if (lib.startsWith("@loader_path/") && origin != null) {
            candidates.add(new String[] {origin + "/" + lib.substring(13), "@loader_path"});
        } else if (lib.startsWith("@rpath/")) {
            String rest = lib.substring(7);
            for (List<String> rpaths : rpathChain) {
                for (String r : rpaths) {
                    if (r.startsWith("/")) {
                        candidates.add(new String[] {r + "/" + rest, "LC_RPATH " + r});
                    } else if (r.startsWith("@loader_path") && origin != null) {
                        candidates.add(new String[] {origin + r.substring(12) + "/" + rest, "LC_RPATH " + r});
                    }
                }
            }
        } else if (lib.startsWith("/")) {
            candidates.add(new String[] {sysroot.resolve(lib.substring(1)).toString(), "its absolute path"});
        }
        for (Path d : dyldPath) {
            candidates.add(new String[] {d.resolve(base).toString(), "--lib-dir or DYLD_LIBRARY_PATH " + d});
        }
        for (String[] c : candidates) {
            Path p = Path.of(c[0]).normalize();
            if (Files.isRegularFile(p)) {
                return Optional.of(new Path[] {p, Path.of(c[1])});
            }
        }
        return Optional.empty();
    }

    private static byte[] patch(Path wheel, String what, byte[] data, MachOPatcher.Edit edit) {
        try {
            byte[] out = MachOPatcher.patch(what, data, edit);
            BinaryReader.read(what, out); // what was written must read back
            return out;
        } catch (BinaryFormatException e) {
            throw new WheelwrightException(wheel + ": cannot rewrite " + e.getMessage());
        }
    }

    private static String describe(Map<String, String> change, String id, List<String> removed) {
        List<String> parts = new ArrayList<>();
        change.forEach((a, b) -> parts.add(a + " -> " + b));
        if (id != null) {
            parts.add("LC_ID_DYLIB " + id);
        }
        removed.forEach(r -> parts.add("LC_RPATH " + r + " removed"));
        return String.join(", ", parts);
    }
}
