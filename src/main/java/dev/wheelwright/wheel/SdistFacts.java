package dev.wheelwright.wheel;

import java.util.List;

/**
 * What audit knows of a source distribution ({@code .tar.gz}, PEP 625 and the packaging
 * "source distribution format" specification): its top-level folders, the PKG-INFO of the first
 * one, and whether that folder holds the build files.
 *
 * @param archive   the file as named on the command line
 * @param filename  its file name
 * @param topDirs   the top-level folders (a valid sdist has exactly one, {@code {name}-{version}})
 * @param topFiles  files at the top level itself (outside any folder)
 * @param pkgInfo   {@code <top>/PKG-INFO}, or null when absent
 * @param pyproject {@code <top>/pyproject.toml} is present
 * @param setupPy   {@code <top>/setup.py} is present
 * @param files     the files of the first top-level folder, as paths relative to it
 */
public record SdistFacts(String archive, String filename, List<String> topDirs, List<String> topFiles,
                         HeaderFile pkgInfo, boolean pyproject, boolean setupPy, List<String> files) {
    public SdistFacts {
        topDirs = List.copyOf(topDirs);
        topFiles = List.copyOf(topFiles);
        files = List.copyOf(files);
    }

    /** An sdist whose file list is not known. */
    public SdistFacts(String archive, String filename, List<String> topDirs, List<String> topFiles,
                      HeaderFile pkgInfo, boolean pyproject, boolean setupPy) {
        this(archive, filename, topDirs, topFiles, pkgInfo, pyproject, setupPy, List.of());
    }

    /** The folder the rules read: the first top-level folder, or "" when there is none. */
    public String top() {
        return topDirs.isEmpty() ? "" : topDirs.get(0);
    }
}
