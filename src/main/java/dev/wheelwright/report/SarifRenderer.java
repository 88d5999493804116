package dev.wheelwright.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 (OASIS): one run; {@code tool.driver.rules} lists every rule that ran with its
 * title, explanation, README as help and fix; each result points at its rule by id and index;
 * a suppressed finding carries a SARIF {@code suppressions} entry (kind "external", the user's
 * reason as justification) instead of being dropped.
 */
public final class SarifRenderer implements FindingsRenderer {
    // SARIF 2.1.0 §3.13.3: $schema names the schema the log conforms to
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFO_URI = "https://github.com/wheelwright-dev/wheelwright";

    @Override
    public void render(FindingsReport report, Writer out) throws IOException {
        ObjectNode root = JsonFindings.F.objectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", report.toolName());
        driver.put("version", report.toolVersion());
        driver.put("semanticVersion", report.toolVersion());
        driver.put("informationUri", INFO_URI);

        List<RuleDefinition> rules = new ArrayList<>(report.rules());
        Map<String, Integer> index = new HashMap<>();
        ArrayNode ruleArray = driver.putArray("rules");
        for (RuleDefinition r : rules) {
            index.put(r.id(), ruleArray.size());
            ruleArray.add(rule(r));
        }
        // findings of rules not among the rules that ran still need a descriptor
        for (Finding f : report.findings()) {
            if (!index.containsKey(f.rule())) {
                index.put(f.rule(), ruleArray.size());
                ObjectNode d = ruleArray.addObject();
                d.put("id", f.rule());
                d.put("name", f.name());
                String title = f.title() == null ? f.name() : f.title();
                d.putObject("shortDescription").put("text", title);
                String fix = f.fix() == null ? null : f.fix().summary();
                ObjectNode help = d.putObject("help");
                help.put("text", title + (fix == null ? "" : "\n\nFix: " + fix));
                help.put("markdown", "**" + title + "**" + (fix == null ? "" : "\n\n**Fix:** " + fix));
                d.putObject("defaultConfiguration").put("level", level(f.severity()));
            }
        }

        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            results.add(result(f, index.get(f.rule())));
        }
        ObjectNode runProps = run.putObject("properties");
        runProps.put("schemaVersion", FindingsReport.SCHEMA_VERSION);
        if (report.builds() != null) {
            // SARIF 2.1.0 §3.8 property bags carry tool-specific data: the build targets ride there.
            runProps.set("builds", JsonFindings.builds(report.builds()));
        }
        JsonRenderer.MAPPER.writeValue(out, root);
        out.write("\n");
    }

    private static ObjectNode rule(RuleDefinition r) {
        ObjectNode d = JsonFindings.F.objectNode();
        d.put("id", r.id());
        d.put("name", r.name());
        d.putObject("shortDescription").put("text", r.title());
        if (!r.explain().isBlank()) {
            d.putObject("fullDescription").put("text", r.explain().strip());
        }
        String readme = r.readme().orElse(null);
        String fix = r.fix() == null ? null : r.fix().summary();
        StringBuilder text = new StringBuilder(r.title());
        if (fix != null) {
            text.append("\n\nFix: ").append(fix);
        }
        ObjectNode help = d.putObject("help");
        help.put("text", readme == null ? text.toString() : text + "\n\n" + readme.strip());
        help.put("markdown", (readme == null ? "**" + r.title() + "**" : readme.strip())
                + (fix == null ? "" : "\n\n**Fix:** " + fix));
        if (!r.references().isEmpty() && isUri(r.references().get(0))) {
            d.put("helpUri", r.references().get(0));
        }
        d.putObject("defaultConfiguration").put("level", level(r.severity()));
        ObjectNode props = d.putObject("properties");
        props.putArray("tags").add(r.reads().id()).add("WW-" + r.family());
        if (fix != null) {
            props.put("fix", fix);
        }
        if (r.fix() != null && r.fix().action() != null) {
            props.put("fixAction", r.fix().action());
        }
        return d;
    }

    private static ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode o = JsonFindings.F.objectNode();
        o.put("ruleId", f.rule());
        o.put("ruleIndex", ruleIndex);
        o.put("level", level(f.severity()));
        o.putObject("message").put("text", f.message());
        ObjectNode loc = o.putArray("locations").addObject();
        Location l = f.location();
        ObjectNode phys = loc.putObject("physicalLocation");
        if (l instanceof Location.FileLine fl) {
            phys.putObject("artifactLocation").put("uri", uri(fl.file()));
            if (fl.line() > 0) {
                ObjectNode region = phys.putObject("region");
                region.put("startLine", fl.line());
                if (!f.evidence().isEmpty()) {
                    region.putObject("snippet").put("text", f.evidence().get(0));
                }
            }
        } else if (l instanceof Location.WheelMember w) {
            phys.putObject("artifactLocation").put("uri", uri(w.wheel()));
            if (w.member() != null) {
                ObjectNode logical = loc.putArray("logicalLocations").addObject();
                logical.put("fullyQualifiedName", w.member() + (w.arch() == null ? "" : "[" + w.arch() + "]"));
                logical.put("name", w.member());
                logical.put("kind", "module");
            }
        } else {
            phys.putObject("artifactLocation").put("uri", uri(((Location.PathLocation) l).path()));
        }
        ObjectNode props = o.putObject("properties");
        props.put("name", f.name());
        if (f.packageName() != null) {
            props.put("package", f.packageName());
        }
        ArrayNode ev = props.putArray("evidence");
        f.evidence().forEach(ev::add);
        if (f.fix() != null) {
            props.put("fix", f.fix().summary());
            if (f.fix().action() != null) {
                props.put("fixAction", f.fix().action());
            }
        }
        if (f.suppressed()) {
            ObjectNode s = o.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            s.put("justification", f.suppression().reason());
            s.putObject("properties").put("source", f.suppression().source());
        }
        return o;
    }

    /** SARIF levels: error, warning, note (§3.27.10). */
    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** A relative URI reference for a path: forward slashes, percent-encoded where needed. */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        try {
            return new URI(null, null, p, null).getRawPath();
        } catch (URISyntaxException e) {
            return p.replace(" ", "%20");
        }
    }

    private static boolean isUri(String s) {
        return s.startsWith("http://") || s.startsWith("https://");
    }
}
