package dev.wheelwright.wheel;

import dev.wheelwright.binary.BinaryInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything read from one wheel, once: the archive's members, the {@code .dist-info} files
 * parsed, RECORD checked against the content, and every native binary read down to its slices.
 * Checks read this model and never the zip. Immutable.
 *
 * @param wheel          the wheel as the user named it (used in locations and messages)
 * @param filename       the file name alone, e.g. {@code demo-1.0-cp311-cp311-linux_x86_64.whl}
 * @param members        every central-directory entry in archive order (duplicates included)
 * @param distInfoDirs   every top-level {@code *.dist-info} folder found (one in a good wheel)
 * @param distInfo       the one used for WHEEL/METADATA/RECORD, null when there is none
 * @param wheelFile      the parsed {@code WHEEL} file, null when absent
 * @param metadata       the parsed {@code METADATA} file, null when absent
 * @param record         the rows of {@code RECORD}, null when RECORD is absent
 * @param recordIssues   disagreements between RECORD and the archive
 * @param entryPoints    {@code entry_points.txt}: group to (name to object reference), file order
 * @param binaries       native binaries (Mach-O, ELF, PE) with their slices
 * @param invalidBinaries members that look native (by magic or extension) but could not be read
 * @param jars           bundled Java archives and the newest class-file version inside each
 */
public record WheelFacts(String wheel, String filename, List<WheelMember> members, List<String> distInfoDirs,
                         String distInfo, HeaderFile wheelFile, HeaderFile metadata, List<RecordEntry> record,
                         List<RecordIssue> recordIssues, Map<String, Map<String, String>> entryPoints,
                         List<WheelBinary> binaries, List<InvalidBinary> invalidBinaries,
                         List<BundledJar> jars) {

    public WheelFacts {
        members = List.copyOf(members);
        distInfoDirs = List.copyOf(distInfoDirs);
        record = record == null ? null : List.copyOf(record);
        recordIssues = List.copyOf(recordIssues);
        Map<String, Map<String, String>> eps = new LinkedHashMap<>();
        entryPoints.forEach((k, v) -> eps.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        entryPoints = Collections.unmodifiableMap(eps);
        binaries = List.copyOf(binaries);
        invalidBinaries = List.copyOf(invalidBinaries);
        jars = List.copyOf(jars);
    }

    /** A native binary inside the wheel. */
    public record WheelBinary(String member, BinaryInfo info) {}

    /** A member that claims to be native (magic bytes or extension) but does not parse. */
    public record InvalidBinary(String member, String reason) {}

    /**
     * A Java archive inside the wheel.
     *
     * @param member       the jar's member name
     * @param classMajor   the highest class-file major version inside (52 = Java 8), 0 when none
     * @param newestClass  the class file that needs it, or null
     */
    public record BundledJar(String member, int classMajor, String newestClass) {
        /** The Java feature release the newest class needs (JVMS 4.1: major 52 = Java 8, 61 = Java 17); 0 without classes. */
        public int javaVersion() {
            return classMajor == 0 ? 0 : dev.wheelwright.binary.jvm.JarScanner.javaRelease(classMajor);
        }
    }

    /** The file members (no directory entries), first occurrence of each name, in archive order. */
    public List<WheelMember> files() {
        Map<String, WheelMember> seen = new LinkedHashMap<>();
        for (WheelMember m : members) {
            if (!m.directory()) {
                seen.putIfAbsent(m.name(), m);
            }
        }
        return List.copyOf(seen.values());
    }

    /** Names stored more than once in the archive, with their count, in first-seen order. */
    public Map<String, Integer> duplicateNames() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (WheelMember m : members) {
            counts.merge(m.name(), 1, Integer::sum);
        }
        counts.values().removeIf(c -> c < 2);
        return counts;
    }

    /**
     * Groups of distinct file names that are equal when case is ignored: they overwrite each
     * other when installed on a case-insensitive file system (macOS, Windows defaults).
     */
    public List<List<String>> caseCollisions() {
        Map<String, List<String>> byFolded = new TreeMap<>();
        for (WheelMember m : files()) {
            byFolded.computeIfAbsent(m.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(m.name());
        }
        return byFolded.values().stream().filter(l -> l.size() > 1).map(List::copyOf).toList();
    }

    /** The member with this name (first occurrence), if present. */
    public Optional<WheelMember> member(String name) {
        for (WheelMember m : members) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** {@code Root-Is-Purelib} from WHEEL: true/false, empty when absent or not a boolean. */
    public Optional<Boolean> rootIsPurelib() {
        if (wheelFile == null) {
            return Optional.empty();
        }
        return wheelFile.first("Root-Is-Purelib").flatMap(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        });
    }

    /** The {@code Tag} lines of WHEEL, in order. */
    public List<String> wheelTags() {
        return wheelFile == null ? List.of() : wheelFile.all("Tag");
    }

    /** The {@code .data} folder's name that belongs to this wheel ({@code name-version.data}), or null. */
    public String dataDir() {
        return distInfo == null ? null : distInfo.substring(0, distInfo.length() - ".dist-info".length()) + ".data";
    }

    /**
     * The install scheme a member goes to (binary distribution format: {@code .data/<scheme>/}):
     * purelib, platlib, scripts, headers, data, or "root" for members outside {@code .data}, or
     * "dist-info" for metadata.
     */
    public String scheme(String member) {
        String data = dataDir();
        if (data != null && member.startsWith(data + "/")) {
            String rest = member.substring(data.length() + 1);
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }
        if (distInfo != null && member.startsWith(distInfo + "/")) {
            return "dist-info";
        }
        return "root";
    }

    /** Member names that are unsafe to extract: absolute, with {@code ..}, backslashes or NUL. */
    public List<String> unsafeMemberNames() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (WheelMember m : members) {
            if (MemberNames.unsafeReason(m.name()) != null) {
                out.add(m.name());
            }
        }
        return List.copyOf(out);
    }
}
