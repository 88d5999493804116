package dev.wheelwright.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings of audit, doctor and build as one self-contained HTML page ({@link HtmlReport}):
 * grouped by subject, filterable by severity and rule, with each rule's explanation; a build
 * report adds its targets as a table.
 */
public final class HtmlRenderer implements FindingsRenderer {

    @Override
    public void render(FindingsReport report, Writer out) throws IOException {
        List<HtmlReport.Section> sections = new ArrayList<>();
        if (report.builds() != null) {
            sections.add(h -> builds(report.builds(), h));
        }
        HtmlReport.write(report, HtmlReport.title(report), sections, out);
    }

    private static void builds(BuildTargets builds, StringBuilder h) {
        h.append("<h2>Builds</h2>\n<table><tr><th>target</th><th>status</th><th>time</th><th>wheels or reason</th><th>log</th></tr>\n");
        for (BuildTargets.Target t : builds.targets()) {
            String what = t.succeeded() ? String.join("<br>", t.wheels().stream().map(HtmlRenderer::esc).toList())
                    : esc(t.reason()) + (t.cause() == null ? "" : "<br>" + esc(t.cause().rule() + " " + t.cause().name()
                    + " at " + t.cause().location()));
            h.append("<tr><td>").append(esc(t.target())).append("</td><td class=\"").append(t.succeeded() ? "ok" : "error").append("\">")
                    .append(esc(t.status())).append("</td><td>")
                    .append(t.seconds() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f s", t.seconds()))
                    .append("</td><td>").append(what).append("</td><td><code>").append(esc(t.log())).append("</code></td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }
}
