package dev.wheelwright.index;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.spec.Requirement;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pip requirements file, read as pip reads it (pip documentation, "Requirements File Format"):
 * a line ending in a backslash continues on the next one; {@code #} at the start of a line or
 * after whitespace starts a comment; {@code ${VAR}} is replaced by the environment variable;
 * {@code -r}/{@code --requirement} includes another file (relative to the including file's
 * folder); {@code -i}/{@code --index-url}, {@code --extra-index-url}, {@code --no-index} and
 * {@code -f}/{@code --find-links} say where to look; a requirement line may carry per-requirement
 * options ({@code --hash=sha256:...}). Nothing is installed or run.
 *
 * <p>What {@code deps} cannot honour is kept as a note (a constraints file, an editable or a local
 * path requirement); an unknown option or an invalid requirement is an error naming
 * the file and line, as pip's "(from line N of FILE)".
 */
public final class RequirementsFile {
    /** Includes nest at most this deep; pip has no limit, but no project nests 100 files. */
    static final int MAX_DEPTH = 100;
    /** pip expands only the POSIX {@code ${NAME}} form, with upper-case letters, digits and underscores. */
    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    /** Options pip accepts on a requirement line after the requirement. */
    private static final Set<String> PER_REQUIREMENT = Set.of("--hash", "--config-settings", "--global-option",
            "--install-option");
    /** Global options that change nothing {@code deps} reports. */
    private static final Set<String> IGNORED = Set.of("--no-binary", "--only-binary", "--prefer-binary",
            "--require-hashes", "--trusted-host", "--use-feature");
    /** Options whose value is the next word when not joined with '='. */
    private static final Set<String> TAKES_VALUE = Set.of("-r", "--requirement", "-c", "--constraint", "-i", "--index-url",
            "--extra-index-url", "-f", "--find-links", "-e", "--editable", "--no-binary", "--only-binary",
            "--trusted-host", "--use-feature", "--hash", "--config-settings", "--global-option", "--install-option");

    /** A requirement and where it was written. */
    public record Entry(String requirement, Path file, int line) {
        public String where() {
            return file + ":" + line;
        }
    }

    /**
     * What the file (and the files it includes) says.
     *
     * @param indexUrl       the last {@code --index-url}, or null
     * @param noIndex        {@code --no-index} was given
     * @param extraIndexUrls {@code --extra-index-url} values in order
     * @param findLinks      {@code --find-links} values (paths made relative to the file when they exist there)
     * @param pre            {@code --pre}: pre-releases are candidates for every requirement, as pip's option
     * @param notes          what was read but cannot be honoured, one line each, naming file and line
     */
    public record Contents(List<Entry> requirements, String indexUrl, boolean noIndex, List<String> extraIndexUrls,
            List<String> findLinks, boolean pre, List<String> notes) {

        /**
         * pip's order: options in a requirements file act after the command line's, so an
         * {@code --index-url} there replaces every index so far, {@code --extra-index-url} adds one,
         * {@code --no-index} drops them all, {@code --find-links} adds a location.
         */
        public IndexSettings applyTo(IndexSettings base) {
            String index = base.indexUrl();
            List<String> extra = new ArrayList<>(base.extraIndexUrls());
            // No index at all before this file means --no-index was given: pip then ignores index lines.
            boolean off = noIndex || index == null && extra.isEmpty();
            if (off) {
                index = null;
                extra.clear();
            } else {
                if (indexUrl != null) {
                    index = indexUrl;
                    extra.clear();
                }
                extra.addAll(extraIndexUrls);
            }
            List<String> links = new ArrayList<>(base.findLinks());
            findLinks.stream().filter(l -> !links.contains(l)).forEach(links::add);
            return new IndexSettings(index, extra, links, base.origin());
        }
    }

    private final List<Entry> requirements = new ArrayList<>();
    private final List<String> extraIndexUrls = new ArrayList<>();
    private final List<String> findLinks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<Path> reading = new LinkedHashSet<>();
    private final UnaryOperator<String> env;
    private String indexUrl;
    private boolean noIndex;
    private boolean pre;

    private RequirementsFile(UnaryOperator<String> env) {
        this.env = env;
    }

    /** Reads a requirements file and every file it includes, with the process environment for {@code ${VAR}}. */
    public static Contents read(Path file) {
        return read(file, System::getenv);
    }

    /**
     * Reads a requirements file with the given environment.
     *
     * @throws WheelwrightException naming the file (and line) when it cannot be read or holds an error
     */
    public static Contents read(Path file, Map<String, String> environment) {
        return read(file, environment::get);
    }

    private static Contents read(Path file, UnaryOperator<String> env) {
        RequirementsFile r = new RequirementsFile(env);
        r.include(file, null);
        return new Contents(List.copyOf(r.requirements), r.indexUrl, r.noIndex, List.copyOf(r.extraIndexUrls),
                List.copyOf(r.findLinks), r.pre, List.copyOf(r.notes));
    }

    private void include(Path file, String from) {
        String prefix = from == null ? "" : from + ": ";
        String shown = shorten(file.toString());
        if (Files.isDirectory(file)) {
            throw new WheelwrightException(prefix + shown + ": a folder, not a requirements file");
        }
        if (!Files.isRegularFile(file)) {
            throw new WheelwrightException(prefix + shown + ": no such file");
        }
        Path key;
        try {
            // the real path: through a folder link that loops (loop -> .), loop/r.txt is r.txt again
            key = file.toRealPath();
        } catch (IOException e) {
            throw new WheelwrightException(prefix + shown + ": cannot read (" + e.getMessage() + ")");
        }
        if (!reading.add(key)) {
            throw new WheelwrightException(prefix + shown + ": includes itself (-r loop)");
        }
        if (reading.size() > MAX_DEPTH) {
            throw new WheelwrightException(prefix + shown + ": -r includes nested more than " + MAX_DEPTH + " deep");
        }
        String text = decode(file);
        String[] lines = text.split("\r\n|\r|\n", -1);
        StringBuilder joined = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (joined.isEmpty()) {
                start = i + 1;
            }
            // pip joins continuation lines first; a comment line ends a continuation.
            boolean comment = commentAt(line) == 0;
            if (line.endsWith("\\") && !comment) {
                joined.append(line, 0, line.length() - 1);
                if (i < lines.length - 1) {
                    continue;
                }
            } else {
                // A comment line ends a continuation; the space keeps it a comment once joined.
                joined.append(comment && !joined.isEmpty() ? " " : "").append(line);
            }
            String logical = joined.toString();
            joined.setLength(0);
            int c = commentAt(logical);
            logical = c < 0 ? logical : logical.substring(0, c);
            logical = expand(logical).strip();
            if (!logical.isEmpty()) {
                line(file, start, logical);
            }
        }
        reading.remove(key);
    }

    private void line(Path file, int n, String text) {
        String where = file + ":" + n;
        List<String> words = List.of(text.split("\\s+"));
        if (text.startsWith("-")) {
            option(file, where, words);
            return;
        }
        // pip's break_args_options: the requirement is every word before the first option.
        int firstOption = 0;
        while (firstOption < words.size() && !words.get(firstOption).startsWith("-")) {
            firstOption++;
        }
        String req = String.join(" ", words.subList(0, firstOption));
        for (int i = firstOption; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("-")) {
                continue; // a value of the option before it
            }
            String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            if (!PER_REQUIREMENT.contains(name)) {
                throw new WheelwrightException(where + ": " + shorten(name) + " is not an option of a requirement line");
            }
        }
        try {
            Requirement.parse(req);
        } catch (WheelwrightException e) {
            if (req.contains("://") || req.contains("/") || req.contains("\\") || req.startsWith(".")
                    || req.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(whl|zip|tar\\.gz|tgz)")) {
                notes.add(where + ": '" + shorten(req) + "' is a path or URL, not looked up (use 'name @ URL' to name it)");
                return;
            }
            throw new WheelwrightException(where + ": invalid requirement '" + shorten(req) + "': " + e.getMessage());
        }
        requirements.add(new Entry(req, file, n));
    }

    private void option(Path file, String where, List<String> words) {
        String first = words.get(0);
        String name;
        String value;
        int used;
        if (first.startsWith("--") && first.contains("=")) {
            name = first.substring(0, first.indexOf('='));
            value = first.substring(first.indexOf('=') + 1);
            used = 1;
        } else if (!first.startsWith("--") && first.length() > 2) {
            name = first.substring(0, 2); // -rfile, -ihttps://... (optparse's joined short form)
            value = first.substring(2);
            used = 1;
        } else {
            name = first;
            value = TAKES_VALUE.contains(name) && words.size() > 1 ? words.get(1) : null;
            used = value == null ? 1 : 2;
        }
        if (TAKES_VALUE.contains(name) && (value == null || value.isEmpty())) {
            throw new WheelwrightException(where + ": " + name + " needs a value");
        }
        switch (name) {
            case "-r", "--requirement" -> {
                if (value.contains("://")) {
                    throw new WheelwrightException(where + ": " + shorten(value) + ": requirements files are read from disk only");
                }
                Path inc = path(where, name, value);
                include(inc.isAbsolute() ? inc : relative(file, value), where);
            }
            case "-c", "--constraint" -> notes.add(where + ": constraints file " + shorten(value)
                    + " is not applied (deps resolves requirements only)");
            case "-e", "--editable" -> notes.add(where + ": editable requirement " + shorten(value) + " is not looked up");
            case "-i", "--index-url" -> indexUrl = value;
            case "--extra-index-url" -> extraIndexUrls.add(value);
            case "--no-index" -> noIndex = true;
            case "-f", "--find-links" -> {
                // pip: a relative find-links path is taken relative to the requirements file when it exists there.
                String link = value;
                if (!value.contains("://") && !path(where, name, value).isAbsolute()) {
                    Path rel = relative(file, value);
                    if (Files.exists(rel)) {
                        link = rel.toString();
                    }
                }
                findLinks.add(link);
            }
            case "--pre" -> pre = true;
            default -> {
                if (!IGNORED.contains(name)) {
                    throw new WheelwrightException(where + ": unknown option " + shorten(name));
                }
            }
        }
        if (words.size() > used && !IGNORED.contains(name)) {
            throw new WheelwrightException(where + ": unexpected '" + shorten(String.join(" ", words.subList(used, words.size())))
                    + "' after " + name);
        }
    }

    /** A path written in the file; one that is no path at all (a NUL in it) is an error naming the line. */
    private static Path path(String where, String option, String value) {
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new WheelwrightException(where + ": " + option + " " + shorten(value.replace("\0", "\\0"))
                    + ": not a valid path (" + e.getReason() + ")");
        }
    }

    /**
     * pip's COMMENT_RE {@code (^|\s+)#.*$}: where the comment starts (with the whitespace before
     * it), or -1. Scanned by hand: the pattern retries its whitespace run from every position of
     * a long run that no "#" follows, which is quadratic.
     */
    static int commentAt(String line) {
        int run = 0; // start of the current whitespace run
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' && (i == 0 || run < i)) {
                return i == 0 ? 0 : run;
            }
            if (!(c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r')) {
                run = i + 1;
            }
        }
        return -1;
    }

    /** Input quoted in a message: long text is cut in the middle, so the message stays one short line. */
    static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 80) + "..." + s.substring(s.length() - 30) + " (" + s.length() + " characters)";
    }

    private static Path relative(Path file, String value) {
        Path dir = file.getParent();
        return dir == null ? Path.of(value) : dir.resolve(value);
    }

    private String expand(String s) {
        Matcher m = ENV_VAR.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            // pip leaves an unset variable as written.
            m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** UTF-8 (a BOM is dropped); anything else is one line naming the file and the byte offset. */
    private static String decode(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WheelwrightException(file + ": cannot read (" + e.getMessage() + ")");
        }
        int off = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, off, bytes.length - off);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw new WheelwrightException(file + ": not UTF-8 text (bad byte at offset " + in.position() + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
