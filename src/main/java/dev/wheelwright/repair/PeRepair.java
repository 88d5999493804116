package dev.wheelwright.repair;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.PeSlice;
import dev.wheelwright.binary.pe.PePatcher;
import dev.wheelwright.binary.pe.PeReader;
import dev.wheelwright.binary.pe.WindowsDlls;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.WheelFilename;
import dev.wheelwright.wheel.ElfLibraryFolders;
import dev.wheelwright.wheel.WheelMembers;
import dev.wheelwright.wheel.WheelRetagger;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PE side of {@code repair}, in delvewheel's layout. Every {@code .pyd} of the wheel is a
 * root; each DLL it imports (import table and delay-load table) is left alone when Windows or the
 * interpreter provides it ({@link WindowsDlls}: the machine's system DLLs, python3X.dll, the
 * api-ms-win-* API sets, the C runtime the wheel's Python tags ship), or {@code --exclude} names
 * it, or a member of the wheel in the importer's own folder has its name (the loader searches the
 * importing module's folder first; that member's imports are followed in turn), or one in
 * {@code <name>.libs/} (an earlier repair's), or one anywhere else in the wheel (left, with a note,
 * for the package's own {@code os.add_dll_directory}, as the external-dll rule judges). Otherwise it is
 * looked up as Windows would, case-insensitively and only among files of the same machine: the
 * importing DLL's own folder (for DLLs found outside the wheel), each {@code --lib-dir}, then each
 * PATH folder. Found DLLs are copied to {@code <name>.libs/} at the root of the wheel (into
 * {@code <name>-<version>.data/platlib/}, beside the modules, when one is top-level, as delvewheel
 * does) under delvewheel's mangled name {@code <stem>-<hash><ext>}: the first 32 hex digits of the
 * sha256 of the mangled-name hashes of the DLL's own bundled imports (each followed by a NUL, in
 * import order, so a DLL's name changes when one it loads does) and then of its bytes, computed
 * dependencies first. Importers' tables are rewritten with {@link PePatcher}; each top-level
 * package's {@code __init__.py} adds the folder to the DLL search path ({@link DllDirectoryPatch}),
 * with a {@code .load-order-<name>-<version>} file when a target Python is older than 3.10.
 */
final class PeRepair {
    private static final Pattern PYTHON_TAG = Pattern.compile("[A-Za-z]+([0-9])([0-9]*)");

    private PeRepair() {}

    /** An importer on the work list: a wheel member, or a DLL found outside the wheel. */
    private record Needer(String label, String member, Path file, PeSlice pe) {}

    static WheelRepairer.Plan plan(Path wheel, WheelFilename parsed, Map<String, WheelMembers.Member> members, String distInfo,
                                   WheelRepairer.Options options, List<PathMatcher> excludes) {
        String file = String.valueOf(wheel.getFileName());
        WindowsDlls table = WindowsDlls.builtin();
        Map<String, PeSlice> pes = new TreeMap<>();
        for (var e : members.entrySet()) {
            byte[] d = e.getValue().data();
            if (BinaryReader.detect(Arrays.copyOf(d, Math.min(d.length, BinaryReader.HEAD_SIZE))).orElse(null) != BinaryFormat.PE) {
                continue;
            }
            try {
                pes.put(e.getKey(), (PeSlice) PeReader.read(file + "!" + e.getKey(), d).slices().get(0));
            } catch (BinaryFormatException ex) {
                throw new WheelwrightException(wheel + ": " + ex.getMessage());
            }
        }
        List<String> platforms = WheelRepairer.platforms(parsed);
        if (platforms.size() != 1) {
            throw new WheelwrightException(wheel + ": carries several platform tags " + platforms
                    + ": a Windows wheel for several machines is not repaired (as delvewheel)");
        }
        String platform = platforms.get(0);
        List<String> modules = pes.keySet().stream().filter(m -> m.toLowerCase(Locale.ROOT).endsWith(".pyd")).toList();
        String arch = null;
        for (String m : modules) {
            String a = pes.get(m).arch();
            if (!Set.of("amd64", "x86", "arm64").contains(a)) {
                throw new WheelwrightException(wheel + ": " + m + " is for machine " + a + ": only x86, x64 and arm64 modules are repaired");
            }
            if (arch != null && !arch.equals(a)) {
                throw new WheelwrightException(wheel + ": holds modules for both " + arch + " and " + a);
            }
            arch = a;
        }
        Set<String> pythonTags = new LinkedHashSet<>();
        Set<String> abiTags = new LinkedHashSet<>();
        for (Tag t : parsed.tags()) {
            pythonTags.add(t.interpreter());
            abiTags.add(t.abi());
        }
        Set<String> shipped = table.shippedByInterpreter(pythonTags, abiTags, platform);
        // Windows file names have no case: --exclude compares lower-case, as delvewheel lowers its --exclude names
        List<PathMatcher> excludesLower = new ArrayList<>();
        for (String g : options.excludes()) {
            excludesLower.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g.toLowerCase(Locale.ROOT)));
        }
        List<Path> path = new ArrayList<>(options.libDirs());
        String env = System.getenv("PATH");
        if (env != null) {
            for (String p : env.split(File.pathSeparator)) {
                if (!p.isEmpty()) {
                    path.add(Path.of(p));
                }
            }
        }

        Map<String, WheelRepairer.Bundled> bundled = new LinkedHashMap<>(); // by lower-case DLL name
        Map<String, byte[]> sources = new LinkedHashMap<>(); // lower-case name -> the file's bytes
        Map<String, String> fileNames = new LinkedHashMap<>(); // lower-case name -> file name as found (its case)
        Map<String, Set<String>> needs = new LinkedHashMap<>(); // needer label -> lower-case bundled names, import order
        Map<String, Set<String>> neededBy = new LinkedHashMap<>();
        Set<String> wheelNeeders = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> excludedSeen = new LinkedHashSet<>();
        Set<String> noted = new LinkedHashSet<>();
        Deque<Needer> work = new ArrayDeque<>();
        Set<String> queuedMembers = new LinkedHashSet<>(modules);
        for (String m : modules) {
            work.add(new Needer(m, m, null, pes.get(m)));
        }
        while (!work.isEmpty()) {
            Needer n = work.poll();
            String neederName = n.member() != null ? n.member().substring(n.member().lastIndexOf('/') + 1) : n.file().getFileName().toString();
            for (String dll : n.pe().imports()) {
                String lower = dll.toLowerCase(Locale.ROOT);
                if (table.isSystem(lower, n.pe().arch()) || shipped.contains(lower) || table.ignoredDependency(neederName, lower)) {
                    continue;
                }
                if (excludesLower.stream().anyMatch(m -> m.matches(Path.of(lower)))) {
                    if (excludedSeen.add(dll)) {
                        notes.add(dll + " left out (--exclude)");
                    }
                    continue;
                }
                if (n.member() != null) {
                    String beside = besideInWheel(members.keySet(), n.member(), lower);
                    if (beside == null) {
                        // already bundled by an earlier repair (ours or delvewheel's): the folder __init__.py adds
                        beside = inMember(members.keySet(), parsed.distribution() + ".libs/" + lower);
                    }
                    if (beside == null) {
                        // elsewhere in the wheel: the package adds that folder itself (os.add_dll_directory), as audit judges
                        beside = anywhere(members.keySet(), lower);
                        if (beside != null && noted.add("elsewhere " + lower)) {
                            notes.add(n.label() + " imports " + dll + ", which the wheel carries as " + beside
                                    + ": left for the package to find (it must add that folder with os.add_dll_directory)");
                        }
                    }
                    if (beside != null) {
                        if (pes.containsKey(beside) && queuedMembers.add(beside)) {
                            work.add(new Needer(beside, beside, null, pes.get(beside)));
                        }
                        continue;
                    }
                }
                needs.computeIfAbsent(n.label(), k -> new LinkedHashSet<>()).add(lower);
                neededBy.computeIfAbsent(lower, k -> new LinkedHashSet<>()).add(n.label());
                if (n.member() != null) {
                    wheelNeeders.add(n.member());
                }
                if (bundled.containsKey(lower) || missing.stream().anyMatch(m -> m.startsWith(dll + " ") || m.startsWith(lower + " "))) {
                    continue;
                }
                Optional<String[]> found = find(lower, n.pe().arch(), n.file() == null ? null : n.file().getParent(), path, options.libDirs());
                if (found.isEmpty()) {
                    missing.add(dll + " (needed by " + n.label() + ")");
                    continue;
                }
                Path src = Path.of(found.get()[0]);
                byte[] bytes = read(src, dll);
                PeSlice pe;
                try {
                    pe = (PeSlice) PeReader.read(src.toString(), bytes).slices().get(0);
                } catch (BinaryFormatException ex) {
                    throw new WheelwrightException(src + ": " + ex.getMessage());
                }
                fileNames.put(lower, src.getFileName().toString());
                bundled.put(lower, new WheelRepairer.Bundled(dll, src, found.get()[1], null, WheelRepairer.sha256Hex(bytes), List.of()));
                sources.put(lower, bytes);
                work.add(new Needer(src.getFileName().toString(), null, src, pe));
            }
        }
        if (!missing.isEmpty()) {
            throw new WheelwrightException(wheel + ": cannot find " + String.join(", ", missing) + "; searched the importer's folder, --lib-dir "
                    + options.libDirs() + " and PATH (add --lib-dir DIR, or --exclude NAME to leave it out)");
        }

        // where the DLLs go, under which names
        boolean topLevel = modules.stream().anyMatch(m -> {
            String installed = ElfLibraryFolders.installedPath(m);
            return installed != null && !installed.contains("/");
        });
        String dataDir = distInfo.substring(0, distInfo.length() - ".dist-info".length()) + ".data";
        String libsMemberDir = topLevel ? dataDir + "/platlib" : parsed.distribution() + ".libs";
        String libsInstalled = topLevel ? "." : parsed.distribution() + ".libs";
        Map<String, String> mangled = mangle(wheel, bundled.keySet(), needs, fileNames, sources);
        List<WheelRepairer.Bundled> finalBundled = new ArrayList<>();
        for (var e : bundled.entrySet()) {
            WheelRepairer.Bundled b = e.getValue();
            String member = libsMemberDir + "/" + mangled.get(e.getKey());
            if (members.containsKey(member)) {
                throw new WheelwrightException(wheel + ": already has a member " + member + ": repaired already?");
            }
            finalBundled.add(new WheelRepairer.Bundled(b.name(), b.source(), b.how(), member, b.sha256(),
                    List.copyOf(neededBy.getOrDefault(e.getKey(), Set.of()))));
        }

        Map<String, WheelMembers.Member> out = new TreeMap<>(members);
        out.remove(distInfo + "/RECORD");
        out.remove(distInfo + "/RECORD.jws");
        out.remove(distInfo + "/RECORD.p7s");
        Map<String, String> patched = new TreeMap<>();
        for (String m : wheelNeeders) {
            Map<String, String> rename = renames(needs.get(m), mangled);
            PePatcher.Result r = patch(wheel, m, members.get(m).data(), rename);
            out.put(m, new WheelMembers.Member(r.data(), members.get(m).mode()));
            patched.put(m, describe(rename, r));
        }
        for (WheelRepairer.Bundled b : finalBundled) {
            String lower = b.name().toLowerCase(Locale.ROOT);
            Map<String, String> rename = renames(needs.getOrDefault(fileNames.get(lower), Set.of()), mangled);
            PePatcher.Result r = patch(wheel, b.source().toString(), sources.get(lower), rename);
            out.put(b.member(), new WheelMembers.Member(r.data(), 0755));
        }

        // __init__.py of each top-level package adds the folder to the DLL search path
        if (!finalBundled.isEmpty()) {
            String loadOrder = minPython(pythonTags) >= 310 ? null : ".load-order-" + distInfo.substring(0, distInfo.length() - ".dist-info".length());
            Set<String> packages = packages(out.keySet(), distInfo, dataDir, libsMemberDir);
            for (String pkg : packages) {
                String init = pkg + "/__init__.py";
                boolean existed = out.containsKey(init);
                String text = existed ? new String(out.get(init).data(), StandardCharsets.UTF_8) : "";
                if (!existed) {
                    notes.add(pkg + "/ has no __init__.py: repair creates one (a namespace package becomes a regular one, as with delvewheel)");
                }
                String installed = ElfLibraryFolders.installedPath(init);
                int depth = installed == null ? 1 : installed.split("/").length - 1;
                out.put(init, new WheelMembers.Member(DllDirectoryPatch.apply(wheel + "!" + init, text, libsInstalled, depth, loadOrder)
                        .getBytes(StandardCharsets.UTF_8), existed ? out.get(init).mode() : 0));
                patched.put(init, "os.add_dll_directory(" + libsInstalled + ")" + (loadOrder == null ? "" : ", preloading " + loadOrder + " before Python 3.8"));
            }
            if (loadOrder != null) {
                String member = libsMemberDir + "/" + loadOrder;
                StringBuilder sb = new StringBuilder();
                finalBundled.forEach(b -> sb.append(b.member().substring(b.member().lastIndexOf('/') + 1)).append('\n'));
                out.put(member, new WheelMembers.Member(sb.toString().getBytes(StandardCharsets.UTF_8), 0));
            }
        }

        // every import of the rewritten binaries is now the system's, excluded, or a file Windows finds in the wheel
        verify(wheel, out, pes.keySet(), finalBundled, libsMemberDir, parsed.distribution() + ".libs", table, shipped, excludedSeen);

        List<String> tags = List.of(platform);
        List<BinaryInfo> binaries = new ArrayList<>();
        for (var e : out.entrySet()) {
            if (pes.containsKey(e.getKey()) || finalBundled.stream().anyMatch(b -> b.member().equals(e.getKey()))) {
                binaries.add(BinaryReader.read(e.getKey(), e.getValue().data()));
            }
        }
        List<String> computed = WheelRetagger.supportedPlatforms(binaries, out.keySet(), platforms);
        if (!computed.isEmpty()) {
            tags = computed;
        }
        if (options.plat() != null) {
            if (!tags.contains(options.plat())) {
                throw new WheelwrightException("--plat " + options.plat() + ": the repaired binaries are " + String.join(".", tags));
            }
            tags = List.of(options.plat());
        }
        return WheelRepairer.finish(wheel, parsed, members, out, distInfo, tags, finalBundled, patched, notes, excludedSeen);
    }

    /**
     * delvewheel's names: in dependency order (graphlib's static order), each DLL's hash is the
     * sha256 of its bundled imports' hashes (each followed by NUL) and its bytes, first 32 hex digits.
     */
    private static Map<String, String> mangle(Path wheel, Set<String> names, Map<String, Set<String>> needs, Map<String, String> fileNames,
                                              Map<String, byte[]> sources) {
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String n : names) {
            hash(wheel, n, needs, fileNames, sources, hashes, visiting);
        }
        for (String n : names) {
            String f = fileNames.get(n);
            int dot = f.lastIndexOf('.');
            String stem = dot <= 0 ? f : f.substring(0, dot);
            String ext = dot <= 0 ? "" : f.substring(dot);
            out.put(n, stem + "-" + hashes.get(n) + ext);
        }
        return out;
    }

    private static String hash(Path wheel, String n, Map<String, Set<String>> needs, Map<String, String> fileNames,
                               Map<String, byte[]> sources, Map<String, String> hashes, Set<String> visiting) {
        String done = hashes.get(n);
        if (done != null) {
            return done;
        }
        if (!visiting.add(n)) {
            throw new WheelwrightException(wheel + ": the bundled DLLs import each other in a cycle through " + n
                    + ": no name can carry the hashes of the others (delvewheel refuses too)");
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String dep : needs.getOrDefault(fileNames.get(n), Set.of())) {
            sha.update(hash(wheel, dep, needs, fileNames, sources, hashes, visiting).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
        }
        visiting.remove(n);
        sha.update(sources.get(n));
        String h = HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        hashes.put(n, h);
        return h;
    }

    private static Map<String, String> renames(Set<String> lowerNames, Map<String, String> mangled) {
        Map<String, String> out = new LinkedHashMap<>();
        if (lowerNames != null) {
            for (String n : lowerNames) {
                out.put(n, mangled.get(n));
            }
        }
        return out;
    }

    private static PePatcher.Result patch(Path wheel, String what, byte[] data, Map<String, String> rename) {
        try {
            PePatcher.Result r = PePatcher.patch(what, data, rename);
            PeReader.read(what, r.data()); // what was written must read back
            return r;
        } catch (BinaryFormatException e) {
            throw new WheelwrightException(wheel + ": cannot rewrite " + e.getMessage());
        }
    }

    private static String describe(Map<String, String> rename, PePatcher.Result r) {
        List<String> parts = new ArrayList<>();
        rename.forEach((a, b) -> parts.add(a + " -> " + b));
        return String.join(", ", parts) + " (names in " + r.placement() + (r.signatureRemoved() ? "; signature removed" : "") + ")";
    }

    private static byte[] read(Path src, String dll) {
        try {
            return Files.readAllBytes(src.toRealPath());
        } catch (IOException e) {
            throw new WheelwrightException(src + ": cannot read " + dll + ": " + e.getMessage());
        }
    }

    /** The first member (in name order) whose file name is {@code lower} in any case, else null. */
    private static String anywhere(Set<String> files, String lower) {
        for (String f : new TreeSet<>(files)) {
            if (f.substring(f.lastIndexOf('/') + 1).equalsIgnoreCase(lower)) {
                return f;
            }
        }
        return null;
    }

    /** The member whose path is {@code path} in any case, else null. */
    private static String inMember(Set<String> files, String path) {
        for (String f : files) {
            if (f.equalsIgnoreCase(path)) {
                return f;
            }
        }
        return null;
    }

    /** The member of the wheel installed in {@code member}'s folder whose name is {@code lower} in any case, else null. */
    private static String besideInWheel(Set<String> files, String member, String lower) {
        String installed = ElfLibraryFolders.installedPath(member);
        if (installed == null) {
            return null;
        }
        String dir = installed.contains("/") ? installed.substring(0, installed.lastIndexOf('/') + 1) : "";
        for (String f : files) {
            String p = ElfLibraryFolders.installedPath(f);
            if (p != null && p.toLowerCase(Locale.ROOT).equals((dir + lower).toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    /**
     * The file Windows would load for {@code lower}, with how it was found: the importing DLL's
     * folder, then each --lib-dir and PATH folder; names compared without case, files of another
     * machine passed over (delvewheel's find_library).
     */
    private static Optional<String[]> find(String lower, String arch, Path own, List<Path> path, List<Path> libDirs) {
        List<Path> dirs = new ArrayList<>();
        if (own != null) {
            dirs.add(own);
        }
        dirs.addAll(path);
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            List<Path> hits = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                for (Path p : ds) {
                    if (p.getFileName().toString().toLowerCase(Locale.ROOT).equals(lower) && Files.isRegularFile(p)) {
                        hits.add(p);
                    }
                }
            } catch (IOException | SecurityException e) {
                continue; // an unreadable PATH folder holds nothing the search can use (delvewheel skips it too)
            }
            hits.sort(null);
            for (Path p : hits) {
                if (arch.equals(machineOf(p))) {
                    String how = d.equals(own) ? "the importing DLL's folder" : libDirs.contains(d) ? "--lib-dir " + d : "PATH " + d;
                    return Optional.of(new String[] {p.toString(), how});
                }
            }
        }
        return Optional.empty();
    }

    private static String machineOf(Path p) {
        try {
            byte[] d = Files.readAllBytes(p);
            return ((PeSlice) PeReader.read(p.toString(), d).slices().get(0)).arch();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Top-level package folders that get the patch (delvewheel's _patch_package over the wheel root and .data/purelib|platlib). */
    private static Set<String> packages(Set<String> files, String distInfo, String dataDir, String libsMemberDir) {
        Set<String> rootModules = new TreeSet<>();
        Map<String, String> folders = new TreeMap<>(); // member folder -> installed name
        for (String f : files) {
            String installed = ElfLibraryFolders.installedPath(f);
            if (installed == null || f.startsWith(distInfo + "/") || f.startsWith(libsMemberDir + "/")) {
                continue;
            }
            if (!installed.contains("/")) {
                String lower = installed.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".py") || lower.endsWith(".pyd")) {
                    rootModules.add(installed.substring(0, installed.indexOf('.')));
                }
                continue;
            }
            String top = installed.substring(0, installed.indexOf('/'));
            String prefix = f.substring(0, f.length() - installed.length());
            folders.putIfAbsent(prefix + top, top);
        }
        Set<String> out = new TreeSet<>();
        for (var e : folders.entrySet()) {
            if (rootModules.contains(e.getValue()) && !files.contains(e.getKey() + "/__init__.py")) {
                continue; // a folder beside a module of its name, without __init__.py: patching would swap which one imports
            }
            if (e.getValue().endsWith(".libs") || e.getKey().startsWith(dataDir + "/") && !e.getKey().startsWith(dataDir + "/p")) {
                continue;
            }
            out.add(e.getKey());
        }
        return out;
    }

    /** The oldest Python the tags name, as 3 * 100 + minor (310 for cp310); 0 when a tag is not of that form. */
    private static int minPython(Set<String> pythonTags) {
        int min = Integer.MAX_VALUE;
        for (String t : pythonTags) {
            Matcher m = PYTHON_TAG.matcher(t);
            if (!m.matches()) {
                return 0;
            }
            int v = Integer.parseInt(m.group(1)) * 100 + (m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2)));
            min = Math.min(min, v);
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }

    /** Reads the repaired binaries back: an import neither provided nor in the wheel where Windows looks fails the repair. */
    private static void verify(Path wheel, Map<String, WheelMembers.Member> out, Set<String> own, List<WheelRepairer.Bundled> bundled,
                               String libsMemberDir, String libsFolder, WindowsDlls table, Set<String> shipped, Set<String> excluded) {
        Set<String> inLibs = new TreeSet<>();
        bundled.forEach(b -> inLibs.add(b.member().substring(b.member().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)));
        Set<String> excludedLower = new TreeSet<>();
        excluded.forEach(x -> excludedLower.add(x.toLowerCase(Locale.ROOT)));
        List<String> left = new ArrayList<>();
        for (var e : out.entrySet()) {
            boolean mine = own.contains(e.getKey()) || e.getKey().startsWith(libsMemberDir + "/") && bundled.stream()
                    .anyMatch(b -> b.member().equals(e.getKey()));
            if (!mine) {
                continue;
            }
            PeSlice pe = (PeSlice) PeReader.read(e.getKey(), e.getValue().data()).slices().get(0);
            for (String dll : pe.imports()) {
                String lower = dll.toLowerCase(Locale.ROOT);
                if (table.isSystem(lower, pe.arch()) || shipped.contains(lower) || excludedLower.contains(lower) || inLibs.contains(lower)
                        || besideInWheel(out.keySet(), e.getKey(), lower) != null || inMember(out.keySet(), libsFolder + "/" + lower) != null
                        || anywhere(out.keySet(), lower) != null
                        || table.ignoredDependency(e.getKey().substring(e.getKey().lastIndexOf('/') + 1), lower)) {
                    continue;
                }
                if (own.contains(e.getKey()) && !e.getKey().toLowerCase(Locale.ROOT).endsWith(".pyd")) {
                    continue; // a DLL of the wheel no module imports: not repair's business (delvewheel leaves it too)
                }
                left.add(e.getKey() + " imports " + dll);
            }
        }
        if (!left.isEmpty()) {
            throw new WheelwrightException(wheel + ": after repair " + String.join("; ", left) + ", which Windows would not find");
        }
    }
}
