package dev.wheelwright.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * The stable JSON document of cli.md ("Findings"), plus {@code schemaVersion}, per-finding
 * {@code suppressed} / {@code suppression}, {@code summary.suppressed} and, for {@code build}, a
 * {@code builds} array (one object per target: status, exit code, log, wheels, reason, cause). Summary counts leave
 * suppressed findings out, as {@code --fail-on} does.
 */
public final class JsonRenderer implements FindingsRenderer {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** One finding as it appears in {@code findings[]} (for {@code explain N --format json}). */
    public static ObjectNode finding(Finding f) {
        return JsonFindings.finding(f);
    }

    /**
     * What the run was: {@code command}, {@code subject}, {@code started}/{@code ended} (UTC),
     * {@code seconds}, {@code exitCode}, {@code checked} (counts by kind) and {@code policies}
     * (name, value, source).
     */
    static ObjectNode run(RunInfo info) {
        ObjectNode o = JsonFindings.F.objectNode();
        o.put("command", info.command());
        o.put("subject", info.subject());
        o.put("started", info.started().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        o.put("ended", info.ended().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        o.put("seconds", Double.parseDouble(info.seconds()));
        o.put("exitCode", info.exitCode());
        ObjectNode checked = o.putObject("checked");
        info.checked().forEach(checked::put);
        ArrayNode policies = o.putArray("policies");
        for (RunInfo.Policy p : info.policies()) {
            policies.addObject().put("name", p.name()).put("value", p.value()).put("source", p.source());
        }
        return o;
    }

    @Override
    public void render(FindingsReport report, Writer out) throws IOException {
        ObjectNode root = JsonFindings.F.objectNode();
        root.put("schemaVersion", FindingsReport.SCHEMA_VERSION);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", report.toolName());
        tool.put("version", report.toolVersion());
        if (report.builds() != null) {
            root.set("builds", JsonFindings.builds(report.builds()));
        }
        ArrayNode list = root.putArray("findings");
        for (Finding f : report.findings()) {
            list.add(JsonFindings.finding(f));
        }
        ObjectNode summary = root.putObject("summary");
        Map<Severity, Integer> c = report.counts();
        for (Severity s : Severity.values()) {
            summary.put(s.id(), c.get(s));
        }
        summary.put("suppressed", report.suppressedCount());
        if (report.run() != null) {
            root.set("run", run(report.run()));
        }
        MAPPER.writeValue(out, root);
        out.write("\n");
    }
}
