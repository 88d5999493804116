package dev.wheelwright.wheel;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ManylinuxPolicies;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.PeSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.WheelFilename;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes the platform tag a wheel's binaries really support, and rewrites the wheel to it.
 *
 * <ul>
 *   <li>Mach-O: the archs every binary holds (x86_64 + arm64 → universal2, i386 + x86_64 →
 *       intel), and the highest minimum macOS of their slices; arm64 slices need macOS 11.0
 *       anyway, so their minos only counts above 11.0 (as pip treats arm64 tags). macOS 11 and
 *       later are tagged {@code macosx_<major>_0}.</li>
 *   <li>ELF: the manylinux glibc every binary needs, judged as auditwheel judges a repaired
 *       wheel (with the legacy alias tag where PEP 600 defines one), else {@code linux_<arch>};
 *       a valid tag set is kept.</li>
 *   <li>PE: {@code win_amd64}, {@code win32} or {@code win_arm64} by machine.</li>
 * </ul>
 */
public final class WheelRetagger {
    /**
     * The outcome for one wheel.
     *
     * @param current   the platform tags in the file name
     * @param computed  the platform tags the binaries support (empty when the wheel has no binaries)
     * @param filename  the file name with the computed tags
     * @param notes     why, in a few lines
     */
    public record Plan(Path wheel, List<String> current, List<String> computed, String filename, List<String> notes) {
        public boolean changes() {
            return !computed.isEmpty() && !new LinkedHashSet<>(computed).equals(new LinkedHashSet<>(current));
        }

        /**
         * The current tags that promise more than the binaries deliver (an older glibc or macOS,
         * an arch a binary lacks, a manylinux tag on binaries no policy allows): what makes a
         * wheel fail where pip installs it. Empty when the tag is right or only conservative.
         */
        public List<String> overPromising() {
            return changes() ? WheelRetagger.overPromising(current, computed) : List.of();
        }

        /** The tag is wrong: some tag promises more than the binaries deliver (retag's exit 1). */
        public boolean wrong() {
            return !overPromising().isEmpty();
        }
    }

    private WheelRetagger() {}

    public static Plan plan(Path wheel) {
        String filename = String.valueOf(wheel.getFileName());
        WheelFilename parsed = WheelFilename.parse(filename);
        Map<String, WheelMembers.Member> members = WheelMembers.read(wheel);
        WheelMembers.verifyRecord(wheel, members, WheelMembers.distInfo(wheel, members)); // PEP 427: WHEEL required
        List<String> current = new ArrayList<>(new LinkedHashSet<>(parsed.tags().stream().map(Tag::platform).toList()));
        List<BinaryInfo> binaries = new ArrayList<>();
        for (var e : members.entrySet()) {
            byte[] d = e.getValue().data();
            if (BinaryReader.detect(Arrays.copyOf(d, Math.min(d.length, 64))).isPresent()) {
                binaries.add(BinaryReader.read(filename + "!" + e.getKey(), d));
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> computed;
        try {
            computed = compute(binaries, members.keySet(), current, notes);
        } catch (Unfit e) {
            // Not bad input: pure wheels such as pip's carry Windows launchers for several machines as
            // data. Say so and leave the tag alone instead of refusing the wheel.
            notes.add(e.getMessage() + "; the platform tag is left as it is");
            computed = List.of();
        }
        String newName = computed.isEmpty() ? filename
                : filename.replaceAll("-[^-]+\\.whl$", "-" + String.join(".", computed) + ".whl");
        return new Plan(wheel, current, computed, newName, notes);
    }

    /** Writes the retagged wheel into {@code outDir}; the input is never modified. */
    public static Path apply(Plan plan, Path outDir) {
        if (!plan.changes()) {
            return plan.wheel();
        }
        Path target = outDir.resolve(plan.filename());
        Map<String, WheelMembers.Member> members = WheelMembers.read(plan.wheel());
        String distInfo = WheelMembers.distInfo(plan.wheel(), members);
        WheelFilename parsed = WheelFilename.parse(String.valueOf(plan.wheel().getFileName()));
        List<WheelWriter.Entry> out = new ArrayList<>();
        for (var e : members.entrySet()) {
            String name = e.getKey();
            if (name.equals(distInfo + "/RECORD") || name.equals(distInfo + "/RECORD.jws") || name.equals(distInfo + "/RECORD.p7s")) {
                continue;
            }
            byte[] data = e.getValue().data();
            if (name.equals(distInfo + "/WHEEL")) {
                data = rewriteTags(new String(data, StandardCharsets.UTF_8), parsed.tags(), plan.computed())
                        .getBytes(StandardCharsets.UTF_8);
            }
            out.add(new WheelWriter.Entry(name, data, e.getValue().mode()));
        }
        WheelWriter.write(target, out, distInfo);
        return target;
    }

    /** WHEEL text with Tag lines for every interpreter-abi pair of {@code tags} on each platform. */
    static String rewriteTags(String wheelText, Set<Tag> tags, List<String> platforms) {
        Set<String> pairs = new LinkedHashSet<>();
        for (Tag t : tags) {
            pairs.add(t.interpreter() + "-" + t.abi());
        }
        List<String> lines = new ArrayList<>();
        for (String p : pairs) {
            for (String plat : platforms) {
                lines.add(p + "-" + plat);
            }
        }
        StringBuilder sb = new StringBuilder();
        boolean written = false;
        for (String line : wheelText.split("\r?\n", -1)) {
            if (line.regionMatches(true, 0, "Tag:", 0, 4)) {
                if (!written) {
                    lines.forEach(l -> sb.append("Tag: ").append(l).append('\n'));
                    written = true;
                }
            } else if (!line.isEmpty()) {
                sb.append(line).append('\n');
            }
        }
        if (!written) {
            lines.forEach(l -> sb.append("Tag: ").append(l).append('\n'));
        }
        return sb.append('\n').toString();
    }

    static List<String> compute(List<BinaryInfo> binaries, List<String> current, List<String> notes) {
        List<String> files = binaries.stream().map(b -> member(b.path())).toList();
        return compute(binaries, files, current, notes);
    }

    /** A binary's member name: its path without the {@code wheel.whl!} prefix. */
    private static String member(String path) {
        int bang = path.indexOf('!');
        return bang < 0 ? path : path.substring(bang + 1);
    }

    /**
     * The platform tags the binaries of a wheel support, as {@code retag} computes them; empty
     * when they fit no single tag or there are none.
     *
     * @param files   the wheel's file members (to see which libraries it bundles)
     * @param current the platform tags it carries now
     */
    public static List<String> supportedPlatforms(List<BinaryInfo> binaries, java.util.Collection<String> files,
                                                  List<String> current) {
        try {
            return compute(binaries, files, current, new ArrayList<>());
        } catch (Unfit e) {
            return List.of();
        }
    }

    /** The platform an extension module's file name carries (PEP 3149 / Windows .pyd suffixes): {@code win_arm64}, {@code aarch64}. */
    private static final java.util.regex.Pattern PYD_PLATFORM =
            java.util.regex.Pattern.compile("\\.cp\\d+t?-(win32|win_amd64|win_arm64)\\.pyd$");
    private static final java.util.regex.Pattern SO_PLATFORM =
            java.util.regex.Pattern.compile("\\.cpython-\\d+[a-z]*-([a-z0-9_]+)-linux-(?:gnu|musl)[a-z0-9_]*\\.so$");

    /** The Linux platform-tag arch a PEP 3149 multiarch name stands for (x86_64-linux-gnu → x86_64). */
    private static String linuxArch(String multiarch) {
        return switch (multiarch) {
            case "i386", "i486", "i586", "i686" -> "i686";
            case "arm" -> "armv7l";
            case "powerpc64le" -> "ppc64le";
            case "powerpc64" -> "ppc64";
            default -> multiarch;
        };
    }

    /**
     * Member names that carry a platform are evidence too: an ARM64EC or ARM64X module named
     * {@code *.cp312-win_arm64.pyd} has an AMD64 machine field in its header but is built for
     * Windows on Arm; a name that says another Linux arch than the ELF header is a contradiction
     * no single tag resolves.
     */
    private static String namedWindowsArch(List<BinaryInfo> binaries, List<String> notes) {
        String named = null;
        for (BinaryInfo b : binaries) {
            java.util.regex.Matcher m = PYD_PLATFORM.matcher(member(b.path()));
            if (b.format() == BinaryFormat.PE && m.find()) {
                String arch = ((PeSlice) b.slices().get(0)).arch();
                String platform = m.group(1);
                boolean ec = platform.equals("win_arm64") && arch.equals("amd64");
                if (ec) {
                    notes.add(member(b.path()) + " is named for win_arm64 with an AMD64 machine field (ARM64EC/ARM64X): built for Windows on Arm");
                    named = "win_arm64";
                }
            }
        }
        return named;
    }

    private static void checkLinuxNames(List<BinaryInfo> binaries) {
        for (BinaryInfo b : binaries) {
            java.util.regex.Matcher m = SO_PLATFORM.matcher(member(b.path()));
            if (b.format() == BinaryFormat.ELF && m.find()) {
                String named = linuxArch(m.group(1));
                String arch = ((ElfSlice) b.slices().get(0)).arch();
                if (!named.equals(arch)) {
                    throw new Unfit(member(b.path()) + " is named for " + named + " but its ELF header says " + arch);
                }
            }
        }
    }

    static List<String> compute(List<BinaryInfo> binaries, java.util.Collection<String> files, List<String> current,
                                List<String> notes) {
        if (binaries.isEmpty()) {
            notes.add("no native binaries: the platform tag is left as it is");
            return List.of();
        }
        Set<BinaryFormat> formats = new TreeSet<>();
        binaries.forEach(b -> formats.add(b.format()));
        if (formats.size() > 1) {
            throw new Unfit("binaries of several formats (" + formats + ") in one wheel: no single platform tag fits");
        }
        return switch (formats.iterator().next()) {
            case MACHO -> List.of(macos(binaries, notes));
            case ELF -> {
                checkLinuxNames(binaries);
                yield linux(binaries, files, current, notes);
            }
            case PE -> {
                String named = namedWindowsArch(binaries, notes);
                yield List.of(named != null ? named : windows(binaries));
            }
        };
    }

    private static String macos(List<BinaryInfo> binaries, List<String> notes) {
        Set<String> common = null;
        Set<String> all = new TreeSet<>();
        int[] x86 = {0, 0};
        int[] arm = {11, 0};
        for (BinaryInfo b : binaries) {
            Set<String> archs = new TreeSet<>(b.archs());
            all.addAll(archs);
            if (common == null) {
                common = new TreeSet<>(archs);
            } else {
                common.retainAll(archs);
            }
        }
        if (!common.equals(all)) {
            all.removeAll(common);
            notes.add("not every binary holds " + String.join(", ", all) + ": tagged for " + String.join(" + ", common) + " only");
        }
        for (BinaryInfo b : binaries) {
            for (Slice s : b.slices()) {
                MachOSlice m = (MachOSlice) s;
                if (!common.contains(m.arch()) || m.minos() == null) {
                    continue;
                }
                int[] v = version(m.minos());
                if (m.arch().startsWith("arm64")) {
                    arm = max(arm, v);
                } else {
                    x86 = max(x86, v);
                }
            }
        }
        String arch;
        int[] v;
        boolean hasArm = common.contains("arm64");
        boolean hasX86 = common.contains("x86_64");
        if (hasArm && hasX86 && common.size() == 2) {
            arch = "universal2";
            v = compare(arm, new int[] {11, 0}) > 0 ? max(x86, arm) : x86;
        } else if (common.equals(Set.of("i386", "x86_64"))) {
            arch = "intel";
            v = x86;
        } else if (common.size() == 1) {
            arch = common.iterator().next();
            v = arch.startsWith("arm64") ? arm : x86;
        } else {
            throw new Unfit("no macOS platform tag names the arch set " + common);
        }
        if (v[0] == 0) {
            v = new int[] {10, 9};
            notes.add("no binary states a minimum macOS: assumed 10.9");
        }
        String tag = v[0] >= 11 ? "macosx_" + v[0] + "_0_" + arch : "macosx_" + v[0] + "_" + v[1] + "_" + arch;
        notes.add("archs " + String.join(" + ", common) + "; highest minimum macOS " + v[0] + "." + v[1]);
        return tag;
    }

    /**
     * The manylinux tag of ELF binaries, judged as auditwheel judges a repaired wheel: libraries
     * the wheel bundles (in {@code <package>.libs/} or anywhere else) and libraries its RUNPATH
     * expects from another distribution's folder ({@link ElfLibraryFolders}) are not system
     * dependencies. The tag's glibc is the exact one needed (PEP 600 tags name any glibc x.y):
     * the highest GLIBC symbol version, or the glibc of the oldest policy that allows the other
     * libraries and symbol families, whichever is higher. The tag offered is the oldest policy of
     * the table at or above it, as auditwheel names it. A current tag set is kept when none of its
     * tags promises less than the binaries need and one is no narrower than the offered tag
     * (manylinux_2_26 where the table's next policy is 2_27; an extra manylinux_2_28 beside 2_17).
     */
    private static List<String> linux(List<BinaryInfo> binaries, java.util.Collection<String> files, List<String> current,
                                      List<String> notes) {
        ManylinuxPolicies policies = ManylinuxPolicies.builtin();
        String arch = null;
        int[] glibc = null;
        boolean split = false;
        boolean needsLibc = false;
        for (BinaryInfo b : binaries) {
            ElfSlice e = (ElfSlice) b.slices().get(0);
            needsLibc |= e.needed().contains("libc.so.6") || e.glibcMax() != null;
            if (arch != null && !arch.equals(e.arch())) {
                throw new Unfit("ELF binaries for both " + arch + " and " + e.arch() + " in one wheel");
            }
            arch = e.arch();
            if (e.musl()) {
                for (String c : current) {
                    if (c.startsWith("musllinux_") && c.endsWith("_" + arch)) {
                        notes.add("musl binaries: the musllinux tag is kept");
                        return List.of(c);
                    }
                }
                notes.add("musl binaries without a musllinux tag: plain linux tag");
                return List.of("linux_" + arch);
            }
            String member = member(b.path());
            List<String> system = LinuxLibraries.system(files, member, e);
            for (String lib : e.needed()) {
                var foreign = ElfLibraryFolders.foreign(files, member, e, lib);
                if (foreign.isPresent() && !LinuxLibraries.driver(lib)) {
                    notes.add(member + ": " + lib + " is expected from " + foreign.get().folder() + "/ (another distribution)");
                    split = true;
                }
            }
            int[] need = null;
            for (ManylinuxPolicies.Policy p : policies.policies()) {
                if (!p.archs().contains(arch)) {
                    continue;
                }
                boolean ok = policies.check(p, arch, system, e.versionNeeds()).stream()
                        .allMatch(v -> v instanceof ManylinuxPolicies.SymbolVersionTooNew t && t.version().startsWith("GLIBC_"));
                if (ok) {
                    need = version(p.glibc());
                    break;
                }
            }
            if (need == null) {
                notes.add(member + " satisfies no manylinux policy (system libraries: " + String.join(", ", system) + ")");
                return List.of("linux_" + arch);
            }
            if (e.glibcMax() != null) {
                need = max(need, version(e.glibcMax()));
            }
            glibc = glibc == null ? need : max(glibc, need);
        }
        if (glibc == null) {
            // no binary needs glibc at all (static, or libc-free): every policy of the arch allows it
            for (ManylinuxPolicies.Policy p : policies.policies()) {
                if (p.archs().contains(arch)) {
                    glibc = version(p.glibc());
                    notes.add("no binary needs a glibc version: the oldest policy for " + arch + " fits");
                    break;
                }
            }
            if (glibc == null) {
                return List.of("linux_" + arch);
            }
        }
        notes.add("the binaries need glibc " + glibc[0] + "." + glibc[1] + " at most");
        // the tag to offer: the oldest policy of the table at or above that glibc, as auditwheel names it
        int[] offer = glibc;
        for (ManylinuxPolicies.Policy p : policies.policies()) {
            int[] g = version(p.glibc());
            if (p.archs().contains(arch) && compare(g, glibc) >= 0) {
                offer = g;
                break;
            }
        }
        // keep a tag set that promises nothing the binaries lack and is no narrower than that tag
        List<int[]> tagged = new ArrayList<>();
        boolean otherTag = false;
        List<String> musl = new ArrayList<>();
        for (String c : current) {
            Optional<String> g = c.endsWith("_" + arch)
                    ? policies.glibcFor(c.substring(0, c.length() - arch.length() - 1)) : Optional.empty();
            if (g.isPresent()) {
                tagged.add(version(g.get()));
            } else if (c.startsWith("musllinux_") && c.endsWith("_" + arch) && !needsLibc) {
                musl.add(c); // binaries that need no libc at all (static) run under musl as well
            } else {
                otherTag = true;
            }
        }
        int[] needed = glibc;
        int[] offered = offer;
        // libraries from another distribution set their own floor, unknown here: do not widen past the tags
        if (!otherTag && !tagged.isEmpty() && tagged.stream().allMatch(t -> compare(t, needed) >= 0)
                && (split || tagged.stream().anyMatch(t -> compare(t, offered) <= 0))) {
            notes.add("the tags promise glibc " + tagged.stream().min(WheelRetagger::compare).map(t -> t[0] + "." + t[1]).orElseThrow()
                    + " or later, which the binaries allow");
            return List.copyOf(current);
        }
        glibc = offer;
        List<String> tags = new ArrayList<>();
        tags.add("manylinux_" + glibc[0] + "_" + glibc[1] + "_" + arch);
        // PEP 600: the legacy names are aliases of these glibc versions
        Map<String, String> legacy = new LinkedHashMap<>();
        legacy.put("2_5", "manylinux1_");
        legacy.put("2_12", "manylinux2010_");
        legacy.put("2_17", "manylinux2014_");
        String alias = legacy.get(glibc[0] + "_" + glibc[1]);
        if (alias != null) {
            tags.add(alias + arch);
        }
        tags.addAll(musl);
        return tags;
    }

    /** macOS tag archs, as pip expands them (packaging's _mac_binary_formats, inverted). */
    private static Set<String> macArchs(String arch) {
        return switch (arch) {
            case "universal2" -> Set.of("x86_64", "arm64");
            case "intel" -> Set.of("i386", "x86_64");
            case "fat" -> Set.of("i386", "ppc");
            case "fat3" -> Set.of("i386", "ppc", "x86_64");
            case "fat64" -> Set.of("ppc64", "x86_64");
            case "universal" -> Set.of("i386", "ppc", "ppc64", "x86_64");
            default -> Set.of(arch);
        };
    }

    private static final java.util.regex.Pattern MACOS = java.util.regex.Pattern.compile("macosx_(\\d+)_(\\d+)_(\\w+)");

    /**
     * The current tags that promise more than the computed ones: a manylinux glibc below the one
     * needed, a manylinux tag where no policy fits, an arch the binaries lack, a macOS version
     * below the binaries' minimum; a tag that promises less (conservative) or differently named
     * but equal is fine.
     */
    static List<String> overPromising(List<String> current, List<String> computed) {
        List<String> out = new ArrayList<>();
        ManylinuxPolicies policies = ManylinuxPolicies.builtin();
        for (String c : current) {
            boolean ok = false;
            for (String n : computed) {
                if (c.equals(n)) {
                    ok = true;
                    break;
                }
                java.util.regex.Matcher cm = MACOS.matcher(c);
                java.util.regex.Matcher nm = MACOS.matcher(n);
                if (cm.matches() && nm.matches()) {
                    int[] cv = {Integer.parseInt(cm.group(1)), Integer.parseInt(cm.group(2))};
                    int[] nv = {Integer.parseInt(nm.group(1)), Integer.parseInt(nm.group(2))};
                    if (macArchs(nm.group(3)).containsAll(macArchs(cm.group(3))) && compare(cv, nv) >= 0) {
                        ok = true;
                        break;
                    }
                    continue;
                }
                String ca = linuxTagArch(c);
                String na = linuxTagArch(n);
                if (ca == null || !ca.equals(na)) {
                    continue;
                }
                if (c.startsWith("linux_")) {
                    ok = true; // promises nothing about the system
                    break;
                }
                Optional<String> cg = policies.glibcFor(c.substring(0, c.length() - ca.length() - 1));
                Optional<String> ng = policies.glibcFor(n.substring(0, n.length() - na.length() - 1));
                if (cg.isPresent() && ng.isPresent() && compare(version(cg.get()), version(ng.get())) >= 0) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                out.add(c);
            }
        }
        return out;
    }

    /** The arch of a manylinux_, musllinux_ or linux_ tag; null for others. */
    private static String linuxTagArch(String tag) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?:manylinux_\\d+_\\d+|manylinux1|manylinux2010|manylinux2014|musllinux_\\d+_\\d+|linux)_(.+)").matcher(tag);
        return m.matches() ? m.group(1) : null;
    }

    private static String windows(List<BinaryInfo> binaries) {
        Set<String> archs = new TreeSet<>();
        binaries.forEach(b -> archs.add(((PeSlice) b.slices().get(0)).arch()));
        if (archs.size() > 1) {
            throw new Unfit("PE binaries for " + archs + " in one wheel: no single Windows tag fits");
        }
        return switch (archs.iterator().next()) {
            case "amd64" -> "win_amd64";
            case "x86" -> "win32";
            case "arm64" -> "win_arm64";
            default -> throw new Unfit("no Windows platform tag for PE machine " + archs.iterator().next());
        };
    }

    static int[] version(String dotted) {
        String[] p = dotted.split("\\.");
        return new int[] {Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 0};
    }

    private static int[] max(int[] a, int[] b) {
        return compare(a, b) >= 0 ? a : b;
    }

    private static int compare(int[] a, int[] b) {
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }

    /** The binaries fit no single platform tag (several formats, machines or arch sets). */
    static final class Unfit extends RuntimeException {
        Unfit(String message) {
            super(message, null, false, false);
        }
    }
}
