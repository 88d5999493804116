package dev.wheelwright.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.AtomicFiles;
import dev.wheelwright.WheelwrightException;
import dev.wheelwright.binary.BinaryFacts;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectReader;
import dev.wheelwright.shell.ShellSession;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inspect PATH...}: facts about binaries (and, through {@link #inspectOne}, other inputs),
 * no judgement. The kind of each input is decided by its magic bytes, never its name.
 */
@Command(modelTransformer = CommonOptions.Facts.class, name = "inspect", mixinStandardHelpOptions = true,
        description = "Show facts about wheels, native binaries (Mach-O, ELF, PE; fat or thin) and project folders, without judging them.")
public final class InspectCommand implements Callable<Integer>, ShellSession.Aware {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Wheels and binaries (each recognised by its content, not its name) and project folders"
                    + " (a folder without project files stands for its *.whl files); in the shell, none: the last build's wheels.")
    List<Path> paths = new ArrayList<>();

    private ShellSession session;

    @Override
    public void attach(ShellSession s) {
        this.session = s;
    }

    /**
     * The files a command was given; with none, in the shell, the wheels of the last build. With
     * none and no build to fall back on, the usage error picocli gives for a missing parameter.
     */
    static List<Path> orLastBuild(CommandSpec spec, List<Path> given, ShellSession session, String label) {
        if (!given.isEmpty()) {
            return given;
        }
        if (session != null && !session.lastWheels().isEmpty()) {
            return session.lastWheels();
        }
        throw new ParameterException(spec.commandLine(), "Missing required parameter: '" + label + "'"
                + (session != null ? " (no wheels from a build in this shell yet)" : ""));
    }

    /** Everything inspected, in the order of the JSON document. */
    static final class Inspection {
        final List<Map<String, Object>> wheels = new ArrayList<>();
        final List<String> wheelText = new ArrayList<>();
        final List<BinaryInfo> binaries = new ArrayList<>();
        final List<ProjectFacts> projects = new ArrayList<>();
    }

    @Override
    public Integer call() throws IOException {
        String format = common.format;
        // text, JSON, or a page of the same facts in the style of the findings pages
        if (!List.of("text", "json", "html").contains(format)) {
            throw new dev.wheelwright.WheelwrightException("--format " + format + ": 'inspect' writes text, json or html");
        }
        if (common.output != null) {
            dev.wheelwright.AtomicFiles.checkTarget(common.output);
        }
        Inspection result = new Inspection();
        // Read everything first: a bad input stops the run before anything is printed.
        for (Path p : orLastBuild(spec, paths, session, "PATH")) {
            inspectOne(p, result);
        }
        String rendered = format.equals("json") ? json(result) : format.equals("html") ? html(result) : text(result);
        if (common.output != null) {
            AtomicFiles.writeString(common.output, rendered);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(rendered);
            out.flush();
        }
        return ExitCode.OK;
    }

    /**
     * Reads one input into the result. The dispatch is by content: a directory (project folder),
     * a zip archive (a wheel), or a native binary recognised by its magic bytes.
     */
    void inspectOne(Path path, Inspection into) throws IOException {
        if (Files.isDirectory(path)) {
            inspectFolder(path, into);
            return;
        }
        byte[] head;
        try {
            head = BinaryReader.head(path);
        } catch (NoSuchFileException e) {
            throw new WheelwrightException(path + ": no such file or directory");
        }
        if (isZip(head)) {
            inspectZip(path, into);
            return;
        }
        if (head.length == 0) {
            throw new WheelwrightException(path + ": empty file; not a wheel or a Mach-O, ELF or PE binary");
        }
        if (head.length >= 8 && new String(head, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1).equals("!<arch>\n")) {
            // System V / GNU ar (static library): its members are object files, read with llvm-ar first.
            throw new WheelwrightException(path + ": a static library (ar archive), not a Mach-O, ELF or PE binary;"
                    + " extract its object files to inspect them");
        }
        if (BinaryReader.detect(head).isEmpty()) {
            throw new WheelwrightException(path + ": not a wheel or a Mach-O, ELF or PE binary (unknown magic bytes)");
        }
        into.binaries.add(BinaryReader.read(path));
    }

    /** Files whose presence makes a folder a Python project (PEP 517/518, setuptools). */
    private static final List<String> PROJECT_FILES = List.of("pyproject.toml", "setup.py", "setup.cfg");

    /**
     * A folder is a project when it holds pyproject.toml, setup.py or setup.cfg: read as doctor
     * reads it, nothing executed. Otherwise, a folder of wheels (a wheelhouse) stands for its
     * *.whl files, as in {@code audit}.
     */
    void inspectFolder(Path dir, Inspection into) throws IOException {
        if (PROJECT_FILES.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
            into.projects.add(new ProjectReader().read(dir));
            return;
        }
        List<Path> wheels;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            wheels = s.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".whl")
                    && Files.isRegularFile(f)).sorted().toList();
        }
        if (wheels.isEmpty()) {
            throw new WheelwrightException(dir + ": not a project folder (no pyproject.toml, setup.py or setup.cfg) and no .whl files in it");
        }
        for (Path w : wheels) {
            inspectZip(w, into);
        }
    }

    /** Zip archives are wheels, read once by the wheel package's reader. */
    void inspectZip(Path path, Inspection into) {
        WheelFacts wheel = new WheelReader().read(path, path.toString());
        into.wheels.add(WheelInspection.json(wheel));
        into.wheelText.add(String.join(System.lineSeparator(), WheelInspection.text(wheel)));
    }

    /** PKWARE APPNOTE 4.3.7: a local file header (or an empty archive's end record) starts a zip. */
    static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    /** {@code inspect --format json}: schema 1 (wheels, binaries, projects). */
    static final int SCHEMA_VERSION = 1;

    static String json(Inspection r) throws JsonProcessingException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", SCHEMA_VERSION);
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", Version.NAME);
        tool.put("version", Version.VERSION);
        doc.put("tool", tool);
        doc.put("wheels", r.wheels);
        List<Object> bins = new ArrayList<>();
        for (BinaryInfo b : r.binaries) {
            bins.add(BinaryFacts.toJson(b));
        }
        doc.put("binaries", bins);
        List<Object> projects = new ArrayList<>();
        for (ProjectFacts p : r.projects) {
            projects.add(ProjectInspection.json(p));
        }
        doc.put("projects", projects);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withSeparators(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("")
                .withObjectEmptySeparator(""));
        return new ObjectMapper().writer(pretty).writeValueAsString(doc) + System.lineSeparator();
    }

    /** {@code inspect --format html}: one section per wheel, binary and project, with the text report's facts. */
    static String html(Inspection r) throws IOException {
        List<dev.wheelwright.report.HtmlReport.FactSubject> subjects = new ArrayList<>();
        for (int i = 0; i < r.wheels.size(); i++) {
            subjects.add(new dev.wheelwright.report.HtmlReport.FactSubject("wheel", String.valueOf(r.wheels.get(i).get("filename")),
                    List.of(r.wheelText.get(i).split("\\R"))));
        }
        for (BinaryInfo b : r.binaries) {
            subjects.add(new dev.wheelwright.report.HtmlReport.FactSubject("binary", b.path(), BinaryFacts.toText(b)));
        }
        for (ProjectFacts p : r.projects) {
            subjects.add(new dev.wheelwright.report.HtmlReport.FactSubject("project", p.root(), ProjectInspection.text(p)));
        }
        java.io.StringWriter w = new java.io.StringWriter();
        dev.wheelwright.report.HtmlReport.writeFacts("inspect", Version.NAME + " " + Version.VERSION, subjects, w);
        return w.toString();
    }

    static String text(Inspection r) {
        StringBuilder sb = new StringBuilder();
        for (String w : r.wheelText) {
            sb.append(w).append(System.lineSeparator());
        }
        for (BinaryInfo b : r.binaries) {
            if (sb.length() > 0) {
                sb.append(System.lineSeparator());
            }
            for (String line : BinaryFacts.toText(b)) {
                sb.append(line).append(System.lineSeparator());
            }
        }
        for (ProjectFacts p : r.projects) {
            if (sb.length() > 0) {
                sb.append(System.lineSeparator());
            }
            for (String line : ProjectInspection.text(p)) {
                sb.append(line).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

}
