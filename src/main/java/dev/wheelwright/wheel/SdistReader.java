package dev.wheelwright.wheel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a {@code .tar.gz} source distribution as it streams: member names, the first top-level
 * folder's PKG-INFO (at most 1 MiB is kept), pyproject.toml and setup.py presence. Nothing is
 * extracted; the archive limits bound the member count and the bytes inflated.
 */
public final class SdistReader {
    private static final int MAX_PKG_INFO = 1 << 20;

    private final ArchiveLimits limits;

    public SdistReader(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** Whether a file name is an sdist audit reads. */
    public static boolean isSdist(String filename) {
        return filename.toLowerCase(java.util.Locale.ROOT).endsWith(".tar.gz");
    }

    public SdistFacts read(Path file, String display) {
        if (Files.isDirectory(file)) {
            throw new WheelException(display + ": is a directory, not a source distribution");
        }
        if (!Files.exists(file)) {
            throw new WheelException(display + ": no such file");
        }
        Set<String> tops = new LinkedHashSet<>();
        List<String> topFiles = new ArrayList<>();
        List<String[]> files = new ArrayList<>(); // {top, rest}
        byte[][] pkgInfo = new byte[1][];
        String[] pkgInfoTop = new String[1];
        long members = 0;
        long inflated = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (++members > limits.maxMembers()) {
                    throw new ArchiveLimitException(display + ": more than " + limits.maxMembers() + " members", "members");
                }
                inflated += Math.max(0, e.getSize());
                if (inflated > limits.maxTotalSize()) {
                    throw new ArchiveLimitException(display + ": members hold more than " + limits.maxTotalSize()
                            + " bytes uncompressed", "uncompressed size");
                }
                String name = e.getName();
                if (name.length() > limits.maxNameLength() * 4L) {
                    // tar names have no length of their own (GNU and PAX long names): the wheel's limit, in characters
                    throw new ArchiveLimitException(display + ": a member name is " + name.length()
                            + " characters long, more than the limit of " + limits.maxNameLength() * 4L, "name-length");
                }
                int dot = 0;
                while (name.startsWith("./", dot)) {
                    dot += 2; // one cut at the end: a name of 50,000 "./" is not 50,000 copies
                }
                name = name.substring(dot);
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                int slash = name.indexOf('/');
                if (slash < 0) {
                    if (e.isDirectory()) {
                        tops.add(name);
                    } else {
                        topFiles.add(name);
                    }
                    continue;
                }
                String top = name.substring(0, slash);
                tops.add(top);
                String rest = name.substring(slash + 1);
                if (e.isFile()) {
                    files.add(new String[] {top, rest});
                    if (rest.equals("PKG-INFO") && pkgInfo[0] == null) {
                        pkgInfo[0] = tar.readNBytes(MAX_PKG_INFO);
                        pkgInfoTop[0] = top;
                    }
                }
            }
        } catch (ArchiveLimitException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new WheelException(display + ": not a readable .tar.gz archive ("
                    + dev.wheelwright.InputExcerpt.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        List<String> topDirs = new ArrayList<>(tops);
        String first = topDirs.isEmpty() ? "" : topDirs.get(0);
        HeaderFile info = pkgInfo[0] != null && pkgInfoTop[0].equals(first)
                ? HeaderFile.parse(new String(pkgInfo[0], StandardCharsets.UTF_8)) : null;
        boolean pyproject = files.stream().anyMatch(f -> f[0].equals(first) && f[1].equals("pyproject.toml"));
        boolean setupPy = files.stream().anyMatch(f -> f[0].equals(first) && f[1].equals("setup.py"));
        Path name = file.getFileName();
        List<String> inFirst = files.stream().filter(f -> f[0].equals(first)).map(f -> f[1]).toList();
        return new SdistFacts(display, name == null ? display : name.toString(), topDirs, topFiles, info, pyproject, setupPy,
                inFirst);
    }
}
