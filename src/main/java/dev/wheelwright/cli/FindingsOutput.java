package dev.wheelwright.cli;

import dev.wheelwright.AtomicFiles;
import dev.wheelwright.WheelwrightException;
import dev.wheelwright.report.BuildTargets;
import dev.wheelwright.report.FindingsReport;
import dev.wheelwright.report.FindingsRenderer;
import dev.wheelwright.report.GithubRenderer;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.Severity;
import dev.wheelwright.rules.Suppressions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one way a command that judges (audit, doctor, build) reports: applies suppressions
 * ({@code [tool.wheelwright] ignore} of the project's pyproject.toml and {@code --ignore}),
 * renders the findings in the {@code --format} to {@code -o FILE} (written to a temporary file
 * beside it, then renamed, so a reader never sees half a report) or to the command's stdout,
 * appends the Markdown job summary to {@code $GITHUB_STEP_SUMMARY} for {@code --format github},
 * and returns the exit code for {@code --fail-on} (cli.md "Exit codes").
 *
 * <pre>
 * return FindingsOutput.of(spec, common, findingsOptions).project(dir).report(catalog, rulesRun, findings);
 * </pre>
 */
public final class FindingsOutput {
    private final CommandSpec spec;
    private final CommonOptions common;
    private final List<String> ignore;
    private final FindingsOptions options;
    private Path project;
    private BuildTargets builds;
    private java.time.Instant started = java.time.Instant.now();
    private String subject;
    private final java.util.Map<String, Long> checked = new java.util.LinkedHashMap<>();
    private final List<dev.wheelwright.report.RunInfo.Policy> policies = new java.util.ArrayList<>();
    private String failure;
    private String failOn;
    private Documents documents;

    private FindingsOutput(CommandSpec spec, CommonOptions common, FindingsOptions options) {
        this.spec = spec;
        this.common = common;
        this.options = options == null ? new FindingsOptions() : options;
        this.ignore = List.copyOf(this.options.ignore);
    }

    public static FindingsOutput of(CommandSpec spec, CommonOptions common, FindingsOptions options) {
        return new FindingsOutput(spec, common, options);
    }

    /** When the command started (default: when this output was made); the report says how long it took. */
    public FindingsOutput started(java.time.Instant t) {
        this.started = t;
        return this;
    }

    /** What the command looked at, as the user named it (a folder, a wheel, logs). */
    public FindingsOutput subject(String s) {
        this.subject = s;
        return this;
    }

    /** One count of what was checked ({@code "wheels", 3}); shown in the order given. */
    public FindingsOutput checked(String kind, long n) {
        checked.merge(kind, n, Long::sum);
        return this;
    }

    /** A policy in effect, its value and where it came from. */
    public FindingsOutput policy(String name, String value, String source) {
        policies.add(new dev.wheelwright.report.RunInfo.Policy(name, value, source));
        return this;
    }

    /** The policies in effect. */
    public FindingsOutput policies(List<dev.wheelwright.report.RunInfo.Policy> ps) {
        policies.addAll(ps);
        return this;
    }

    /** --fail-on as the project's pyproject.toml sets it, when the command line does not. */
    public FindingsOutput failOn(String level) {
        this.failOn = level;
        return this;
    }

    /** A failure besides the findings (a build that failed): the run exits 1 unless --fail-on never, and says why. */
    public FindingsOutput failure(String reason) {
        this.failure = reason;
        return this;
    }

    /** Renders some formats in the command's own shape ({@code deps}: its tree and matrix); others as findings. */
    public interface Documents {
        /** Whether this format is rendered by {@link #render}. */
        boolean handles(String format);

        void render(String format, FindingsReport report, boolean color, Writer out) throws IOException;
    }

    public FindingsOutput documents(Documents d) {
        this.documents = d;
        return this;
    }

    /** The project folder whose pyproject.toml may declare suppressions (null: none). */
    public FindingsOutput project(Path dir) {
        this.project = dir;
        return this;
    }

    /** The targets of a build, shown beside the findings (JSON {@code builds}, SARIF, JUnit, HTML). */
    public FindingsOutput builds(BuildTargets b) {
        this.builds = b;
        return this;
    }

    /** Checks --format, --fail-on and --color before any work, so a typo fails fast with exit 2. */
    public static void validate(CommonOptions common) {
        if (!FindingsRenderer.FORMATS.contains(common.format)) {
            throw new WheelwrightException("--format " + common.format + ": unknown format (expected "
                    + String.join(", ", FindingsRenderer.FORMATS) + ")");
        }
        threshold(common.failOn);
        common.colorWhen();
    }

    /**
     * {@link #validate} plus a check that -o FILE can be written, for commands whose output
     * folder exists before they run (doctor, audit): a typo fails before a long scan, not after.
     */
    static void validateBeforeWork(CommonOptions common) {
        validateBeforeWork(common, null);
    }

    /**
     * {@link #validate}, and a check that -o FILE and every report file (--sarif, --junit,
     * --json, --html) can be written and that no two of them are the same file: a typo fails
     * before a long scan or build, not after it.
     */
    static void validateBeforeWork(CommonOptions common, FindingsOptions options) {
        validateBeforeWork(common, options, null);
    }

    /**
     * {@link #validateBeforeWork(CommonOptions, FindingsOptions)} for a command that creates the
     * folder {@code creates} (build's --out) before it reports: files directly in it are not refused
     * for a folder that does not exist yet.
     */
    static void validateBeforeWork(CommonOptions common, FindingsOptions options, Path creates) {
        validate(common);
        java.util.Map<Path, String> targets = new java.util.LinkedHashMap<>();
        if (common.output != null) {
            targets.put(common.output.toAbsolutePath().normalize(), "-o");
        }
        if (options != null) {
            for (java.util.Map.Entry<String, Path> e : options.files().entrySet()) {
                String previous = targets.put(e.getValue().toAbsolutePath().normalize(), "--" + e.getKey());
                if (previous != null) {
                    throw new WheelwrightException("--" + e.getKey() + " " + e.getValue() + ": the same file as " + previous
                            + " (each report needs its own file)");
                }
            }
        }
        if (common.output != null) {
            checkWritable(common.output, creates, "");
        }
        if (options != null) {
            for (java.util.Map.Entry<String, Path> e : options.files().entrySet()) {
                checkWritable(e.getValue(), creates, "--" + e.getKey() + " ");
            }
        }
    }

    private static void checkWritable(Path target, Path creates, String flag) {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (creates != null && dir != null && dir.equals(creates.toAbsolutePath().normalize()) && !Files.exists(dir)) {
            return;
        }
        try {
            AtomicFiles.checkTarget(target);
        } catch (WheelwrightException ex) {
            throw new WheelwrightException(flag + ex.getMessage());
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new WheelwrightException(flag + target + ": cannot write: folder " + dir + ": permission denied");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new WheelwrightException(flag + target + ": cannot write: permission denied");
        }
    }

    /**
     * The format of the console report: --format when given; otherwise {@code github} inside a
     * GitHub Actions job (GITHUB_ACTIONS=true) when the report goes to the console, else text.
     */
    String consoleFormat() {
        boolean given = spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--format");
        if (!given && common.format.equals("text") && common.output == null && "true".equals(Env.get("GITHUB_ACTIONS"))) {
            return "github";
        }
        return common.format;
    }

    /** The severity threshold of --fail-on; null for "never". */
    static Severity threshold(String failOn) {
        String f = failOn.toLowerCase(Locale.ROOT);
        if (f.equals("never")) {
            return null;
        }
        try {
            return Severity.parse(f);
        } catch (IllegalArgumentException e) {
            throw new WheelwrightException("--fail-on " + failOn + ": unknown level (expected error, warning, info or never)");
        }
    }

    /** The suppressions in effect for this run. */
    public Suppressions suppressions(RuleCatalog catalog) {
        Suppressions s = project == null ? Suppressions.none() : Suppressions.fromPyproject(project.resolve("pyproject.toml"), catalog);
        return s.withCommandLine(ignore, catalog);
    }

    /**
     * Reports the findings and returns the exit code.
     *
     * @param catalog  the catalogue (to resolve --ignore names)
     * @param rulesRun the rules that ran (SARIF's rule list, JUnit's passing cases)
     * @param findings what they found
     */
    public int report(RuleCatalog catalog, List<RuleDefinition> rulesRun, List<Finding> findings) {
        validate(common);
        List<Finding> marked = prepared(catalog, rulesRun, findings);
        String level = effectiveFailOn();
        int code = exitCode(marked, level);
        if (failure != null && threshold(level) != null) {
            code = ExitCode.FINDINGS;
        }
        String console = consoleFormat();
        dev.wheelwright.report.RunInfo run = new dev.wheelwright.report.RunInfo(spec.name(), subject == null ? defaultSubject() : subject,
                started, java.time.Instant.now(), code, checked, policies, sourceRoot(), Path.of("").toAbsolutePath().toString());
        FindingsReport report = new FindingsReport(Version.NAME, Version.VERSION, marked, rulesRun, builds, run);
        boolean color = console.equals("text") && common.color(System.console() != null);
        boolean quietText = console.equals("text") && common.quiet;
        try {
            if (common.output != null) {
                writeAtomically(common.output, w -> render(console, report, color, w));
            } else {
                PrintWriter out = spec.commandLine().getOut();
                StringWriter buf = new StringWriter();
                render(console, report, color, buf);
                out.print(buf);
                out.flush();
            }
        } catch (IOException e) {
            throw new WheelwrightException((common.output != null ? common.output : Path.of("-")) + ": cannot write report: "
                    + Main.describeIo(e), e);
        }
        for (java.util.Map.Entry<String, Path> file : options.files().entrySet()) {
            try {
                writeAtomically(file.getValue(), w -> render(file.getKey(), report, false, w));
            } catch (IOException e) {
                throw new WheelwrightException("--" + file.getKey() + " " + file.getValue() + ": cannot write report: " + Main.describeIo(e), e);
            }
        }
        if (console.equals("github")) {
            String summaryFile = Env.get("GITHUB_STEP_SUMMARY");
            if (summaryFile != null && !summaryFile.isBlank()) {
                try {
                    Files.writeString(Path.of(summaryFile), GithubRenderer.summary(report), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new WheelwrightException("GITHUB_STEP_SUMMARY=" + summaryFile + ": cannot write the job summary: "
                            + Main.describeIo(e), e);
                }
            }
        }
        consoleSummary(report, console, quietText, level);
        LastRun.save(spec.name(), project, report);
        return code;
    }

    private void render(String format, FindingsReport report, boolean color, Writer w) throws IOException {
        if (documents != null && documents.handles(format)) {
            documents.render(format, report, color, w);
            return;
        }
        FindingsRenderer r = format.equals("text") && common.quiet
                ? new dev.wheelwright.report.TextRenderer(color, true) : FindingsRenderer.forFormat(format, color);
        r.render(report, w);
    }

    /**
     * The console always ends with what was checked, the summary and why the run exits as it does.
     * Beside a text report on stdout that is one line after it; when the report went to a file or
     * the console shows another format (annotations, JSON), the summary line and that line go to
     * stderr, so a failing CI step is never silent and stdout stays a clean document.
     */
    private void consoleSummary(FindingsReport report, String console, boolean quietText, String level) {
        dev.wheelwright.report.RunInfo run = report.run();
        String reason = exitReason(report, level);
        String policyLine = run.policies().isEmpty() ? null : "policy: " + String.join("; ", run.policies().stream()
                .map(p -> p.name() + " " + p.value() + " (from " + p.source() + ")").toList());
        if (console.equals("text") && common.output == null && !quietText) {
            PrintWriter out = spec.commandLine().getOut();
            if (policyLine != null) {
                out.println(policyLine);
            }
            out.println(run.checkedLine() + "; " + reason);
            out.flush();
            return;
        }
        if (common.quiet) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        StringBuilder sb = new StringBuilder("wheelwright: ").append(summaryLine(report));
        if (common.output != null) {
            sb.append(" (").append(console).append(" report in ").append(common.output).append(')');
        }
        err.println(sb);
        if (policyLine != null) {
            err.println("wheelwright: " + policyLine);
        }
        err.println("wheelwright: " + run.checkedLine() + "; " + reason);
        err.flush();
    }

    /** {@code 2 errors, 1 warning, 0 info, 1 suppressed}. */
    static String summaryLine(FindingsReport report) {
        java.util.Map<Severity, Integer> c = report.counts();
        int e = c.get(Severity.ERROR);
        int w = c.get(Severity.WARNING);
        return e + " error" + (e == 1 ? "" : "s") + ", " + w + " warning" + (w == 1 ? "" : "s") + ", " + c.get(Severity.INFO) + " info"
                + (report.suppressedCount() > 0 ? ", " + report.suppressedCount() + " suppressed" : "");
    }

    /** {@code exit 1: 2 errors at or above --fail-on error (WW-B018, WW-P002)}. */
    private String exitReason(FindingsReport report, String level) {
        Severity t = threshold(level);
        String source = failOnSource();
        if (t == null) {
            return "exit 0: --fail-on never" + source;
        }
        List<Finding> failing = report.findings().stream().filter(f -> !f.suppressed() && f.severity().atLeast(t)).toList();
        if (!failing.isEmpty()) {
            java.util.LinkedHashSet<String> rules = new java.util.LinkedHashSet<>();
            failing.forEach(f -> rules.add(f.rule()));
            List<String> shown = rules.stream().limit(5).toList();
            return "exit 1: " + failing.size() + " finding" + (failing.size() == 1 ? "" : "s") + " at or above --fail-on "
                    + t.id() + source + " (" + String.join(", ", shown) + (rules.size() > shown.size() ? ", ..." : "") + ")"
                    + (failure != null ? "; " + failure : "");
        }
        if (failure != null) {
            return "exit 1: " + failure;
        }
        return "exit 0: nothing at or above --fail-on " + t.id() + source;
    }

    private String failOnSource() {
        return failOn != null && !failOnGiven() ? " (from pyproject.toml)" : "";
    }

    private boolean failOnGiven() {
        return spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--fail-on");
    }

    /** --fail-on from the command line, else from pyproject.toml, else the default. */
    String effectiveFailOn() {
        if (failOn != null && !failOnGiven()) {
            return failOn;
        }
        return common.failOn;
    }

    private String defaultSubject() {
        return project != null ? project.toString() : ".";
    }

    /** The git root that holds the working folder (or the project), else the working folder. */
    private String sourceRoot() {
        Path work = Path.of("").toAbsolutePath();
        java.util.Optional<Path> root = dev.wheelwright.fix.GitCheckout.rootOf(work);
        if (root.isEmpty() && project != null) {
            root = dev.wheelwright.fix.GitCheckout.rootOf(project);
        }
        return root.orElse(work).toString();
    }

    /**
     * The findings as every format shows and numbers them: suppressions marked, project files
     * named under the folder as given, and ordered as the text report reads — errors, warnings,
     * info, then the suppressed ones, each group in the order the rules found them — so that
     * finding N is the same in the text, the JSON, the shell's {@code findings} and {@code explain N}.
     */
    public List<Finding> prepared(RuleCatalog catalog, List<RuleDefinition> rulesRun, List<Finding> findings) {
        List<Finding> out = new java.util.ArrayList<>(underProject(suppressions(catalog).apply(severities(findings)), rulesRun));
        out.sort(java.util.Comparator.comparing(Finding::suppressed).thenComparing(f -> f.severity().ordinal()));
        return out;
    }

    /** The rule whose severity depends on where the wheels go: an error for an index, info with --local. */
    static final String PLAIN_LINUX_TAG = "WW-E008";

    /** Severities that depend on the run: {@code --local} makes plain-linux-tag info. */
    List<Finding> severities(List<Finding> findings) {
        if (!options.local) {
            return findings;
        }
        List<Finding> out = new java.util.ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(f.rule().equals(PLAIN_LINUX_TAG) ? new Finding(f.rule(), f.name(), Severity.INFO, f.title(), f.message(),
                    f.location(), f.evidence(), f.fix(), f.suppression(), f.packageName()) : f);
        }
        return out;
    }

    /**
     * Project findings name files relative to the project folder (that is what suppression globs
     * match); the report names them as the user named the folder ({@code doctor sub/proj} reports
     * {@code sub/proj/setup.py}), so that CI annotations and SARIF land on the right file of the
     * repository and a terminal user can open them from where the command ran.
     */
    List<Finding> underProject(List<Finding> findings, List<RuleDefinition> rulesRun) {
        if (project == null) {
            return findings;
        }
        Path base = project.normalize();
        if (base.toString().isEmpty()) {
            return findings;
        }
        java.util.Set<String> projectRules = new java.util.HashSet<>();
        for (RuleDefinition r : rulesRun) {
            if (r.reads() == dev.wheelwright.rules.Reads.PROJECT) {
                projectRules.add(r.id());
            }
        }
        List<Finding> out = new java.util.ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (!projectRules.contains(f.rule())) {
                out.add(f);
            } else if (f.location() instanceof Location.FileLine fl && !Path.of(fl.file()).isAbsolute()) {
                out.add(f.at(new Location.FileLine(base.resolve(fl.file()).normalize().toString(), fl.line())));
            } else if (f.location() instanceof Location.PathLocation pl && !Path.of(pl.path()).isAbsolute()) {
                out.add(f.at(new Location.PathLocation(base.resolve(pl.path()).normalize().toString())));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** 1 when a finding that is not suppressed is at or above --fail-on, else 0. */
    public static int exitCode(List<Finding> findings, String failOn) {
        Severity t = threshold(failOn);
        if (t == null) {
            return ExitCode.OK;
        }
        return findings.stream().anyMatch(f -> !f.suppressed() && f.severity().atLeast(t)) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** Something that writes a whole document. */
    public interface Body {
        void write(Writer w) throws IOException;
    }

    /**
     * Writes a file through a temporary sibling and an atomic rename ({@link AtomicFiles}): the
     * report gets the permissions of any new file, and a failure leaves nothing behind.
     */
    public static void writeAtomically(Path target, Body body) throws IOException {
        AtomicFiles.write(target, os -> {
            Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        });
    }
}
