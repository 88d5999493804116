package dev.wheelwright.wheel;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.ElfSlice;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the platform tag a wheel's binaries really support, and rewrites the wheel to it.
 *
 * <ul>
 *   <li>Mach-O: the archs every binary holds (x86_64 + arm64 → universal2, i386 + x86_64 →
 *       intel), and the highest minimum macOS of their slices; arm64 slices need macOS 11.0
 *       anyway, so their minos only counts above 11.0 (as pip treats arm64 tags). macOS 11 and
 *       later are tagged {@code macosx_<major>_0}.</li>
 *   <li>ELF: the most specific manylinux policy that every binary satisfies (with the legacy
 *       alias tag where PEP 600 defines one), else {@code linux_<arch>}.</li>
 *   <li>PE: {@code win_amd64}, {@code win32} or {@code win_arm64} by machine.</li>
 * </ul>
 */
public final class WheelRetagger {
    private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)");

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
            computed = compute(binaries, current, notes);
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
            case ELF -> linux(binaries, current, notes);
            case PE -> List.of(windows(binaries));
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

    private static List<String> linux(List<BinaryInfo> binaries, List<String> current, List<String> notes) {
        String arch = null;
        int[] glibc = null;
        boolean plain = false;
        for (BinaryInfo b : binaries) {
            ElfSlice e = (ElfSlice) b.slices().get(0);
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
            Matcher m = e.manylinux() == null ? null : MANYLINUX.matcher(e.manylinux());
            if (m == null || !m.matches()) {
                plain = true;
                notes.add(b.path() + " satisfies no manylinux policy");
                continue;
            }
            int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            glibc = glibc == null ? v : max(glibc, v);
        }
        if (plain || glibc == null) {
            return List.of("linux_" + arch);
        }
        notes.add("the binaries need glibc " + glibc[0] + "." + glibc[1] + " at most");
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
        return tags;
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
