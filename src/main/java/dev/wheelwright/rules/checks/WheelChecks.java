package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Location;
import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelTags;
import dev.wheelwright.wheel.MemberNames;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelMember;
import dev.wheelwright.wheel.WheelSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the wheel checks share: the wheels and policy from Facts, locations, value maps. */
final class WheelChecks {
    private WheelChecks() {}

    static List<WheelFacts> wheels(Facts facts) {
        return facts.get(WheelSet.class).map(WheelSet::wheels).orElse(List.of());
    }

    static AuditPolicy policy(Facts facts) {
        return facts.get(AuditPolicy.class).orElse(AuditPolicy.none());
    }

    static Location at(WheelFacts w, String member) {
        return new Location.WheelMember(w.wheel(), member, null);
    }

    static Location at(WheelFacts w, String member, String arch) {
        return new Location.WheelMember(w.wheel(), member, arch);
    }

    /** A value map of the given pairs, in order. */
    static Map<String, Object> valuesOf(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(String.valueOf(pairs[i]), pairs[i + 1]);
        }
        return m;
    }

    /** A value map with {@code wheel} (the wheel's file name) first, then the given pairs. */
    static Map<String, Object> values(WheelFacts w, Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wheel", w.filename());
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            // counts and line numbers go in as text: they are shown as written, never as numbers
            Object v = pairs[i + 1];
            m.put((String) pairs[i], v instanceof Number ? String.valueOf(v) : v);
        }
        return m;
    }

    /**
     * Members that are native code: read as a binary, refused as one, or named like one
     * ({@code .so}, {@code .pyd}, {@code .dylib}, {@code .dll}).
     */
    static List<String> nativeMembers(WheelFacts w) {
        // a set: a wheel of 100,000 members named like libraries is linear work, not quadratic
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        w.binaries().forEach(b -> out.add(b.member()));
        w.invalidBinaries().forEach(b -> out.add(b.member()));
        for (WheelMember m : w.files()) {
            if (MemberNames.looksNativeByName(m.name())) {
                out.add(m.name());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The native members Python imports or loads (extension modules, shared libraries), without
     * the executables a wheel ships as data for a subprocess (setuptools' {@code cli-64.exe}
     * launchers, selenium's per-OS {@code selenium-manager}): a parsed binary counts as an
     * executable when each slice is one (Mach-O {@code MH_EXECUTE}, ELF with a program
     * interpreter, PE without the DLL flag); an unparsed member by its name ({@code .exe}).
     */
    static List<String> loadableNativeMembers(WheelFacts w) {
        java.util.Set<String> executables = new java.util.HashSet<>();
        java.util.Set<String> parsed = new java.util.HashSet<>();
        for (WheelFacts.WheelBinary b : w.binaries()) {
            parsed.add(b.member());
            if (!b.info().slices().isEmpty() && b.info().slices().stream().allMatch(WheelChecks::executable)) {
                executables.add(b.member());
            }
        }
        return nativeMembers(w).stream()
                .filter(m -> !executables.contains(m))
                .filter(m -> parsed.contains(m) || !m.toLowerCase(java.util.Locale.ROOT).endsWith(".exe"))
                .toList();
    }

    private static boolean executable(dev.wheelwright.binary.Slice s) {
        if (s instanceof dev.wheelwright.binary.MachOSlice m) {
            return "execute".equals(m.filetype());
        }
        if (s instanceof dev.wheelwright.binary.ElfSlice e) {
            return e.interpreter() != null && !e.interpreter().isEmpty() && (e.soname() == null || e.soname().isEmpty());
        }
        return s instanceof dev.wheelwright.binary.PeSlice p && !p.dll();
    }

    /** At most {@code n} items, then "... and K more". */
    static List<String> firstFew(List<String> items, int n) {
        if (items.size() <= n) {
            return List.copyOf(items);
        }
        List<String> out = new ArrayList<>(items.subList(0, n));
        out.add("... and " + (items.size() - n) + " more");
        return out;
    }

    /** The wheel's platform tags of one family (macos, manylinux, musllinux, linux, windows). */
    static List<PlatformTag> platforms(WheelFacts w, String... families) {
        List<String> wanted = List.of(families);
        return WheelTags.platforms(w.filename()).stream().filter(p -> wanted.contains(p.family())).toList();
    }

    /** Every arch the given tags promise, in tag order, without repeats. */
    static List<String> archs(List<PlatformTag> tags) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        tags.forEach(t -> out.addAll(t.archs()));
        return new ArrayList<>(out);
    }

    static String tagNames(List<PlatformTag> tags) {
        return String.join(".", tags.stream().map(PlatformTag::tag).toList());
    }

    /** The binaries of one format, with their member names. */
    static List<WheelFacts.WheelBinary> binaries(WheelFacts w, BinaryFormat format) {
        return w.binaries().stream().filter(b -> b.info().format() == format).toList();
    }

    /** True when some member of the wheel has this file name (a bundled copy of a library). */
    static boolean bundles(WheelFacts w, String library) {
        return dev.wheelwright.wheel.ElfLibraryFolders.bundles(fileNames(w), library);
    }

    /** The names of the wheel's file members. */
    static List<String> fileNames(WheelFacts w) {
        return w.files().stream().map(WheelMember::name).toList();
    }
}
