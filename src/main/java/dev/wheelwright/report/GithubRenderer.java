package dev.wheelwright.report;

import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * GitHub Actions workflow commands ({@code ::error file=F,line=L,title=T::message}), which the
 * runner turns into annotations on the run and the pull request, and a Markdown job summary
 * ({@link #summary}) that the caller appends to {@code $GITHUB_STEP_SUMMARY}. Suppressed
 * findings are not annotated; the summary lists them.
 */
public final class GithubRenderer implements FindingsRenderer {

    @Override
    public void render(FindingsReport report, Writer out) throws IOException {
        if (report.builds() != null) {
            // A failed build whose cause no rule names still gets an annotation, on its log.
            for (BuildTargets.Target t : report.builds().targets()) {
                if (!t.succeeded() && !t.status().equals("not-built") && t.cause() == null) {
                    out.write("::error " + (t.log() == null ? "" : "file=" + property(t.log()) + ",")
                            + "title=" + property("build " + t.target() + " " + t.status()) + "::"
                            + data((t.reason() == null ? t.status() : t.reason())
                            + "\nNo rule recognises the cause: the first error in the log is the place to start.") + "\n");
                }
            }
        }
        for (Finding f : report.findings()) {
            if (f.suppressed()) {
                continue;
            }
            StringBuilder props = new StringBuilder();
            Location l = f.location();
            if (l instanceof Location.FileLine fl) {
                props.append("file=").append(property(fl.file()));
                if (fl.line() > 0) {
                    props.append(",line=").append(fl.line());
                }
            } else if (l instanceof Location.WheelMember w) {
                props.append("file=").append(property(w.wheel()));
            } else {
                props.append("file=").append(property(((Location.PathLocation) l).path()));
            }
            props.append(",title=").append(property(f.rule() + " " + f.name() + ": " + f.title()));
            String body = f.message();
            if (l instanceof Location.WheelMember) {
                body = l.display() + ": " + body;
            }
            if (f.fix() != null) {
                body += "\nFix: " + f.fix().summary();
            }
            out.write("::" + command(f.severity()) + " " + props + "::" + data(body) + "\n");
        }
    }

    /** A Markdown summary of the run for {@code $GITHUB_STEP_SUMMARY}. */
    public static String summary(FindingsReport report) {
        StringBuilder sb = new StringBuilder("## wheelwright\n\n");
        Map<Severity, Integer> c = report.counts();
        if (report.run() != null) {
            // what ran on what, what it checked, how long it took, and where each policy came from
            RunInfo run = report.run();
            sb.append('`').append(cell(run.command() + " " + run.subject())).append("`: ").append(cell(run.checkedLine()))
                    .append("; exit ").append(run.exitCode()).append("\n\n");
            if (!run.policies().isEmpty()) {
                sb.append("| policy | value | from |\n|---|---|---|\n");
                for (RunInfo.Policy p : run.policies()) {
                    sb.append("| ").append(cell(p.name())).append(" | `").append(cell(p.value())).append("` | ").append(cell(p.source()))
                            .append(" |\n");
                }
                sb.append('\n');
            }
        }
        if (report.builds() != null) {
            sb.append("| target | status | wheels or reason |\n|---|---|---|\n");
            for (BuildTargets.Target t : report.builds().targets()) {
                sb.append("| ").append(cell(t.target())).append(" | ").append(cell(t.status())).append(" | ")
                        .append(t.succeeded() ? cell(String.join(", ", t.wheels()))
                                : cell(t.reason()) + (t.cause() == null ? "" : " — `" + t.cause().rule() + "` " + t.cause().name()))
                        .append(" |\n");
            }
            sb.append('\n');
        }
        if (report.findings().isEmpty()) {
            return sb.append(report.builds() == null ? "No problems found.\n"
                    : report.builds().unsuccessful().map(u -> "No rule found a problem, but " + u + ".\n").orElse("No problems found.\n")).toString();
        }
        sb.append(c.get(Severity.ERROR)).append(" error(s), ").append(c.get(Severity.WARNING)).append(" warning(s), ")
                .append(c.get(Severity.INFO)).append(" info, ").append(report.suppressedCount()).append(" suppressed\n\n");
        sb.append("| severity | rule | where | message | fix |\n|---|---|---|---|---|\n");
        for (Finding f : report.findings()) {
            sb.append("| ").append(f.suppressed() ? "~~" + f.severity().id() + "~~ (suppressed: " + cell(f.suppression().reason()) + ")" : f.severity().id())
                    .append(" | `").append(f.rule()).append("` ").append(f.name())
                    .append(" | `").append(cell(f.location().display())).append("` | ").append(cell(f.message()))
                    .append(" | ").append(f.fix() == null ? "" : cell(f.fix().summary())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        // a table cell: one line, no column break, no HTML (the summary is rendered as GitHub Markdown)
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|").replace("\n", " ");
    }

    private static String command(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
        };
    }

    // The runner's escaping of workflow command data and properties (actions/toolkit, command.ts)
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
