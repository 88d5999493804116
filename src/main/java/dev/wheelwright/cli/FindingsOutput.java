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
    private Path project;
    private BuildTargets builds;

    private FindingsOutput(CommandSpec spec, CommonOptions common, List<String> ignore) {
        this.spec = spec;
        this.common = common;
        this.ignore = List.copyOf(ignore);
    }

    public static FindingsOutput of(CommandSpec spec, CommonOptions common, FindingsOptions options) {
        return new FindingsOutput(spec, common, options == null ? List.of() : options.ignore);
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

    /** Checks --format and --fail-on before any work, so a typo fails fast with exit 2. */
    public static void validate(CommonOptions common) {
        if (!FindingsRenderer.FORMATS.contains(common.format)) {
            throw new WheelwrightException("--format " + common.format + ": unknown format (expected "
                    + String.join(", ", FindingsRenderer.FORMATS) + ")");
        }
        threshold(common.failOn);
    }

    /**
     * {@link #validate} plus a check that -o FILE can be written, for commands whose output
     * folder exists before they run (doctor, audit): a typo fails before a long scan, not after.
     */
    static void validateBeforeWork(CommonOptions common) {
        validate(common);
        if (common.output != null) {
            dev.wheelwright.AtomicFiles.checkTarget(common.output);
        }
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
        FindingsReport report = new FindingsReport(Version.NAME, Version.VERSION, marked, rulesRun, builds);
        boolean color = common.format.equals("text") && common.color(System.console() != null);
        FindingsRenderer renderer = common.format.equals("text") && common.quiet
                ? new dev.wheelwright.report.TextRenderer(color, true)
                : FindingsRenderer.forFormat(common.format, color);
        try {
            if (common.output != null) {
                writeAtomically(common.output, w -> renderer.render(report, w));
            } else {
                PrintWriter out = spec.commandLine().getOut();
                StringWriter buf = new StringWriter();
                renderer.render(report, buf);
                out.print(buf);
                out.flush();
            }
        } catch (IOException e) {
            throw new WheelwrightException((common.output != null ? common.output : Path.of("-")) + ": cannot write report: "
                    + Main.describeIo(e), e);
        }
        if (common.format.equals("github")) {
            String summaryFile = System.getenv("GITHUB_STEP_SUMMARY");
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
        LastRun.save(spec.name(), project, report);
        return exitCode(marked, common.failOn);
    }

    /**
     * The findings as every format shows and numbers them: suppressions marked, project files
     * named under the folder as given, and ordered as the text report reads — errors, warnings,
     * info, then the suppressed ones, each group in the order the rules found them — so that
     * finding N is the same in the text, the JSON, the shell's {@code findings} and {@code explain N}.
     */
    public List<Finding> prepared(RuleCatalog catalog, List<RuleDefinition> rulesRun, List<Finding> findings) {
        List<Finding> out = new java.util.ArrayList<>(underProject(suppressions(catalog).apply(findings), rulesRun));
        out.sort(java.util.Comparator.comparing(Finding::suppressed).thenComparing(f -> f.severity().ordinal()));
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
