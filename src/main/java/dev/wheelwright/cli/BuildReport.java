package dev.wheelwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wheelwright.WheelwrightException;
import dev.wheelwright.build.BuildOutcome;
import dev.wheelwright.build.TargetResult;
import dev.wheelwright.build.Unbuildable;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/** The report of a build run: which targets built, which failed and why, then the findings. */
final class BuildReport {
    private BuildReport() {}

    static void write(CommandLine cl, CommonOptions common, BuildOutcome outcome, List<Finding> findings) throws IOException {
        String format = common.format.toLowerCase(Locale.ROOT);
        StringWriter buf = new StringWriter();
        PrintWriter w = new PrintWriter(buf);
        switch (format) {
            case "text" -> text(w, outcome, findings);
            case "json" -> json(w, outcome, findings);
            default -> throw new WheelwrightException("--format " + common.format + ": build reports text or json");
        }
        w.flush();
        if (common.output != null) {
            Path target = common.output.toAbsolutePath();
            Path tmp = Files.createTempFile(target.getParent(), ".wheelwright-", ".tmp");
            Files.writeString(tmp, buf.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            cl.getOut().print(buf);
            cl.getOut().flush();
        }
    }

    static void text(PrintWriter w, BuildOutcome o, List<Finding> findings) {
        long ok = o.results().stream().filter(TargetResult::succeeded).count();
        int all = o.results().size() + o.refused().size();
        w.printf("Built %d of %d target%s into %s (logs in %s)%n", ok, all, all == 1 ? "" : "s", o.out(), o.out().resolve("logs"));
        for (TargetResult r : o.results()) {
            String what = r.succeeded()
                    ? String.join(", ", r.wheels().stream().map(p -> p.getFileName().toString()).toList())
                    : r.detail() + "; log: " + r.log();
            w.printf(Locale.ROOT, "  %-11s %-10s %6.1f s  %s%n", r.target(), r.status().id(), r.duration().toMillis() / 1000.0, what);
        }
        for (Unbuildable u : o.refused()) {
            w.printf("  %-11s %-10s %8s  %s%n", u.target(), "not built", "", u.reason());
        }
        if (findings.isEmpty()) {
            w.println();
            w.println(o.anyFailed() ? "No rule recognises the failure; read the log above for the first error."
                    : "No problems found.");
            return;
        }
        w.println();
        int n = 1;
        for (Finding f : findings) {
            w.printf("%d. %s %s %s at %s%n", n++, f.severity().id(), f.rule(), f.name(), f.location().display());
            w.println("   " + f.message());
            for (String e : f.evidence()) {
                w.println("   > " + e);
            }
            if (f.fix() != null && f.fix().summary() != null) {
                w.println("   fix: " + f.fix().summary());
            }
        }
        Map<Severity, Long> counts = counts(findings);
        w.printf("%d error(s), %d warning(s), %d info%n", counts.get(Severity.ERROR), counts.get(Severity.WARNING), counts.get(Severity.INFO));
    }

    private static Map<Severity, Long> counts(List<Finding> findings) {
        Map<Severity, Long> m = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            m.put(s, findings.stream().filter(f -> !f.suppressed() && f.severity() == s).count());
        }
        return m;
    }

    static void json(PrintWriter w, BuildOutcome o, List<Finding> findings) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", Map.of("name", Version.NAME, "version", Version.VERSION));
        List<Object> builds = new ArrayList<>();
        for (TargetResult r : o.results()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("target", r.target());
            b.put("status", r.status().id());
            b.put("exitCode", r.exitCode() >= 0 ? r.exitCode() : null);
            b.put("log", r.log().toString());
            b.put("wheels", r.wheels().stream().map(Path::toString).toList());
            b.put("durationMs", r.duration().toMillis());
            b.put("reason", r.detail().isEmpty() ? null : r.detail());
            builds.add(b);
        }
        for (Unbuildable u : o.refused()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("target", u.target());
            b.put("status", "not-built");
            b.put("reason", u.reason());
            builds.add(b);
        }
        root.put("builds", builds);
        List<Object> fs = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule());
            m.put("name", f.name());
            m.put("severity", f.severity().id());
            m.put("title", f.title());
            m.put("message", f.message());
            m.put("location", location(f.location()));
            m.put("evidence", f.evidence());
            if (f.fix() != null) {
                Map<String, Object> fix = new LinkedHashMap<>();
                fix.put("summary", f.fix().summary());
                if (f.fix().action() != null) {
                    fix.put("action", f.fix().action());
                }
                m.put("fix", fix);
            }
            if (f.suppressed()) {
                m.put("suppressed", Map.of("source", f.suppression().source(), "reason", f.suppression().reason()));
            }
            fs.add(m);
        }
        root.put("findings", fs);
        Map<String, Object> summary = new LinkedHashMap<>();
        counts(findings).forEach((s, c) -> summary.put(s.id(), c));
        root.put("summary", summary);
        w.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    }

    static Map<String, Object> location(Location l) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (l instanceof Location.FileLine f) {
            m.put("file", f.file());
            m.put("line", f.line());
        } else if (l instanceof Location.WheelMember wm) {
            m.put("wheel", wm.wheel());
            m.put("member", wm.member());
            if (wm.arch() != null) {
                m.put("arch", wm.arch());
            }
        } else if (l instanceof Location.PathLocation p) {
            m.put("path", p.path());
        }
        return m;
    }
}
