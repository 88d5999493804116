package dev.wheelwright.report;

import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where SARIF results point, and their fingerprints. Paths the command reported (relative to the
 * folder it ran in, or absolute) become URIs relative to {@code %SRCROOT%} (the git root, else the
 * working folder) when they are inside it, so code scanning can place them on files of the
 * repository; others stay absolute {@code file:} URIs.
 *
 * <p>A fingerprint is the SHA-256 of the rule, the location without its line (a repository-relative
 * path; for a wheel its file name, member and arch) and the first evidence line with the parts that
 * change from run to run (temporary folders, timestamps, hex ids) blanked out: so a finding keeps its
 * identity when lines move, when the wheelhouse is another folder, or when pip builds in another
 * temporary folder.
 */
final class SarifLocations {
    static final String SRCROOT = "%SRCROOT%";

    private final Path root;
    private final Path work;

    SarifLocations(RunInfo run) {
        this.root = run == null || run.srcRoot() == null ? null : Path.of(run.srcRoot());
        this.work = run == null || run.workDir() == null ? null : Path.of(run.workDir());
    }

    /** Whether the report knows its run (source root and working folder), so it is for code scanning. */
    boolean active() {
        return root != null && work != null;
    }

    /** A URI and its base id (null: an absolute or plain relative URI). */
    record Uri(String uri, String baseId) {}

    Uri uri(String path) {
        if (root == null || work == null || path.startsWith("<")) {
            return new Uri(SarifRenderer.uri(path), null);
        }
        Path abs;
        try {
            abs = work.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return new Uri(SarifRenderer.uri(path), null);
        }
        if (abs.startsWith(root)) {
            String rel = root.relativize(abs).toString();
            return new Uri(SarifRenderer.uri(rel.isEmpty() ? "." : rel), SRCROOT);
        }
        return new Uri(abs.toUri().toString(), null);
    }

    /** The location as the fingerprint sees it: no line, paths from the source root, wheels by file name. */
    String normalised(Location l) {
        if (l instanceof Location.FileLine fl) {
            return "file:" + uri(fl.file()).uri();
        }
        if (l instanceof Location.WheelMember w) {
            String name = w.wheel().replace('\\', '/');
            name = name.substring(name.lastIndexOf('/') + 1);
            return "wheel:" + name + "!" + (w.member() == null ? "" : w.member()) + (w.arch() == null ? "" : "[" + w.arch() + "]");
        }
        return "path:" + uri(((Location.PathLocation) l).path()).uri();
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern TEMP = Pattern.compile("(/private)?/(tmp|var/folders)/[^\\s'\"]+|[A-Za-z]:\\\\[^\\s'\"]*\\\\Temp\\\\[^\\s'\"]+");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z?");
    private static final Pattern HEX = Pattern.compile("\\b(0x)?[0-9a-f]{8,}\\b");
    private static final Pattern LINE_COLUMN = Pattern.compile(":\\d+(:\\d+)?:");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /** An evidence line without what changes between two runs on the same input. */
    static String normalisedEvidence(String line) {
        String s = ANSI.matcher(line).replaceAll("");
        s = TEMP.matcher(s).replaceAll("<tmp>");
        s = TIME.matcher(s).replaceAll("<time>");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = LINE_COLUMN.matcher(s).replaceAll(":<n>:");
        return SPACE.matcher(s.strip()).replaceAll(" ");
    }

    /** The stable part of a finding's fingerprint (hex SHA-256). */
    String fingerprint(Finding f) {
        String evidence = f.evidence().isEmpty() ? "" : normalisedEvidence(f.evidence().get(0));
        return sha256(f.rule() + "\u0000" + normalised(f.location()) + "\u0000" + evidence);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
