package dev.wheelwright.report;

import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/** A self-contained HTML page of the findings (no scripts, no external resources). */
public final class HtmlRenderer implements FindingsRenderer {

    @Override
    public void render(FindingsReport report, Writer out) throws IOException {
        Map<Severity, Integer> c = report.counts();
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>wheelwright report</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:70em}.error{color:#b00}.warning{color:#a60}"
                + ".info{color:#06a}pre{background:#f4f4f4;padding:.5em;overflow-x:auto}.suppressed{opacity:.6}.ok{color:#070}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}</style>"
                + "</head><body>\n");
        out.write("<h1>wheelwright " + esc(report.toolVersion()) + "</h1>\n<p>" + c.get(Severity.ERROR) + " error(s), "
                + c.get(Severity.WARNING) + " warning(s), " + c.get(Severity.INFO) + " info, " + report.suppressedCount()
                + " suppressed</p>\n");
        if (report.builds() != null) {
            out.write("<h2>Builds</h2>\n<table><tr><th>target</th><th>status</th><th>time</th><th>wheels or reason</th><th>log</th></tr>\n");
            for (BuildTargets.Target t : report.builds().targets()) {
                String what = t.succeeded() ? String.join("<br>", t.wheels().stream().map(HtmlRenderer::esc).toList())
                        : esc(t.reason()) + (t.cause() == null ? "" : "<br>" + esc(t.cause().rule() + " " + t.cause().name()
                        + " at " + t.cause().location()));
                out.write("<tr><td>" + esc(t.target()) + "</td><td class=\"" + (t.succeeded() ? "ok" : "error") + "\">"
                        + esc(t.status()) + "</td><td>" + (t.seconds() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f s", t.seconds()))
                        + "</td><td>" + what + "</td><td><code>" + esc(t.log()) + "</code></td></tr>\n");
            }
            out.write("</table>\n");
        }
        for (Finding f : report.findings()) {
            out.write("<section class=\"" + (f.suppressed() ? "suppressed" : "") + "\"><h2 class=\"" + f.severity().id() + "\">"
                    + esc(f.severity().id() + " " + f.rule() + " " + f.name()) + "</h2>\n<p><code>" + esc(f.location().display())
                    + "</code></p>\n<p>" + esc(f.message()) + "</p>\n");
            if (!f.evidence().isEmpty()) {
                out.write("<pre>" + esc(String.join("\n", f.evidence())) + "</pre>\n");
            }
            if (f.fix() != null) {
                out.write("<p><strong>Fix:</strong> " + esc(f.fix().summary()) + "</p>\n");
            }
            if (f.suppressed()) {
                out.write("<p><em>Suppressed (" + esc(f.suppression().source()) + "): " + esc(f.suppression().reason()) + "</em></p>\n");
            }
            out.write("</section>\n");
        }
        out.write("</body></html>\n");
    }

    private static String esc(String s) {
        return s == null ? "" : JunitRenderer.attr(s).replace("&#10;", "\n");
    }
}
