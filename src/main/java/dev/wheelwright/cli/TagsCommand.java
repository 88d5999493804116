package dev.wheelwright.cli;

import dev.wheelwright.AtomicFiles;
import dev.wheelwright.WheelwrightException;
import dev.wheelwright.spec.PythonVersion;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.Tags;
import dev.wheelwright.spec.Platforms;
import dev.wheelwright.spec.WheelCompatibility;
import dev.wheelwright.spec.WheelFilename;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wheelwright tags}: the tags an interpreter accepts on a platform, best first (as
 * pypa/packaging's {@code sys_tags()} would give them there), or whether one wheel installs there.
 * Kept light: no Jackson, the JSON is written by hand.
 */
@Command(name = "tags", mixinStandardHelpOptions = true,
        description = "Print the compatible tags, most preferred first, of an interpreter on a platform; "
            + "with --wheel, say whether that wheel installs there, with which tag, or why not.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed the tags / the wheel installs", "1:the wheel does not install",
            "2:bad usage or input"})
public final class TagsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the output to FILE instead of stdout.")
    Path output;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces of errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No notes on stderr, only the result.")
    boolean quiet;

    @Option(names = "--no-color", description = "Accepted for symmetry with the other commands: tags never colours its output.")
    boolean noColor;

    @Option(names = "--python", required = true, paramLabel = "X.Y",
            description = "Python version of the target interpreter, e.g. 3.9 (3.13t: free-threaded).")
    String python;

    @Option(names = "--platform", required = true, paramLabel = "TAG",
            description = "Platform tag of the target machine, e.g. macosx_11_0_arm64, manylinux_2_17_x86_64, "
                    + "musllinux_1_2_aarch64, win_amd64, linux_x86_64.")
    String platform;

    @Option(names = "--impl", paramLabel = "IMPL", defaultValue = "cp",
            description = "Interpreter implementation: cp (CPython, default) or pp (PyPy).")
    String impl;

    @Option(names = "--wheel", paramLabel = "FILE",
            description = "A wheel file or just its file name: only the name is read.")
    String wheel;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new WheelwrightException("--format " + format + ": the tags command writes text or json");
        }
        PythonVersion py = PythonVersion.parse(python);
        String text;
        int code;
        if (wheel == null) {
            List<String> platforms = Platforms.compatible(platform);
            List<Tag> tags = Tags.forTarget(py, impl, platforms);
            if (!quiet) {
                note(platform, platforms);
            }
            text = format.equals("json") ? tagsJson(tags) : tagsText(tags);
            code = ExitCode.OK;
        } else {
            WheelFilename name = WheelFilename.parse(fileName(wheel));
            WheelCompatibility.Verdict v = WheelCompatibility.check(name, py, impl, platform);
            text = format.equals("json") ? verdictJson(v) : verdictText(v);
            code = v.installs() ? ExitCode.OK : ExitCode.FINDINGS;
        }
        emit(text);
        return code;
    }

    /** Says on stderr when the machine takes fewer platforms than its tag suggests. */
    private void note(String platform, List<String> platforms) {
        PrintWriter err = spec.commandLine().getErr();
        if (platforms.isEmpty()) {
            err.println("wheelwright: note: no platform tag is compatible with " + platform
                    + " (as in packaging); only platform-independent (any) wheels install there");
        } else if (Platforms.machine(platform) instanceof Platforms.Linux l && !l.tag().startsWith("linux_")) {
            err.println("wheelwright: note: there are no manylinux wheels for " + l.arch() + " (as in packaging);"
                    + " a glibc " + l.arch() + " machine takes " + platforms.get(0) + " wheels");
        }
        err.flush();
    }

    /** The file name part of a path or bare name (the file itself is never opened). */
    static String fileName(String wheelArg) {
        String s = wheelArg.replace('\\', '/');
        int slash = s.lastIndexOf('/');
        String name = slash < 0 ? s : s.substring(slash + 1);
        if (name.isEmpty()) {
            throw new WheelwrightException(wheelArg + ": not a wheel file name");
        }
        return name;
    }

    private void emit(String text) {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        AtomicFiles.writeString(output, text);
    }

    static String tagsText(List<Tag> tags) {
        StringBuilder b = new StringBuilder(tags.size() * 32);
        for (Tag t : tags) {
            b.append(t).append('\n');
        }
        return b.toString();
    }

    /** {@code tags --format json} (both shapes): schema 1. */
    static final int SCHEMA_VERSION = 1;
    /** The start of every tags JSON document: schemaVersion and tool, as in every command's JSON. */
    static final String JSON_HEAD = "{\"schemaVersion\": " + SCHEMA_VERSION + ", \"tool\": {\"name\": \"" + Version.NAME
            + "\", \"version\": \"" + Version.VERSION + "\"}, ";

    static String tagsJson(List<Tag> tags) {
        StringBuilder b = new StringBuilder(tags.size() * 34).append(JSON_HEAD).append("\"tags\": [");
        for (int i = 0; i < tags.size(); i++) {
            b.append(i == 0 ? "" : ", ");
            string(b, tags.get(i).toString());
        }
        return b.append("]}\n").toString();
    }

    static String verdictText(WheelCompatibility.Verdict v) {
        StringBuilder b = new StringBuilder();
        String where = v.interpreter() + " (" + v.platform() + ")";
        if (v.installs()) {
            WheelCompatibility.TagVerdict best = v.best().orElseThrow();
            b.append(v.wheel().filename()).append(" installs on ").append(where).append('\n');
            b.append("  matching tag: ").append(best.tag()).append(" (rank ").append(best.rank()).append(" of ")
                    .append(v.supportedTagCount()).append(" supported tags)\n");
            for (WheelCompatibility.TagVerdict t : v.tags()) {
                if (t != best) {
                    b.append("  ").append(t.supported() ? "also matches: " : "not: ").append(t.tag());
                    b.append(t.supported() ? " (rank " + t.rank() + ")" : ": " + String.join("; ", t.reasons()));
                    b.append('\n');
                }
            }
        } else {
            b.append(v.wheel().filename()).append(" does not install on ").append(where).append('\n');
            for (WheelCompatibility.TagVerdict t : v.tags()) {
                b.append("  ").append(t.tag()).append(": ").append(String.join("; ", t.reasons())).append('\n');
            }
        }
        return b.toString();
    }

    String verdictJson(WheelCompatibility.Verdict v) {
        StringBuilder b = new StringBuilder(JSON_HEAD).append("\"wheel\": ");
        string(b, v.wheel().filename());
        b.append(", \"python\": ");
        string(b, python.strip());
        b.append(", \"impl\": ");
        string(b, impl.strip().toLowerCase(java.util.Locale.ROOT));
        b.append(", \"platform\": ");
        string(b, v.platform());
        b.append(", \"installs\": ").append(v.installs());
        var best = v.best();
        b.append(", \"tag\": ");
        if (best.isPresent()) {
            string(b, best.get().tag().toString());
            b.append(", \"rank\": ").append(best.get().rank());
        } else {
            b.append("null, \"rank\": null");
        }
        b.append(", \"supportedTags\": ").append(v.supportedTagCount()).append(", \"tags\": [");
        for (int i = 0; i < v.tags().size(); i++) {
            WheelCompatibility.TagVerdict t = v.tags().get(i);
            b.append(i == 0 ? "" : ", ").append("{\"tag\": ");
            string(b, t.tag().toString());
            b.append(", \"installs\": ").append(t.supported()).append(", \"rank\": ")
                    .append(t.supported() ? Integer.toString(t.rank()) : "null").append(", \"reasons\": [");
            for (int j = 0; j < t.reasons().size(); j++) {
                b.append(j == 0 ? "" : ", ");
                string(b, t.reasons().get(j));
            }
            b.append("]}");
        }
        return b.append("]}\n").toString();
    }

    /** Appends a JSON string literal (RFC 8259 section 7: quote, backslash and control characters escaped). */
    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
