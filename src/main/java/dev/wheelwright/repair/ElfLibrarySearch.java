package dev.wheelwright.repair;

import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.ElfSlice;
import dev.wheelwright.binary.elf.ElfReader;
import dev.wheelwright.binary.elf.LdSoCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a DT_NEEDED library on disk as glibc's ld.so(8) does, in its order:
 * <ol>
 *   <li>DT_RPATH of the needing object, then of the objects that loaded it, unless the needing
 *       object has a DT_RUNPATH (an object with DT_RUNPATH lends no RPATH to those it loads);</li>
 *   <li>the {@code --lib-dir} folders, then LD_LIBRARY_PATH;</li>
 *   <li>DT_RUNPATH of the needing object;</li>
 *   <li>the ldconfig cache, {@code <sysroot>/etc/ld.so.cache};</li>
 *   <li>the trusted folders: /lib and /usr/lib, their multiarch and lib64 variants, under the sysroot.</li>
 * </ol>
 * {@code $ORIGIN} (and {@code ${ORIGIN}}) is the folder of the needing object. A candidate of
 * another machine or ELF class is skipped, as ld.so skips it. Absolute RPATH/RUNPATH entries,
 * the cache and the trusted folders are read under the sysroot; --lib-dir and LD_LIBRARY_PATH
 * are taken as given.
 */
final class ElfLibrarySearch {
    private final List<Path> libDirs;
    private final List<Path> ldLibraryPath;
    private final Path sysroot;
    private List<LdSoCache.Entry> cache;
    private final Map<Path, Optional<ElfSlice>> elfs = new LinkedHashMap<>();

    ElfLibrarySearch(List<Path> libDirs, String ldLibraryPath, Path sysroot) {
        this.libDirs = List.copyOf(libDirs);
        List<Path> env = new ArrayList<>();
        if (ldLibraryPath != null) {
            for (String p : ldLibraryPath.split("[:;]")) {
                if (!p.isEmpty()) {
                    env.add(Path.of(p));
                }
            }
        }
        this.ldLibraryPath = env;
        this.sysroot = sysroot;
    }

    /** One RPATH/RUNPATH holder in the chain of loaders: its folder and its entries. */
    record Loader(Path origin, String rpath, String runpath) {
        boolean hasRunpath() {
            return runpath != null && !runpath.isBlank();
        }
    }

    /** Where a library was found, and through which step of the search. */
    record Found(Path path, String how) {}

    /**
     * The library {@code soname} needed by {@code needer} (an object whose folder on disk is
     * {@code needer.origin()}, null for a wheel member, whose {@code $ORIGIN} entries the caller
     * resolves inside the wheel), loaded by {@code chain} (nearest first).
     */
    Optional<Found> find(String soname, ElfSlice like, Loader needer, List<Loader> chain) {
        if (soname.contains("/")) {
            Path p = Path.of(soname);
            return matches(p, like) ? Optional.of(new Found(p, "a path in DT_NEEDED")) : Optional.empty();
        }
        if (!needer.hasRunpath()) {
            List<Loader> rpaths = new ArrayList<>();
            rpaths.add(needer);
            rpaths.addAll(chain);
            for (Loader l : rpaths) {
                if (l.hasRunpath() && l != needer) {
                    continue;
                }
                Optional<Found> f = inPath(l.rpath(), l.origin(), soname, like, "DT_RPATH");
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        for (Path d : libDirs) {
            Path p = d.resolve(soname);
            if (matches(p, like)) {
                return Optional.of(new Found(p, "--lib-dir " + d));
            }
        }
        for (Path d : ldLibraryPath) {
            Path p = d.resolve(soname);
            if (matches(p, like)) {
                return Optional.of(new Found(p, "LD_LIBRARY_PATH"));
            }
        }
        if (needer.hasRunpath()) {
            Optional<Found> f = inPath(needer.runpath(), needer.origin(), soname, like, "DT_RUNPATH");
            if (f.isPresent()) {
                return f;
            }
        }
        for (LdSoCache.Entry e : cache()) {
            if (e.name().equals(soname)) {
                Path p = underSysroot(e.path());
                if (matches(p, like)) {
                    return Optional.of(new Found(p, "ld.so.cache"));
                }
            }
        }
        for (String d : trustedFolders(like)) {
            Path p = underSysroot(d + "/" + soname);
            if (matches(p, like)) {
                return Optional.of(new Found(p, "default folder " + d));
            }
        }
        return Optional.empty();
    }

    /** Every folder searched, for the error that names them. */
    String describe() {
        return "--lib-dir " + libDirs + ", LD_LIBRARY_PATH " + ldLibraryPath + ", " + sysroot.resolve("etc/ld.so.cache")
                + ", the default folders under " + sysroot;
    }

    private Optional<Found> inPath(String path, Path origin, String soname, ElfSlice like, String how) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String entry : path.split(":")) {
            String dir;
            if (entry.startsWith("$ORIGIN") || entry.startsWith("${ORIGIN}")) {
                if (origin == null) {
                    continue; // a wheel member's $ORIGIN: the caller looks inside the wheel
                }
                String rest = entry.substring(entry.startsWith("$ORIGIN") ? 7 : 9);
                dir = origin + rest;
            } else if (entry.startsWith("/")) {
                dir = underSysroot(entry).toString();
            } else {
                continue; // a relative entry is relative to the working directory of the process: unknowable
            }
            if (dir.contains("$")) {
                continue; // $LIB, $PLATFORM: not expanded
            }
            Path p = Path.of(dir).resolve(soname).normalize();
            if (matches(p, like)) {
                return Optional.of(new Found(p, how + " " + entry));
            }
        }
        return Optional.empty();
    }

    private Path underSysroot(String absolute) {
        return sysroot.resolve(absolute.replaceFirst("^/+", ""));
    }

    private List<LdSoCache.Entry> cache() {
        if (cache == null) {
            Path f = sysroot.resolve("etc/ld.so.cache");
            try {
                cache = Files.isRegularFile(f) ? LdSoCache.parse(f.toString(), Files.readAllBytes(f)) : List.of();
            } catch (IOException | BinaryFormatException e) {
                cache = List.of(); // ld.so ignores an unreadable cache too
            }
        }
        return cache;
    }

    private static List<String> trustedFolders(ElfSlice like) {
        String triple = switch (like.arch()) {
            case "x86_64" -> "x86_64-linux-gnu";
            case "i686" -> "i386-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            case "armv7l" -> "arm-linux-gnueabihf";
            case "ppc64le" -> "powerpc64le-linux-gnu";
            case "s390x" -> "s390x-linux-gnu";
            case "riscv64" -> "riscv64-linux-gnu";
            default -> null;
        };
        List<String> out = new ArrayList<>();
        if (triple != null) {
            out.add("/lib/" + triple);
            out.add("/usr/lib/" + triple);
        }
        if (like.elfClass() == 64) {
            out.add("/lib64");
            out.add("/usr/lib64");
        }
        out.add("/lib");
        out.add("/usr/lib");
        return out;
    }

    /** Whether {@code p} is an ELF file of the same machine and class as {@code like}. */
    boolean matches(Path p, ElfSlice like) {
        Optional<ElfSlice> e = elfs.computeIfAbsent(p.toAbsolutePath().normalize(), ElfLibrarySearch::readElf);
        return e.isPresent() && e.get().machine() == like.machine() && e.get().elfClass() == like.elfClass();
    }

    /** The ELF facts of a file on disk (cached), empty when it is missing or not ELF. */
    Optional<ElfSlice> elf(Path p) {
        return elfs.computeIfAbsent(p.toAbsolutePath().normalize(), ElfLibrarySearch::readElf);
    }

    private static Optional<ElfSlice> readElf(Path p) {
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            byte[] data = Files.readAllBytes(p);
            if (!ElfReader.isElf(data)) {
                return Optional.empty();
            }
            return Optional.of((ElfSlice) ElfReader.read(p.toString(), data).slices().get(0));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
