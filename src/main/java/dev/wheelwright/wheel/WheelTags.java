package dev.wheelwright.wheel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tags of a wheel as its file name spells them (PEP 427: {@code name-ver[-build]-py-abi-plat.whl},
 * PEP 425 compressed tag sets joined by '.'), expanded into triples.
 */
public final class WheelTags {
    private WheelTags() {}

    /** A (python, abi, platform) triple. */
    public record Triple(String interpreter, String abi, String platform) {
        @Override
        public String toString() {
            return interpreter + "-" + abi + "-" + platform;
        }
    }

    /** The expanded tags of a wheel file name, empty when the name has too few parts. */
    public static List<Triple> fromFilename(String filename) {
        String base = filename.endsWith(".whl") ? filename.substring(0, filename.length() - 4) : filename;
        String[] parts = base.split("-");
        if (parts.length != 5 && parts.length != 6) {
            return List.of();
        }
        return expand(parts[parts.length - 3], parts[parts.length - 2], parts[parts.length - 1]);
    }

    /** Expands one WHEEL {@code Tag:} line (already a single triple, but tolerate compressed sets). */
    public static List<Triple> fromTagLine(String line) {
        String[] parts = line.strip().split("-");
        if (parts.length != 3) {
            return List.of();
        }
        return expand(parts[0], parts[1], parts[2]);
    }

    private static List<Triple> expand(String py, String abi, String plat) {
        List<Triple> out = new ArrayList<>();
        for (String p : py.split("\\.")) {
            for (String a : abi.split("\\.")) {
                for (String pl : plat.split("\\.")) {
                    out.add(new Triple(p, a, pl));
                }
            }
        }
        return out;
    }

    /** The distinct platform tags of a wheel file name, parsed, in order. */
    public static List<PlatformTag> platforms(String filename) {
        Set<String> seen = new LinkedHashSet<>();
        for (Triple t : fromFilename(filename)) {
            seen.add(t.platform());
        }
        return seen.stream().map(PlatformTag::parse).toList();
    }
}
