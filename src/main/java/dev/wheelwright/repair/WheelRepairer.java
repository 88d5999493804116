package dev.wheelwright.repair;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ElfPatcher;
import dev.wheelwright.binary.elf.ManylinuxPolicies;
import dev.wheelwright.spec.InvalidWheelFilenameException;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.WheelFilename;
import dev.wheelwright.wheel.ElfLibraryFolders;
import dev.wheelwright.wheel.MemberNames;
import dev.wheelwright.wheel.PlatformTag;
import dev.wheelwright.wheel.WheelMembers;
import dev.wheelwright.wheel.WheelRetagger;
import dev.wheelwright.wheel.WheelWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code repair}: bundles into a wheel the shared libraries its binaries need from outside it and
 * outside the target policy, renames them so they cannot clash with another copy in the same
 * process, rewrites the binaries to load the bundled copies, and writes the wheel anew under the
 * tag the repaired binaries meet.
 *
 * <p>ELF follows auditwheel's layout: libraries go to {@code <name>.libs/} beside the package (the
 * distribution part of the file name, as auditwheel's {@code --lib-sdir .libs}); each is renamed
 * {@code <base>-<first 8 hex digits of the sha256 of the library file>.<rest>}, split at the first
 * dot ({@code libfoo.so.1} becomes {@code libfoo-1a2b3c4d.so.1}, auditwheel's {@code copylib});
 * its DT_SONAME is set to that name; the needing binaries' DT_NEEDED follow, and their DT_RUNPATH
 * becomes their RPATH/RUNPATH entries that stay inside the wheel plus {@code $ORIGIN/<relative
 * path to the .libs folder>}; a bundled library that needs another bundled one gets
 * {@code $ORIGIN}, the others lose their RPATH. Unlike auditwheel (patchelf --force-rpath), the
 * entry written is DT_RUNPATH.
 *
 * <p>Mach-O wheels are repaired by {@link MachORepair} (delocate's layout), Windows wheels by
 * {@link PeRepair} (delvewheel's).
 *
 * <p>{@link #plan} does all the work in memory and never writes; {@link #write} writes the result.
 */
public final class WheelRepairer {
    /** auditwheel's LIBPYTHON_RE: an extension module must not link libpython; it is never bundled. */
    private static final Pattern LIBPYTHON = Pattern.compile("^libpython\\d+\\.\\d+m?\\.so(\\.\\d)*$");

    private WheelRepairer() {}

    /**
     * What to do.
     *
     * @param libDirs        folders searched before LD_LIBRARY_PATH (ELF)
     * @param excludes       globs of library names never bundled ({@code libcuda.so*})
     * @param plat           the platform tag asked for, null for the one the binaries meet
     * @param sysroot        the root of the cache and standard folders, {@code /} by default
     * @param ldLibraryPath  the LD_LIBRARY_PATH value to search, null for none
     */
    public record Options(List<Path> libDirs, List<String> excludes, String plat, Path sysroot, String ldLibraryPath) {
        public Options {
            libDirs = List.copyOf(libDirs);
            excludes = List.copyOf(excludes);
            sysroot = sysroot == null ? Path.of("/") : sysroot;
        }
    }

    /**
     * A library copied into the wheel.
     *
     * @param name      the name it was needed by (DT_NEEDED)
     * @param source    where it was found
     * @param how       the step of the search that found it
     * @param member    its member path in the repaired wheel
     * @param sha256    hex sha256 of the source file
     * @param neededBy  the members and libraries that need it
     */
    public record Bundled(String name, Path source, String how, String member, String sha256, List<String> neededBy) {}

    /**
     * The repaired wheel, computed but not written.
     *
     * @param wheel     the input
     * @param filename  the output's file name
     * @param tags      the output's platform tags
     * @param bundled   the libraries bundled, in the order found
     * @param patched   member to what changed in it
     * @param notes     what was left alone and why
     * @param entries   every member of the output, sorted, RECORD excluded
     * @param distInfo  the .dist-info folder
     */
    public record Plan(Path wheel, String filename, List<String> tags, List<Bundled> bundled, Map<String, String> patched,
                       List<String> notes, List<WheelWriter.Entry> entries, String distInfo, List<String> excluded) {
        /** Whether repair changes anything at all. */
        public boolean changes() {
            return !bundled.isEmpty() || !patched.isEmpty() || !filename.equals(String.valueOf(wheel.getFileName()));
        }
    }

    /** A needing object on the work list: a wheel member, or a library already chosen for bundling. */
    private record Needer(String label, ElfSlice elf, String member, ElfLibrarySearch.Loader loader,
                          List<ElfLibrarySearch.Loader> chain) {}

    /** Computes the repaired wheel; writes nothing. */
    public static Plan plan(Path wheel, Options options) {
        String file = String.valueOf(wheel.getFileName());
        WheelFilename parsed;
        try {
            parsed = WheelFilename.parse(file);
        } catch (InvalidWheelFilenameException e) {
            throw new WheelwrightException(wheel + ": " + e.getMessage());
        }
        Map<String, WheelMembers.Member> members = WheelMembers.read(wheel);
        String distInfo = WheelMembers.distInfo(wheel, members);
        WheelMembers.verifyRecord(wheel, members, distInfo);
        List<PathMatcher> excludes = new ArrayList<>();
        for (String g : options.excludes()) {
            try {
                excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
            } catch (IllegalArgumentException e) {
                throw new WheelwrightException("--exclude " + g + ": not a glob (" + e.getMessage() + ")");
            }
        }
        Map<String, ElfSlice> elfMembers = new TreeMap<>();
        Set<BinaryFormat> formats = new java.util.TreeSet<>();
        for (var e : members.entrySet()) {
            byte[] d = e.getValue().data();
            Optional<BinaryFormat> f = BinaryReader.detect(Arrays.copyOf(d, Math.min(d.length, BinaryReader.HEAD_SIZE)));
            if (f.isEmpty()) {
                continue;
            }
            formats.add(f.get());
            if (f.get() == BinaryFormat.ELF) {
                try {
                    ElfSlice s = (ElfSlice) BinaryReader.read(file + "!" + e.getKey(), d).slices().get(0);
                    if (s.type().equals("dyn") || s.type().equals("exec")) {
                        elfMembers.put(e.getKey(), s);
                    }
                } catch (BinaryFormatException ex) {
                    throw new WheelwrightException(wheel + ": " + ex.getMessage());
                }
            }
        }
        if (formats.isEmpty()) {
            throw new WheelwrightException(wheel + ": has no binaries (ELF, Mach-O or PE): nothing to repair");
        }
        if (formats.size() > 1) {
            throw new WheelwrightException(wheel + ": holds binaries of several formats " + formats + ": no single platform to repair for");
        }
        BinaryFormat format = formats.iterator().next();
        if (format == BinaryFormat.MACHO) {
            return MachORepair.plan(wheel, parsed, members, distInfo, options, excludes);
        }
        if (format == BinaryFormat.PE) {
            return PeRepair.plan(wheel, parsed, members, distInfo, options, excludes);
        }
        return planElf(wheel, parsed, members, distInfo, elfMembers, options, excludes);
    }

    private static Plan planElf(Path wheel, WheelFilename parsed, Map<String, WheelMembers.Member> members, String distInfo,
                                Map<String, ElfSlice> elfMembers, Options options, List<PathMatcher> excludes) {
        ManylinuxPolicies policies = ManylinuxPolicies.builtin();
        String arch = null;
        for (var e : elfMembers.entrySet()) {
            if (e.getValue().musl()) {
                throw new WheelwrightException(wheel + ": " + e.getKey() + " links musl libc: musllinux wheels are not repaired yet");
            }
            if (arch != null && !arch.equals(e.getValue().arch())) {
                throw new WheelwrightException(wheel + ": ELF binaries for both " + arch + " and " + e.getValue().arch());
            }
            arch = e.getValue().arch();
        }
        if (arch == null) {
            throw new WheelwrightException(wheel + ": has no ELF shared objects or executables: nothing to repair");
        }
        // the policy whose library list decides what stays a system library
        String policyName;
        if (options.plat() != null) {
            PlatformTag t = PlatformTag.parse(options.plat());
            if (!t.family().equals("manylinux")) {
                throw new WheelwrightException("--plat " + options.plat() + ": not a manylinux platform tag (e.g. manylinux_2_17_"
                        + arch + ")");
            }
            if (!t.archs().contains(arch)) {
                throw new WheelwrightException("--plat " + options.plat() + ": the wheel's binaries are " + arch);
            }
            policyName = policyFor(policies, t.version());
            if (policyName == null) {
                throw new WheelwrightException("--plat " + options.plat() + ": older than every manylinux policy");
            }
        } else {
            String glibc = "2.5";
            for (ElfSlice s : elfMembers.values()) {
                if (s.glibcMax() != null && PlatformTag.compareVersions(s.glibcMax(), glibc) > 0) {
                    glibc = s.glibcMax();
                }
            }
            policyName = null;
            for (ManylinuxPolicies.Policy p : policies.policies()) {
                if (p.archs().contains(arch) && PlatformTag.compareVersions(p.glibc(), glibc) >= 0) {
                    policyName = p.name();
                    break;
                }
            }
            if (policyName == null) {
                policyName = policies.policies().get(policies.policies().size() - 1).name();
            }
        }
        Set<String> allowed = policies.allowedLibraries(policyName, arch);
        List<String> files = new ArrayList<>();
        for (String n : members.keySet()) {
            files.add(n);
        }
        ElfLibrarySearch search = new ElfLibrarySearch(options.libDirs(), options.ldLibraryPath(), options.sysroot());

        Map<String, Bundled> bundled = new LinkedHashMap<>();
        Map<String, ElfSlice> bundledElf = new LinkedHashMap<>();
        Map<String, Set<String>> neededBy = new LinkedHashMap<>();
        Map<String, Set<String>> externalOf = new LinkedHashMap<>(); // needer label -> bundled names it needs
        List<String> notes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Deque<Needer> work = new ArrayDeque<>();
        for (var e : elfMembers.entrySet()) {
            ElfSlice s = e.getValue();
            work.add(new Needer(e.getKey(), s, e.getKey(), new ElfLibrarySearch.Loader(null, s.rpath(), s.runpath()), List.of()));
        }
        Set<String> noted = new LinkedHashSet<>();
        Set<String> excludedSeen = new LinkedHashSet<>();
        while (!work.isEmpty()) {
            Needer n = work.poll();
            for (String lib : n.elf().needed()) {
                if (allowed.contains(lib)) {
                    continue;
                }
                if (excludes.stream().anyMatch(m -> m.matches(Path.of(lib.replace('/', '_'))))) {
                    if (noted.add("exclude " + lib)) {
                        notes.add(lib + " left out (--exclude)");
                        excludedSeen.add(lib);
                    }
                    continue;
                }
                if (LIBPYTHON.matcher(lib).matches()) {
                    if (noted.add("libpython " + lib)) {
                        notes.add(n.label() + " links " + lib + ": not bundled (an extension module must not link libpython)");
                    }
                    continue;
                }
                if (n.member() != null) {
                    if (inWheel(files, n.member(), n.elf(), lib) || ElfLibraryFolders.bundles(files, lib)) {
                        continue;
                    }
                    var foreign = ElfLibraryFolders.foreign(files, n.member(), n.elf(), lib);
                    if (foreign.isPresent()) {
                        if (noted.add("foreign " + lib)) {
                            notes.add(n.label() + ": " + lib + " is expected from " + foreign.get().folder()
                                    + "/ (another distribution): not bundled");
                        }
                        continue;
                    }
                }
                externalOf.computeIfAbsent(n.label(), k -> new LinkedHashSet<>()).add(lib);
                neededBy.computeIfAbsent(lib, k -> new LinkedHashSet<>()).add(n.label());
                if (bundled.containsKey(lib) || missing.stream().anyMatch(m -> m.startsWith(lib + " "))) {
                    continue;
                }
                Optional<ElfLibrarySearch.Found> found = search.find(lib, n.elf(), n.loader(), n.chain());
                if (found.isEmpty()) {
                    missing.add(lib + " (needed by " + n.label() + ")");
                    continue;
                }
                Path src = found.get().path();
                Path real;
                byte[] bytes;
                try {
                    real = src.toRealPath();
                    bytes = Files.readAllBytes(real);
                } catch (IOException ex) {
                    throw new WheelwrightException(src + ": cannot read " + lib + " (needed by " + n.label() + "): " + ex.getMessage());
                }
                ElfSlice libElf = search.elf(real).orElseThrow(() -> new WheelwrightException(src + ": not a readable ELF file"));
                bundled.put(lib, new Bundled(lib, src, found.get().how(), null, sha256Hex(bytes), List.of()));
                bundledElf.put(lib, libElf);
                List<ElfSlice.VersionNeed> none = List.of();
                List<ElfLibrarySearch.Loader> chain = new ArrayList<>();
                chain.add(n.loader());
                chain.addAll(n.chain());
                work.add(new Needer(lib, libElf, null,
                        new ElfLibrarySearch.Loader(real.getParent(), libElf.rpath(), libElf.runpath()), chain));
            }
        }
        if (!missing.isEmpty()) {
            throw new WheelwrightException(wheel + ": cannot find " + String.join(", ", missing) + "; searched "
                    + search.describe() + " (add --lib-dir DIR, or --exclude NAME to leave it out)");
        }

        // names and places in the wheel
        String libsDir = parsed.distribution() + ".libs";
        Map<String, String> newNames = new LinkedHashMap<>();
        Map<String, byte[]> sources = new LinkedHashMap<>();
        for (Bundled b : bundled.values()) {
            String srcName = b.source().getFileName().toString();
            String shortHash = b.sha256().substring(0, 8);
            int dot = srcName.indexOf('.');
            String base = dot < 0 ? srcName : srcName.substring(0, dot);
            String ext = dot < 0 ? "" : srcName.substring(dot);
            String newName = base.endsWith("-" + shortHash) ? srcName : base + "-" + shortHash + ext;
            String member = libsDir + "/" + newName;
            if (members.containsKey(member)) {
                throw new WheelwrightException(wheel + ": already has a member " + member + ": repaired already?");
            }
            newNames.put(b.name(), newName);
            try {
                sources.put(b.name(), Files.readAllBytes(b.source().toRealPath()));
            } catch (IOException ex) {
                throw new WheelwrightException(b.source() + ": cannot read: " + ex.getMessage());
            }
        }
        List<Bundled> finalBundled = new ArrayList<>();
        for (Bundled b : bundled.values()) {
            finalBundled.add(new Bundled(b.name(), b.source(), b.how(), libsDir + "/" + newNames.get(b.name()), b.sha256(),
                    List.copyOf(neededBy.getOrDefault(b.name(), Set.of()))));
        }

        // rewrite
        Map<String, WheelMembers.Member> out = new TreeMap<>(members);
        out.remove(distInfo + "/RECORD");
        out.remove(distInfo + "/RECORD.jws");
        out.remove(distInfo + "/RECORD.p7s");
        Map<String, String> patched = new TreeMap<>();
        for (var e : elfMembers.entrySet()) {
            Set<String> ext = externalOf.getOrDefault(e.getKey(), Set.of());
            Map<String, String> repl = new LinkedHashMap<>();
            for (String lib : ext) {
                repl.put(lib, newNames.get(lib));
            }
            if (repl.isEmpty()) {
                continue;
            }
            String installed = ElfLibraryFolders.installedPath(e.getKey());
            if (installed == null) {
                throw new WheelwrightException(wheel + ": " + e.getKey() + " is installed outside site-packages (a script or data file):"
                        + " repair cannot point it at " + libsDir + "/");
            }
            String dir = installed.contains("/") ? installed.substring(0, installed.lastIndexOf('/')) : "";
            String rel = relative(dir, libsDir);
            List<String> runpath = new ArrayList<>();
            String old = e.getValue().runpath() != null && !e.getValue().runpath().isBlank() ? e.getValue().runpath() : e.getValue().rpath();
            if (old != null) {
                for (String entry : old.split(":")) {
                    if (withinWheel(dir, entry) && !runpath.contains(entry)) {
                        runpath.add(entry);
                    }
                }
            }
            String mine = "$ORIGIN/" + rel;
            if (!runpath.contains(mine)) {
                runpath.add(mine);
            }
            String rp = String.join(":", runpath);
            byte[] bytes = patch(wheel, e.getKey(), members.get(e.getKey()).data(), new ElfPatcher.Edit(repl, null, rp));
            out.put(e.getKey(), new WheelMembers.Member(bytes, members.get(e.getKey()).mode()));
            patched.put(e.getKey(), describe(repl, null, rp));
        }
        for (Bundled b : finalBundled) {
            Set<String> ext = externalOf.getOrDefault(b.name(), Set.of());
            Map<String, String> repl = new LinkedHashMap<>();
            for (String lib : ext) {
                repl.put(lib, newNames.get(lib));
            }
            String newName = newNames.get(b.name());
            ElfSlice e = bundledElf.get(b.name());
            boolean hadPath = (e.rpath() != null && !e.rpath().isBlank()) || (e.runpath() != null && !e.runpath().isBlank());
            String rp = repl.isEmpty() ? (hadPath ? "" : null) : "$ORIGIN";
            byte[] bytes = patch(wheel, b.source().toString(), sources.get(b.name()), new ElfPatcher.Edit(repl, newName, rp));
            out.put(b.member(), new WheelMembers.Member(bytes, 0755));
        }

        // the tag the repaired binaries meet
        List<BinaryInfo> binaries = rewrittenBinaries(out, elfMembers.keySet(), libsDir);
        List<String> current = platforms(parsed);
        // excluded libraries are the user's promise that the target system has them: judged as present
        Set<String> present = new LinkedHashSet<>(out.keySet());
        present.addAll(excludedSeen);
        List<String> computed = WheelRetagger.supportedPlatforms(binaries, present, current);
        String meets = computed.stream().filter(t -> t.startsWith("manylinux_")).findFirst().orElse(null);
        String glibcNeeded = null;
        for (BinaryInfo b : binaries) {
            String g = ((ElfSlice) b.slices().get(0)).glibcMax();
            if (g != null && (glibcNeeded == null || PlatformTag.compareVersions(g, glibcNeeded) > 0)) {
                glibcNeeded = g;
            }
        }
        if (meets == null) {
            List<String> why = new ArrayList<>();
            for (BinaryInfo b : binaries) {
                ElfSlice s = (ElfSlice) b.slices().get(0);
                List<String> system = s.needed().stream()
                        .filter(l -> !ElfLibraryFolders.bundles(present, l) && !allowed.contains(l)).toList();
                if (!system.isEmpty()) {
                    why.add(b.path() + " needs " + String.join(", ", system));
                }
            }
            throw new WheelwrightException(wheel + ": the repaired binaries meet no manylinux policy"
                    + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")"));
        }
        List<String> tags;
        if (options.plat() != null) {
            PlatformTag asked = PlatformTag.parse(options.plat());
            if (glibcNeeded != null && PlatformTag.compareVersions(asked.version(), glibcNeeded) < 0) {
                throw new WheelwrightException("--plat " + options.plat() + ": the repaired binaries need glibc " + glibcNeeded
                        + " (GLIBC_" + glibcNeeded + " symbol versions), newer than its " + asked.version());
            }
            tags = manylinuxTags(asked.version(), arch);
        } else {
            tags = computed;
        }
        return finish(wheel, parsed, members, out, distInfo, tags, finalBundled, patched, notes, excludedSeen);
    }

    /**
     * The last step of every format's plan: the file name and WHEEL carry {@code tags}, an SBOM
     * names what was bundled, and {@code out} becomes the entries to write.
     */
    static Plan finish(Path wheel, WheelFilename parsed, Map<String, WheelMembers.Member> members,
            Map<String, WheelMembers.Member> out, String distInfo, List<String> tags, List<Bundled> finalBundled,
            Map<String, String> patched, List<String> notes, Set<String> excludedSeen) {
        String newFile = parsed.filename().replaceAll("-[^-]+\\.whl$", "-" + String.join(".", tags) + ".whl");
        String wheelText = new String(members.get(distInfo + "/WHEEL").data(), StandardCharsets.UTF_8);
        out.put(distInfo + "/WHEEL", new WheelMembers.Member(rewriteTags(wheelText, parsed.tags(), tags).getBytes(StandardCharsets.UTF_8), 0));
        if (!finalBundled.isEmpty()) {
            Map<String, byte[]> bundledBytes = new LinkedHashMap<>();
            for (Bundled b : finalBundled) {
                bundledBytes.put(b.member(), out.get(b.member()).data());
            }
            out.put(distInfo + "/sboms/wheelwright.cdx.json", new WheelMembers.Member(
                    Sbom.cycloneDx(parsed, newFile, finalBundled, bundledBytes), 0));
        }
        List<WheelWriter.Entry> entries = new ArrayList<>();
        for (var e : out.entrySet()) {
            entries.add(new WheelWriter.Entry(e.getKey(), e.getValue().data(), e.getValue().mode()));
        }
        return new Plan(wheel, newFile, tags, finalBundled, patched, notes, entries, distInfo, List.copyOf(excludedSeen));
    }

    /** zip's DOS date range: 1980-01-01T00:00:00Z to 2107-12-31T23:59:58Z (two-second steps). */
    static final long DOS_MIN = 315532800L;
    static final long DOS_MAX = 4354819198L;

    /**
     * The members' timestamp: the fixed one of {@link WheelWriter}, or SOURCE_DATE_EPOCH when set.
     *
     * @param millis  what to stamp, null for the fixed default
     * @param note    what was changed about the value asked for (clamped into zip's range), else null
     */
    public record Timestamp(Long millis, String note) {}

    /**
     * SOURCE_DATE_EPOCH as the reproducible-builds specification defines it (a decimal count of
     * seconds since 1970-01-01T00:00:00Z; a malformed value is an error, not ignored), clamped into
     * the range zip's DOS fields hold, as delvewheel clamps it. Null or empty: the fixed default.
     */
    public static Timestamp timestamp(String sourceDateEpoch) {
        if (sourceDateEpoch == null || sourceDateEpoch.isEmpty()) {
            return new Timestamp(null, null);
        }
        long s;
        try {
            if (!sourceDateEpoch.matches("[0-9]+")) {
                throw new NumberFormatException();
            }
            s = Long.parseLong(sourceDateEpoch);
        } catch (NumberFormatException e) {
            throw new WheelwrightException("SOURCE_DATE_EPOCH '" + sourceDateEpoch
                    + "': not a whole number of seconds since 1970-01-01T00:00:00Z");
        }
        String note = null;
        if (s < DOS_MIN) {
            note = "SOURCE_DATE_EPOCH " + s + " is before 1980, the first date a zip member can carry: clamped to " + DOS_MIN
                    + " (1980-01-01T00:00:00Z)";
            s = DOS_MIN;
        } else if (s > DOS_MAX) {
            note = "SOURCE_DATE_EPOCH " + s + " is after 2107, the last date a zip member can carry: clamped to " + DOS_MAX
                    + " (2107-12-31T23:59:58Z)";
            s = DOS_MAX;
        }
        return new Timestamp(WheelWriter.dosWallClock(s), note);
    }

    /** Writes the plan's wheel into {@code outDir} (created if missing), atomically; returns its path. */
    public static Path write(Plan plan, Path outDir) {
        return write(plan, outDir, new Timestamp(null, null));
    }

    /** As {@link #write(Plan, Path)}, every member stamped {@code time}. */
    public static Path write(Plan plan, Path outDir, Timestamp time) {
        Path target = outDir.resolve(plan.filename());
        try {
            if (Files.exists(target) && Files.isSameFile(target, plan.wheel())) {
                throw new WheelwrightException(target + ": the output would replace the input wheel; choose another -o folder");
            }
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new WheelwrightException(outDir + ": cannot create the output folder: " + e.getMessage());
        }
        if (time.millis() == null) {
            WheelWriter.write(target, plan.entries(), plan.distInfo());
        } else {
            WheelWriter.write(target, plan.entries(), plan.distInfo(), time.millis());
        }
        return target;
    }

    private static byte[] patch(Path wheel, String what, byte[] data, ElfPatcher.Edit edit) {
        try {
            byte[] out = ElfPatcher.patch(what, data, edit);
            dev.wheelwright.binary.elf.ElfReader.read(what, out); // what was written must read back
            return out;
        } catch (BinaryFormatException e) {
            throw new WheelwrightException(wheel + ": cannot rewrite " + e.getMessage());
        }
    }

    private static String describe(Map<String, String> repl, String soname, String runpath) {
        List<String> parts = new ArrayList<>();
        repl.forEach((a, b) -> parts.add("DT_NEEDED " + a + " -> " + b));
        if (soname != null) {
            parts.add("DT_SONAME " + soname);
        }
        if (runpath != null) {
            parts.add(runpath.isEmpty() ? "DT_RUNPATH removed" : "DT_RUNPATH " + runpath);
        }
        return String.join(", ", parts);
    }

    /** Whether a member's $ORIGIN RPATH/RUNPATH entries lead to a file named {@code lib} in the wheel. */
    private static boolean inWheel(List<String> files, String member, ElfSlice e, String lib) {
        String installed = ElfLibraryFolders.installedPath(member);
        if (installed == null) {
            return false;
        }
        String dir = installed.contains("/") ? installed.substring(0, installed.lastIndexOf('/')) : "";
        String path = e.runpath() != null && !e.runpath().isBlank() ? e.runpath() : e.rpath();
        Set<String> installedFiles = new LinkedHashSet<>();
        for (String f : files) {
            String p = ElfLibraryFolders.installedPath(f);
            if (p != null) {
                installedFiles.add(p);
            }
        }
        List<String> dirs = new ArrayList<>();
        if (path != null) {
            for (String entry : path.split(":")) {
                String rest = entry.startsWith("$ORIGIN") ? entry.substring(7) : entry.startsWith("${ORIGIN}") ? entry.substring(9) : null;
                if (rest != null) {
                    String folder = MemberNames.resolve(dir, rest);
                    if (folder != null) {
                        dirs.add(folder);
                    }
                }
            }
        }
        for (String d : dirs) {
            if (installedFiles.contains(d.isEmpty() ? lib : d + "/" + lib)) {
                return true;
            }
        }
        return false;
    }

    /** An RPATH entry kept by repair: $ORIGIN-relative and inside the installed tree (auditwheel keeps those). */
    private static boolean withinWheel(String dir, String entry) {
        String rest = entry.startsWith("$ORIGIN") ? entry.substring(7) : entry.startsWith("${ORIGIN}") ? entry.substring(9) : null;
        return rest != null && (rest.isEmpty() || rest.startsWith("/")) && MemberNames.resolve(dir, rest) != null;
    }

    /** The relative path from folder {@code from} to folder {@code to}, both relative to site-packages. */
    public static String relative(String from, String to) {
        List<String> a = from.isEmpty() ? List.of() : List.of(from.split("/"));
        List<String> b = to.isEmpty() ? List.of() : List.of(to.split("/"));
        int common = 0;
        while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) {
            common++;
        }
        List<String> parts = new ArrayList<>();
        for (int i = common; i < a.size(); i++) {
            parts.add("..");
        }
        parts.addAll(b.subList(common, b.size()));
        return parts.isEmpty() ? "." : String.join("/", parts);
    }

    /** The newest policy of the table whose glibc is not above {@code glibc}. */
    private static String policyFor(ManylinuxPolicies policies, String glibc) {
        String best = null;
        for (ManylinuxPolicies.Policy p : policies.policies()) {
            if (PlatformTag.compareVersions(p.glibc(), glibc) <= 0) {
                best = p.name();
            }
        }
        return best;
    }

    /** PEP 600 tag for a glibc, with its legacy alias (PEP 513/571/599) where there is one. */
    private static List<String> manylinuxTags(String glibc, String arch) {
        String v = glibc.replace('.', '_');
        List<String> tags = new ArrayList<>();
        tags.add("manylinux_" + v + "_" + arch);
        String alias = switch (v) {
            case "2_5" -> "manylinux1_";
            case "2_12" -> "manylinux2010_";
            case "2_17" -> "manylinux2014_";
            default -> null;
        };
        if (alias != null) {
            tags.add(alias + arch);
        }
        return tags;
    }

    /** The wheel's binaries as repaired: its own (by member name) and those bundled into {@code libsDir}, read again. */
    static List<BinaryInfo> rewrittenBinaries(Map<String, WheelMembers.Member> out, Set<String> own, String libsDir) {
        List<BinaryInfo> binaries = new ArrayList<>();
        for (var e : out.entrySet()) {
            if (own.contains(e.getKey()) || e.getKey().startsWith(libsDir + "/")) {
                binaries.add(BinaryReader.read(e.getKey(), e.getValue().data()));
            }
        }
        return binaries;
    }

    /** The platform tags the wheel's file name claims, once each, in order. */
    static List<String> platforms(WheelFilename parsed) {
        return new ArrayList<>(new LinkedHashSet<>(parsed.tags().stream().map(Tag::platform).toList()));
    }

    /** WHEEL text with Tag lines for every interpreter-abi pair on each platform. */
    public static String rewriteTags(String wheelText, Set<Tag> tags, List<String> platforms) {
        Set<String> pairs = new LinkedHashSet<>();
        for (Tag t : tags) {
            pairs.add(t.interpreter() + "-" + t.abi());
        }
        StringBuilder lines = new StringBuilder();
        for (String p : pairs) {
            for (String plat : platforms) {
                lines.append("Tag: ").append(p).append('-').append(plat).append('\n');
            }
        }
        StringBuilder sb = new StringBuilder();
        boolean written = false;
        for (String line : wheelText.split("\r?\n", -1)) {
            if (line.regionMatches(true, 0, "Tag:", 0, 4)) {
                if (!written) {
                    sb.append(lines);
                    written = true;
                }
            } else if (!line.isEmpty()) {
                sb.append(line).append('\n');
            }
        }
        if (!written) {
            sb.append(lines);
        }
        return sb.append('\n').toString();
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
