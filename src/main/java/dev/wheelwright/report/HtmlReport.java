package dev.wheelwright.report;

import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one HTML page every command writes: self-contained (styles and script inline, nothing
 * fetched), a header that says what ran on what, what it checked, how long it took and where each
 * policy came from; the command's own sections (build targets, the deps matrix) in the same style;
 * then the findings grouped by subject (a wheel, a binary inside it, a project file, a log), each
 * group with its severity counts, each finding with its evidence as code and a link to its rule's
 * explanation and fix further down the page.
 *
 * <p>Without JavaScript every finding is shown and the filter bar stays hidden; the script shows
 * the bar and hides findings by severity and rule (and a group left with none).
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** A part of the page a command adds before the findings (build targets, the deps matrix and trees). */
    public interface Section {
        void write(StringBuilder h);
    }

    /** The shared style: the findings pages and the deps page look alike. */
    static final String CSS = String.join("\n",
            ":root{--err:#cf222e;--warn:#9a6700;--info:#0969da;--ok:#1a7f37;--muted:#6e7781;--line:#d0d7de;--bg2:#f6f8fa}",
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1f2328;line-height:1.45}",
            "header.top{background:#24292f;color:#fff;padding:1em 2em}header.top h1{margin:0;font-size:1.4em}",
            "header.top .meta{color:#d0d7de;font-size:.9em;margin:.3em 0 0}",
            "main{padding:1em 2em;max-width:80em}",
            "h2{border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:1.6em}",
            ".counts span,.badge{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.85em;margin-right:.3em;border:1px solid currentColor}",
            ".error{color:var(--err)}.warning{color:var(--warn)}.info{color:var(--info)}.suppressed{color:var(--muted)}.ok{color:var(--ok)}",
            "table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid var(--line);padding:.3em .6em;text-align:left;font-size:.9em;vertical-align:top}",
            "th{background:var(--bg2)}td.wheel{background:#e3f6e3}td.sdist{background:#fff4d6}td.nomatch,td.error{background:#fde2e1}td.none{color:#999}",
            "ul.tree{list-style:none;padding-left:1.2em;border-left:1px dotted #bbb}",
            ".wheel-t{color:var(--ok)}.sdist-t{color:var(--warn)}.nomatch-t,.error-t{color:var(--err)}.note{color:var(--muted)}",
            "#filters{background:var(--bg2);border:1px solid var(--line);border-radius:6px;padding:.6em 1em;margin:1em 0}",
            "#filters label{margin-right:1em}#filters select{margin-left:.3em}#shown{color:var(--muted);margin-left:1em}",
            "section.subject{border:1px solid var(--line);border-radius:6px;margin:1em 0;padding:0 1em .6em}",
            "section.subject>h3{margin:.6em 0;font-size:1em}section.subject>h3 .kind{color:var(--muted);font-weight:normal;margin-right:.4em}",
            "article.finding{border-left:4px solid var(--warn);padding:.2em .8em;margin:.8em 0;background:#fff}",
            "article.finding.sev-error{border-color:var(--err)}article.finding.sev-info{border-color:var(--info)}",
            "article.finding.is-suppressed{border-color:var(--muted);opacity:.75}",
            "article.finding p{margin:.3em 0}pre{background:var(--bg2);padding:.5em;overflow-x:auto;border-radius:4px;margin:.3em 0}",
            "code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}",
            ".rule-doc{border-top:1px solid var(--line);padding-top:.4em}.rule-doc .md{white-space:pre-wrap}",
            "[hidden]{display:none !important}");

    /** The filter script: shows the bar, then hides what the filters leave out. No network, no library. */
    static final String SCRIPT = String.join("\n",
            "(function(){",
            "var bar=document.getElementById('filters');if(!bar){return;}bar.hidden=false;",
            "var all=document.querySelectorAll('article.finding');",
            "function apply(){",
            " var on={};bar.querySelectorAll('input[name=severity]').forEach(function(c){on[c.value]=c.checked;});",
            " var rule=document.getElementById('rule-filter').value;var shown=0;",
            " all.forEach(function(f){var ok=on[f.getAttribute('data-filter')]&&(rule===''||f.getAttribute('data-rule')===rule);",
            "  f.hidden=!ok;if(ok){shown++;}});",
            " document.querySelectorAll('section.subject').forEach(function(g){g.hidden=!g.querySelector('article.finding:not([hidden])');});",
            " document.getElementById('shown').textContent=shown+' of '+all.length+' findings shown';",
            "}",
            "bar.addEventListener('change',apply);apply();",
            "})();");

    /**
     * Writes the page.
     *
     * @param title    what the page is about, e.g. {@code doctor examples/cffi}
     * @param sections the command's own sections, shown before the findings
     */
    public static void write(FindingsReport report, String title, List<Section> sections, Writer out) throws IOException {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" — ").append(esc(report.toolName())).append("</title>\n<style>\n")
                .append(CSS).append("\n</style></head><body>\n");
        header(report, title, h);
        h.append("<main>\n");
        summary(report, h);
        for (Section s : sections) {
            s.write(h);
        }
        findings(report, h);
        h.append("</main>\n<script>\n").append(SCRIPT).append("\n</script>\n</body></html>\n");
        out.write(h.toString());
    }

    /**
     * One thing a facts page shows (inspect: a wheel, a binary or a project) with its facts as the
     * text report prints them.
     */
    public record FactSubject(String kind, String name, List<String> lines) {
        public FactSubject {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Writes a page of facts without findings ({@code inspect}): the same header and style as the
     * findings pages, a count per kind, then one section per subject with its facts as code.
     * Nothing is judged, so there is nothing to filter and no script.
     */
    public static void writeFacts(String title, String tool, List<FactSubject> subjects, Writer out) throws IOException {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" — ").append(esc(tool)).append("</title>\n<style>\n")
                .append(CSS).append("\n</style></head><body>\n");
        h.append("<header class=\"top\"><h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">").append(esc(tool))
                .append(" · facts, no judgement (audit and doctor judge them)</p></header>\n<main>\n<p class=\"counts\">");
        Map<String, Integer> kinds = new java.util.LinkedHashMap<>();
        subjects.forEach(x -> kinds.merge(x.kind(), 1, Integer::sum));
        if (kinds.isEmpty()) {
            h.append("nothing inspected");
        }
        kinds.forEach((k, n) -> h.append("<span class=\"info\">").append(esc(plural(n, k))).append("</span>"));
        h.append("</p>\n");
        for (FactSubject x : subjects) {
            h.append("<section class=\"subject\" data-kind=\"").append(esc(x.kind())).append("\"><h3><span class=\"kind\">")
                    .append(esc(x.kind())).append("</span>").append(esc(x.name())).append("</h3>\n<pre><code>");
            for (String line : x.lines()) {
                h.append(esc(line)).append('\n');
            }
            h.append("</code></pre></section>\n");
        }
        h.append("</main>\n</body></html>\n");
        out.write(h.toString());
    }

    /** The page title of a findings report: the command and its subject when the report knows them. */
    static String title(FindingsReport report) {
        RunInfo run = report.run();
        return run == null ? "Findings" : run.command() + " " + run.subject();
    }

    private static void header(FindingsReport report, String title, StringBuilder h) {
        RunInfo run = report.run();
        Map<Severity, Integer> c = report.counts();
        h.append("<header class=\"top\"><h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">")
                .append(esc(report.toolName() + " " + report.toolVersion()));
        if (run != null) {
            h.append(" · ").append(esc(run.checkedLine())).append(" · started ")
                    .append(esc(run.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
                    .append(" · exit ").append(run.exitCode());
        }
        h.append("</p></header>\n");
    }

    private static void summary(FindingsReport report, StringBuilder h) {
        RunInfo run = report.run();
        Map<Severity, Integer> c = report.counts();
        h.append("<div class=\"summary\">\n<p class=\"counts\" id=\"counts\">")
                .append("<span class=\"error\">").append(plural(c.get(Severity.ERROR), "error")).append("</span>")
                .append("<span class=\"warning\">").append(plural(c.get(Severity.WARNING), "warning")).append("</span>")
                .append("<span class=\"info\">").append(c.get(Severity.INFO)).append(" info</span>")
                .append("<span class=\"suppressed\">").append(report.suppressedCount()).append(" suppressed</span></p>\n");
        if (run != null && !run.checked().isEmpty()) {
            // what was checked, one column per kind, and how long it took
            h.append("<table class=\"checked\"><tr><th>checked</th>");
            run.checked().keySet().forEach(k -> h.append("<th>").append(esc(k)).append("</th>"));
            h.append("<th>time</th></tr>\n<tr><td></td>");
            run.checked().values().forEach(v -> h.append("<td>").append(v).append("</td>"));
            h.append("<td>").append(esc(run.seconds())).append(" s</td></tr></table>\n");
        }
        if (run != null && !run.policies().isEmpty()) {
            h.append("<table class=\"policies\"><tr><th>policy</th><th>value</th><th>from</th></tr>\n");
            for (RunInfo.Policy p : run.policies()) {
                h.append("<tr><td>").append(esc(p.name())).append("</td><td><code>").append(esc(p.value())).append("</code></td><td>")
                        .append(esc(p.source())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</div>\n");
    }

    /** The kind of subject a finding is about, and which one. */
    record Subject(String kind, String name) {}

    static Subject subject(Finding f, FindingsReport report) {
        RuleDefinition r = report.rule(f);
        Reads reads = r == null ? null : r.reads();
        Location l = f.location();
        if (l instanceof Location.WheelMember w) {
            if (w.member() != null && (reads == Reads.BINARY || w.arch() != null)) {
                return new Subject("binary", w.wheel() + "!" + w.member());
            }
            return new Subject("wheel", w.wheel());
        }
        String path = l instanceof Location.FileLine fl ? fl.file() : ((Location.PathLocation) l).path();
        if (reads == Reads.LOG) {
            return new Subject("log", path);
        }
        if (reads == Reads.DEPS) {
            return new Subject("dependencies", path);
        }
        if (path.toLowerCase(java.util.Locale.ROOT).endsWith(".whl")) {
            return new Subject("wheel", path);
        }
        return new Subject("project file", path);
    }

    private static void findings(FindingsReport report, StringBuilder h) {
        List<Finding> all = report.findings();
        h.append("<div class=\"findings\">\n<h2 id=\"findings\">Findings</h2>\n");
        if (all.isEmpty()) {
            h.append("<p class=\"ok\">No problems found.</p>\n</div>\n");
            return;
        }
        // the filter bar: hidden until the script runs, since without it the controls would do nothing
        Set<String> rules = new LinkedHashSet<>();
        all.forEach(f -> rules.add(f.rule()));
        h.append("<form id=\"filters\" hidden>Show: ");
        for (String s : List.of("error", "warning", "info", "suppressed")) {
            h.append("<label><input type=\"checkbox\" name=\"severity\" value=\"").append(s).append("\" checked> ")
                    .append("<span class=\"").append(s).append("\">").append(s).append("</span></label>");
        }
        h.append("<label>rule<select id=\"rule-filter\"><option value=\"\">all rules</option>");
        for (String r : rules.stream().sorted().toList()) {
            Finding first = all.stream().filter(f -> f.rule().equals(r)).findFirst().orElseThrow();
            h.append("<option value=\"").append(esc(r)).append("\">").append(esc(r + " " + first.name())).append("</option>");
        }
        h.append("</select></label><span id=\"shown\"></span></form>\n");

        Map<Subject, List<Finding>> groups = new LinkedHashMap<>();
        Map<Finding, Integer> number = new java.util.IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            number.put(all.get(i), i + 1);
        }
        // groups in the order of their worst finding (the findings come errors first)
        for (Finding f : all) {
            groups.computeIfAbsent(subject(f, report), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<Subject, List<Finding>> g : groups.entrySet()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Finding f : g.getValue()) {
                counts.merge(filterKey(f), 1, Integer::sum);
            }
            h.append("<section class=\"subject\" data-kind=\"").append(esc(g.getKey().kind())).append("\"><h3><span class=\"kind\">")
                    .append(esc(g.getKey().kind())).append("</span><code>").append(esc(g.getKey().name())).append("</code> <span class=\"counts\">");
            for (String s : List.of("error", "warning", "info", "suppressed")) {
                if (counts.containsKey(s)) {
                    h.append("<span class=\"").append(s).append("\">")
                            .append(s.equals("error") || s.equals("warning") ? plural(counts.get(s), s) : counts.get(s) + " " + s).append("</span>");
                }
            }
            h.append("</span></h3>\n");
            for (Finding f : g.getValue()) {
                finding(f, number.get(f), h);
            }
            h.append("</section>\n");
        }
        ruleDocs(report, rules, h);
        h.append("</div>\n");
    }

    static String filterKey(Finding f) {
        return f.suppressed() ? "suppressed" : f.severity().id();
    }

    private static void finding(Finding f, int n, StringBuilder h) {
        String sev = f.severity().id();
        h.append("<article class=\"finding sev-").append(sev).append(f.suppressed() ? " is-suppressed" : "")
                .append("\" id=\"finding-").append(n).append("\" data-filter=\"").append(filterKey(f))
                .append("\" data-rule=\"").append(esc(f.rule())).append("\">\n<p><span class=\"badge ").append(sev).append("\">")
                .append(sev).append("</span> <a href=\"#rule-").append(esc(f.rule())).append("\"><b>").append(esc(f.rule()))
                .append(' ').append(esc(f.name())).append("</b></a> <code>").append(esc(f.location().display())).append("</code>")
                .append(f.packageName() == null ? "" : " <span class=\"note\">package " + esc(f.packageName()) + "</span>")
                .append(" <span class=\"note\">#").append(n).append("</span></p>\n<p>").append(esc(f.message())).append("</p>\n");
        if (!f.evidence().isEmpty()) {
            // ANSI colours of a log are noise in a page
            h.append("<pre><code>").append(esc(String.join("\n", f.evidence()).replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "")))
                    .append("</code></pre>\n");
        }
        if (f.fix() != null && f.fix().summary() != null) {
            h.append("<p class=\"fix\"><b>Fix:</b> ").append(esc(f.fix().summary()))
                    .append(f.fix().action() == null ? "" : " <code>wheelwright fix " + n + "</code> applies it").append("</p>\n");
        }
        if (f.suppressed()) {
            h.append("<p class=\"suppressed\"><em>Suppressed (").append(esc(f.suppression().source())).append("): ")
                    .append(esc(f.suppression().reason())).append("</em></p>\n");
        }
        h.append("<p><a href=\"#rule-").append(esc(f.rule())).append("\">Why, common causes and how to fix</a></p>\n</article>\n");
    }

    /** Each rule that found something: its explanation (its README) and fix, where the findings link. */
    private static void ruleDocs(FindingsReport report, Set<String> ruleIds, StringBuilder h) {
        h.append("<h2 id=\"rules\">Rules</h2>\n");
        for (String id : ruleIds) {
            Finding first = report.findings().stream().filter(f -> f.rule().equals(id)).findFirst().orElseThrow();
            RuleDefinition r = report.rule(first);
            h.append("<div class=\"rule-doc\" id=\"rule-").append(esc(id)).append("\"><h3>").append(esc(id + " " + first.name()))
                    .append(" <span class=\"badge ").append((r == null ? first.severity() : r.severity()).id()).append("\">")
                    .append((r == null ? first.severity() : r.severity()).id()).append("</span></h3>\n");
            String title = r != null ? r.title() : first.title();
            if (title != null) {
                h.append("<p><b>").append(esc(title)).append("</b></p>\n");
            }
            String doc = r == null ? null : r.readme().orElse(r.explain().isBlank() ? null : r.explain());
            if (doc != null) {
                h.append("<div class=\"md\">").append(esc(doc.strip())).append("</div>\n");
            }
            String fix = r != null && r.fix() != null ? r.fix().summary() : first.fix() == null ? null : first.fix().summary();
            if (fix != null) {
                h.append("<p class=\"fix\"><b>Fix:</b> ").append(esc(fix)).append("</p>\n");
            }
            h.append("<p class=\"note\"><code>wheelwright explain ").append(esc(first.name())).append("</code></p></div>\n");
        }
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
