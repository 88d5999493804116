package dev.wheelwright.wheel;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.binary.macho.MachOFatWriter;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.WheelFilename;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuses a thin x86_64 macOS wheel and a thin arm64 macOS wheel of the same release into one
 * universal2 wheel.
 *
 * <p>Every Mach-O file present in both becomes a fat file holding both slices; identical files
 * are kept once; files that differ and are not Mach-O, and Mach-O files present in only one
 * wheel, stop the fuse (a universal2 wheel with a one-slice binary is the very defect this tool
 * reports) unless a preferred side is named for the differing files. The platform tag becomes
 * {@code macosx_<min>_universal2}, where {@code <min>} is the x86_64 wheel's macOS version (the
 * arm64 wheel's counts only above 11.0, the first macOS on arm64). WHEEL's Tag lines and RECORD
 * are regenerated.
 */
public final class WheelFuser {
    private static final Pattern MACOS = Pattern.compile("macosx_(\\d+)_(\\d+)_(x86_64|arm64)");

    /** What the fuse wrote. */
    public record Result(Path wheel, List<String> fusedBinaries, List<String> preferred) {}

    private WheelFuser() {}

    /**
     * Fuses {@code first} and {@code second} (in either order) into a new wheel in {@code outDir}.
     *
     * @param prefer "x86_64" or "arm64" to take that wheel's copy of files that differ, or null
     */
    public static Result fuse(Path first, Path second, Path outDir, String prefer) {
        Input a = Input.of(first);
        Input b = Input.of(second);
        requireSameRelease(a, b);
        if (a.arch.equals(b.arch)) {
            throw new WheelwrightException(first.getFileName() + " and " + second.getFileName()
                    + " are both " + a.arch + " wheels; fuse needs one x86_64 and one arm64 wheel");
        }
        Input x86 = a.arch.equals("x86_64") ? a : b;
        Input arm = x86 == a ? b : a;
        if (prefer != null && !prefer.equals("x86_64") && !prefer.equals("arm64")) {
            throw new WheelwrightException("--prefer " + prefer + ": expected x86_64 or arm64");
        }

        Map<String, WheelMembers.Member> xm = WheelMembers.read(x86.path);
        Map<String, WheelMembers.Member> am = WheelMembers.read(arm.path);
        String distInfo = distInfo(x86, xm);
        if (!distInfo.equals(distInfo(arm, am))) {
            throw new WheelwrightException(arm.path.getFileName() + ": its .dist-info folder is "
                    + distInfo(arm, am) + ", the x86_64 wheel's is " + distInfo);
        }
        WheelMembers.verifyRecord(x86.path, xm, distInfo);
        WheelMembers.verifyRecord(arm.path, am, distInfo);

        String platform = universal2Platform(x86, arm);
        String outName = x86.filename.replaceAll("-[^-]+\\.whl$", "-" + platform + ".whl");
        Path target = outDir.resolve(outName);
        for (Input in : List.of(x86, arm)) {
            if (sameFile(target, in.path)) {
                throw new WheelwrightException(target + ": would overwrite an input wheel; choose another output folder with -o");
            }
        }

        Set<String> names = new TreeSet<>();
        names.addAll(xm.keySet());
        names.addAll(am.keySet());
        String wheelFile = distInfo + "/WHEEL";
        names.removeIf(n -> n.equals(distInfo + "/RECORD") || n.equals(distInfo + "/RECORD.jws")
                || n.equals(distInfo + "/RECORD.p7s") || n.equals(wheelFile));

        List<WheelWriter.Entry> out = new ArrayList<>();
        List<String> fused = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        List<String> oneSided = new ArrayList<>();
        List<String> preferred = new ArrayList<>();
        // keep the x86_64 wheel's member order, then the arm64-only members, for readable output
        List<String> order = new ArrayList<>(xm.keySet());
        for (String n : am.keySet()) {
            if (!xm.containsKey(n)) {
                order.add(n);
            }
        }
        order.retainAll(names);
        for (String name : order) {
            WheelMembers.Member x = xm.get(name);
            WheelMembers.Member r = am.get(name);
            if (x != null && r != null) {
                if (Arrays.equals(x.data(), r.data())) {
                    out.add(new WheelWriter.Entry(name, x.data(), x.mode()));
                } else if (isMachO(x.data()) && isMachO(r.data())) {
                    out.add(new WheelWriter.Entry(name, fuseMachO(name, x, r), x.mode()));
                    fused.add(name);
                } else if (prefer != null) {
                    WheelMembers.Member keep = prefer.equals("x86_64") ? x : r;
                    out.add(new WheelWriter.Entry(name, keep.data(), keep.mode()));
                    preferred.add(name);
                } else {
                    differing.add(name);
                }
            } else {
                WheelMembers.Member only = x != null ? x : r;
                if (isMachO(only.data())) {
                    oneSided.add(name + " (only in the " + (x != null ? "x86_64" : "arm64") + " wheel)");
                } else {
                    out.add(new WheelWriter.Entry(name, only.data(), only.mode()));
                }
            }
        }
        Collections.sort(differing);
        Collections.sort(oneSided);
        if (!differing.isEmpty()) {
            throw new WheelwrightException("cannot fuse " + x86.path.getFileName() + " and " + arm.path.getFileName()
                    + ": " + differing.size() + (differing.size() == 1 ? " file differs" : " files differ")
                    + " and " + (differing.size() == 1 ? "is" : "are") + " not Mach-O: " + String.join(", ", differing)
                    + " (use --prefer x86_64 or --prefer arm64 to choose)");
        }
        if (!oneSided.isEmpty()) {
            throw new WheelwrightException("cannot fuse " + x86.path.getFileName() + " and " + arm.path.getFileName()
                    + ": Mach-O files without a counterpart would leave one-slice binaries in a universal2 wheel: "
                    + String.join(", ", oneSided));
        }
        WheelMembers.Member wheel = xm.get(wheelFile);
        if (wheel == null) {
            throw new WheelwrightException(x86.path.getFileName() + ": no " + wheelFile);
        }
        out.add(new WheelWriter.Entry(wheelFile, WheelRetagger.rewriteTags(new String(wheel.data(), StandardCharsets.UTF_8),
                x86.parsed.tags(), List.of(platform)).getBytes(StandardCharsets.UTF_8), wheel.mode()));
        WheelWriter.write(target, out, distInfo);
        return new Result(target, List.copyOf(fused), List.copyOf(preferred));
    }

    private static byte[] fuseMachO(String name, WheelMembers.Member x, WheelMembers.Member r) {
        List<MachOFatWriter.Thin> thins = new ArrayList<>();
        thins.addAll(thins(name + " (x86_64 wheel)", x.data()));
        thins.addAll(thins(name + " (arm64 wheel)", r.data()));
        return MachOFatWriter.write(thins);
    }

    /** The thin images inside a Mach-O file (itself, or each slice of a fat file). */
    static List<MachOFatWriter.Thin> thins(String name, byte[] data) {
        BinaryInfo info = BinaryReader.read(name, data);
        if (!info.fat()) {
            return List.of(new MachOFatWriter.Thin(name, data));
        }
        List<MachOFatWriter.Thin> out = new ArrayList<>();
        for (Slice s : info.slices()) {
            MachOSlice m = (MachOSlice) s;
            byte[] slice = Arrays.copyOfRange(data, (int) m.offset(), (int) (m.offset() + m.size()));
            out.add(new MachOFatWriter.Thin(name + "[" + m.arch() + "]", slice));
        }
        return out;
    }

    private static boolean isMachO(byte[] data) {
        byte[] head = Arrays.copyOf(data, Math.min(data.length, 64));
        return BinaryReader.detect(head).filter(f -> f == BinaryFormat.MACHO).isPresent();
    }

    /** macosx_X_Y_universal2 with X_Y the x86_64 wheel's version, or the arm64 wheel's when above 11.0. */
    static String universal2Platform(Input x86, Input arm) {
        int[] v = x86.version;
        if (compare(arm.version, new int[] {11, 0}) > 0 && compare(arm.version, v) > 0) {
            v = arm.version;
        }
        return "macosx_" + v[0] + "_" + v[1] + "_universal2";
    }

    private static int compare(int[] a, int[] b) {
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }

    private static void requireSameRelease(Input a, Input b) {
        String an = a.path.getFileName().toString();
        String bn = b.path.getFileName().toString();
        if (!a.parsed.name().equals(b.parsed.name())) {
            throw new WheelwrightException("cannot fuse " + an + " and " + bn + ": different projects ("
                    + a.parsed.name() + ", " + b.parsed.name() + ")");
        }
        if (!a.parsed.version().equals(b.parsed.version())) {
            throw new WheelwrightException("cannot fuse " + an + " and " + bn + ": different versions ("
                    + a.parsed.version() + ", " + b.parsed.version() + ")");
        }
        if (!java.util.Objects.equals(a.parsed.build(), b.parsed.build())) {
            throw new WheelwrightException("cannot fuse " + an + " and " + bn + ": different build tags");
        }
        if (!a.interpreterAbi().equals(b.interpreterAbi())) {
            throw new WheelwrightException("cannot fuse " + an + " and " + bn + ": different Python tags ("
                    + String.join(".", a.interpreterAbi()) + ", " + String.join(".", b.interpreterAbi()) + ")");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String distInfo(Input in, Map<String, WheelMembers.Member> members) {
        return WheelMembers.distInfo(in.path, members);
    }



    /** An input wheel with its name parsed and its macOS arch and version known. */
    record Input(Path path, String filename, WheelFilename parsed, String arch, int[] version) {
        static Input of(Path path) {
            WheelMembers.requireFile(path);
            String filename = path.getFileName().toString();
            WheelFilename parsed = WheelFilename.parse(filename);
            String arch = null;
            int[] version = null;
            for (Tag t : parsed.tags()) {
                Matcher m = MACOS.matcher(t.platform());
                if (!m.matches()) {
                    throw new WheelwrightException(filename + ": platform tag " + t.platform()
                            + " is not a thin macOS tag (macosx_X_Y_x86_64 or macosx_X_Y_arm64)");
                }
                if (arch != null && !arch.equals(m.group(3))) {
                    throw new WheelwrightException(filename + ": tagged for both x86_64 and arm64 already");
                }
                arch = m.group(3);
                int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
                if (version == null || compare(v, version) < 0) {
                    version = v;
                }
            }
            return new Input(path, filename, parsed, arch, version);
        }

        List<String> interpreterAbi() {
            Set<String> s = new TreeSet<>();
            for (Tag t : parsed.tags()) {
                s.add(t.interpreter() + "-" + t.abi());
            }
            return List.copyOf(s);
        }
    }
}
