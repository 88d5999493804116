package dev.wheelwright.wheel;

import dev.wheelwright.binary.ElfSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where an ELF binary expects another distribution to have put a library: a {@code $ORIGIN}
 * entry of its RUNPATH (or RPATH, which the loader reads only without a RUNPATH; ld.so(8)) that
 * resolves, in the installed tree, to a folder this wheel ships no file in, while the library is
 * nowhere in the wheel. That is the layout of split wheels (PyQt5 reading {@code $ORIGIN/Qt5/lib}
 * that PyQt5-Qt5 fills; torch reading the {@code nvidia/.../lib} folders of the nvidia-* wheels).
 * A missing {@code <package>.libs} folder is auditwheel's own layout, not another distribution's:
 * that is an unrepaired or broken wheel.
 */
public final class ElfLibraryFolders {
    private ElfLibraryFolders() {}

    /** A RUNPATH/RPATH entry and the folder it names in the installed tree (relative to site-packages). */
    public record Folder(String entry, String folder, String tag) {}

    /** Whether a library (by its file name) is among the wheel's files, wherever it sits. */
    public static boolean bundles(Collection<String> files, String library) {
        String base = library.substring(library.lastIndexOf('/') + 1);
        return files.stream().anyMatch(f -> f.substring(f.lastIndexOf('/') + 1).equals(base));
    }

    /**
     * The folder of another distribution that {@code member} (an ELF file of the wheel whose file
     * members are {@code files}) expects {@code library} in; empty when the wheel bundles the
     * library or the binary does not look for it in such a folder.
     */
    public static Optional<Folder> foreign(Collection<String> files, String member, ElfSlice e, String library) {
        if (bundles(files, library) || library.contains("/")) {
            return Optional.empty();
        }
        List<Folder> all = foreignFolders(files, member, e);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Every {@code $ORIGIN} entry of the binary's RUNPATH (or RPATH) that names a folder of the
     * installed tree this wheel ships no file in, in search order.
     */
    public static List<Folder> foreignFolders(Collection<String> files, String member, ElfSlice e) {
        List<Folder> out = new ArrayList<>();
        String installed = installedPath(member);
        if (installed == null) {
            return out;
        }
        String dir = installed.contains("/") ? installed.substring(0, installed.lastIndexOf('/')) : "";
        boolean runpath = e.runpath() != null && !e.runpath().isBlank();
        String path = runpath ? e.runpath() : e.rpath();
        if (path == null || path.isBlank()) {
            return out;
        }
        for (String entry : path.split(":")) {
            String rest;
            if (entry.startsWith("$ORIGIN")) {
                rest = entry.substring("$ORIGIN".length());
            } else if (entry.startsWith("${ORIGIN}")) {
                rest = entry.substring("${ORIGIN}".length());
            } else {
                continue;
            }
            String folder = MemberNames.resolve(dir, rest);
            if (folder == null || folder.isEmpty()) {
                continue; // above site-packages, or site-packages itself: not a package's folder
            }
            if (!folder.contains("/") && folder.endsWith(".libs")) {
                continue; // auditwheel's <package>.libs
            }
            // libraries sit in the folder itself: files only in its subfolders (cmeel's prefix/lib/pythonX.Y/...) do not count
            String prefix = folder + "/";
            boolean shipped = files.stream().map(ElfLibraryFolders::installedPath)
                    .anyMatch(p -> p != null && p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0);
            if (!shipped && out.stream().noneMatch(f -> f.folder().equals(folder))) {
                out.add(new Folder(entry, folder, runpath ? "RUNPATH" : "RPATH"));
            }
        }
        return out;
    }

    /**
     * The folder among {@code candidates} a library would resolve through, told by name as the
     * split wheels lay them out ({@code libcublasLt.so.12} in {@code nvidia/cublas/lib},
     * {@code libcusparseLt.so.0} in {@code nvidia/cusparselt/lib}): the folder with the longest
     * path word that starts the library's name; empty when no folder or several equally do. One
     * candidate is the answer whatever its name.
     */
    public static Optional<Folder> attribute(String library, List<Folder> candidates) {
        if (candidates.size() == 1) {
            return Optional.of(candidates.get(0));
        }
        String stem = library.toLowerCase(java.util.Locale.ROOT);
        stem = stem.startsWith("lib") ? stem.substring(3) : stem;
        int so = stem.indexOf(".so");
        stem = so < 0 ? stem : stem.substring(0, so);
        Folder best = null;
        int bestScore = 0;
        boolean tie = false;
        for (Folder f : candidates) {
            int score = 0;
            for (String word : words(f.folder())) {
                if (word.length() >= 3 && stem.startsWith(word)) {
                    score = Math.max(score, word.length());
                }
            }
            if (score > bestScore) {
                best = f;
                bestScore = score;
                tie = false;
            } else if (score == bestScore && score > 0) {
                tie = true;
            }
        }
        return best == null || tie ? Optional.empty() : Optional.of(best);
    }

    /** The words of a folder path, lower case, without lib/lib64/bin: {@code nvidia/cuda_cupti/lib} → nvidia, cuda_cupti, cuda, cupti. */
    public static List<String> words(String folder) {
        List<String> out = new ArrayList<>();
        for (String part : folder.toLowerCase(java.util.Locale.ROOT).split("/")) {
            if (part.isEmpty() || part.equals("lib") || part.equals("lib64") || part.equals("bin")) {
                continue;
            }
            out.add(part);
            for (String w : part.split("[_.-]")) {
                if (!w.isEmpty() && !w.equals(part)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** A member's path under site-packages: {@code X.data/purelib|platlib/} removed; null for the other .data folders. */
    public static String installedPath(String member) {
        int slash = member.indexOf('/');
        if (slash > 0 && member.substring(0, slash).endsWith(".data")) {
            String rest = member.substring(slash + 1);
            for (String scheme : new String[] {"purelib/", "platlib/"}) {
                if (rest.startsWith(scheme)) {
                    return rest.substring(scheme.length());
                }
            }
            return null;
        }
        return member;
    }
}
