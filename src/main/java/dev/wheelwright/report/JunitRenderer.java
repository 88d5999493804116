package dev.wheelwright.report;

import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.RuleDefinition;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit XML, the report format CI servers show as tests: one test suite; each finding is a
 * failing test case (warnings and info too; CI decides by {@code --fail-on} exit code),
 * suppressed findings are skipped test cases, and each rule that ran without a finding is a
 * passing test case, so the report shows what was checked. A build report adds one test case per
 * target (class {@code build}): passing when it built, failing when it did not, skipped when it
 * was not attempted.
 */
public final class JunitRenderer implements FindingsRenderer {

    @Override
    public void render(FindingsReport report, Writer out) throws IOException {
        List<String> cases = new ArrayList<>();
        int failures = 0;
        int skipped = 0;
        for (Finding f : report.findings()) {
            StringBuilder c = new StringBuilder();
            c.append("    <testcase classname=\"").append(attr(f.rule() + " " + f.name())).append("\" name=\"")
                    .append(attr(f.location().display())).append("\">\n");
            if (f.suppressed()) {
                skipped++;
                c.append("      <skipped message=\"").append(attr("suppressed (" + f.suppression().source() + "): "
                        + f.suppression().reason())).append("\"/>\n");
            } else {
                failures++;
                StringBuilder body = new StringBuilder(f.title() == null ? "" : f.title()).append('\n');
                body.append("at ").append(f.location().display()).append('\n');
                for (String e : f.evidence()) {
                    body.append("  ").append(e).append('\n');
                }
                if (f.fix() != null) {
                    body.append("fix: ").append(f.fix().summary()).append('\n');
                }
                c.append("      <failure type=\"").append(f.severity().id()).append("\" message=\"").append(attr(f.message()))
                        .append("\">").append(text(body.toString())).append("</failure>\n");
            }
            c.append("    </testcase>\n");
            cases.add(c.toString());
        }
        if (report.builds() != null) {
            // Each target is a test case too: a build that did not produce wheels fails.
            for (BuildTargets.Target t : report.builds().targets()) {
                StringBuilder c = new StringBuilder("    <testcase classname=\"build\" name=\"").append(attr(t.target())).append('"');
                if (t.seconds() != null) {
                    c.append(" time=\"").append(String.format(java.util.Locale.ROOT, "%.1f", t.seconds())).append('"');
                }
                if (t.succeeded()) {
                    c.append("/>\n");
                } else if (t.status().equals("not-built")) {
                    skipped++;
                    c.append(">\n      <skipped message=\"").append(attr(t.reason() == null ? "not built" : t.reason())).append("\"/>\n    </testcase>\n");
                } else {
                    failures++;
                    String body = (t.cause() == null ? "" : t.cause().rule() + " " + t.cause().name() + " at " + t.cause().location()
                            + "\n" + t.cause().message() + "\n") + (t.log() == null ? "" : "log: " + t.log() + "\n");
                    c.append(">\n      <failure type=\"build-").append(attr(t.status())).append("\" message=\"")
                            .append(attr(t.reason() == null ? t.status() : t.reason())).append("\">").append(text(body))
                            .append("</failure>\n    </testcase>\n");
                }
                cases.add(c.toString());
            }
        }
        for (RuleDefinition r : report.rules()) {
            if (report.findings().stream().noneMatch(f -> f.rule().equals(r.id()))) {
                cases.add("    <testcase classname=\"" + attr(r.id() + " " + r.name()) + "\" name=\"" + attr(r.title()) + "\"/>\n");
            }
        }
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"" + attr(report.toolName()) + "\" tests=\"" + cases.size() + "\" failures=\"" + failures
                + "\" errors=\"0\" skipped=\"" + skipped + "\">\n");
        RunInfo run = report.run();
        // the run's duration and start, and what it checked, as JUnit properties
        out.write("  <testsuite name=\"" + attr(report.toolName() + " " + report.toolVersion()) + "\" tests=\"" + cases.size()
                + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\""
                + (run == null ? "" : " time=\"" + run.seconds() + "\" timestamp=\""
                + run.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace("Z", "") + "\"") + ">\n");
        if (run != null) {
            out.write("    <properties>\n");
            out.write("      <property name=\"command\" value=\"" + attr(run.command()) + "\"/>\n");
            out.write("      <property name=\"subject\" value=\"" + attr(run.subject()) + "\"/>\n");
            out.write("      <property name=\"exitCode\" value=\"" + run.exitCode() + "\"/>\n");
            for (java.util.Map.Entry<String, Long> e : run.checked().entrySet()) {
                out.write("      <property name=\"checked." + attr(e.getKey()) + "\" value=\"" + e.getValue() + "\"/>\n");
            }
            for (RunInfo.Policy p : run.policies()) {
                out.write("      <property name=\"policy." + attr(p.name()) + "\" value=\"" + attr(p.value() + " (" + p.source() + ")") + "\"/>\n");
            }
            out.write("    </properties>\n");
        }
        for (String c : cases) {
            out.write(c);
        }
        out.write("  </testsuite>\n</testsuites>\n");
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    // XML 1.0 allows tab, LF, CR and chars from 0x20; others (e.g. ESC from a log) are dropped
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (!(c >= 0xFFFE)) {
                            sb.append(c);
                        }
                    }
                }
            }
        }
        return sb.toString();
    }
}
