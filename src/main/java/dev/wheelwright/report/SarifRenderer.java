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

        RunInfo info = report.run();
        SarifLocations where = new SarifLocations(info);
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
                d.putObject("fullDescription").put("text", title); // GitHub code scanning requires it
                String fix = f.fix() == null ? null : f.fix().summary();
                ObjectNode help = d.putObject("help");
                help.put("text", title + (fix == null ? "" : "\n\nFix: " + fix));
                help.put("markdown", "**" + title + "**" + (fix == null ? "" : "\n\n**Fix:** " + fix));
                d.putObject("defaultConfiguration").put("level", level(f.severity()));
                d.putObject("properties").putArray("tags").add("WW-" + familyOf(f.rule()));
            }
        }

        if (info != null) {
            // GitHub code scanning: the category (everything before the last '/') keeps the
            // analyses of different commands and subjects apart; the trailing '/' leaves the run id out.
            run.putObject("automationDetails").put("id", category(info) + "/");
            ObjectNode invocation = run.putArray("invocations").addObject();
            invocation.put("executionSuccessful", info.exitCode() == 0 || info.exitCode() == 1);
            invocation.put("exitCode", info.exitCode());
            invocation.put("startTimeUtc", info.started().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
            invocation.put("endTimeUtc", info.ended().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
            if (info.workDir() != null) {
                invocation.putObject("workingDirectory").put("uri", dirUri(info.workDir()));
            }
            ObjectNode invProps = invocation.putObject("properties");
            invProps.put("command", info.command());
            invProps.put("subject", info.subject());
            ObjectNode checked = invProps.putObject("checked");
            info.checked().forEach(checked::put);
            invProps.put("seconds", Double.parseDouble(info.seconds()));
            if (!info.policies().isEmpty()) {
                ArrayNode pol = invProps.putArray("policies");
                for (RunInfo.Policy p : info.policies()) {
                    pol.addObject().put("name", p.name()).put("value", p.value()).put("source", p.source());
                }
            }
            if (info.srcRoot() != null) {
                ObjectNode base = run.putObject("originalUriBaseIds").putObject(SarifLocations.SRCROOT);
                base.put("uri", dirUri(info.srcRoot()));
                base.putObject("description").put("text", "The root of the repository (the git working tree, else the folder wheelwright ran in).");
            }
        }

        // Wheels and logs are artifacts of the run; each is described once and results point at it by index.
        Map<String, Integer> artifactIndex = new java.util.LinkedHashMap<>();
        ArrayNode artifacts = JsonFindings.F.arrayNode();
        ArrayNode results = run.putArray("results");
        Map<String, Integer> seen = new HashMap<>();
        for (Finding f : report.findings()) {
            ObjectNode r = result(f, index.get(f.rule()), where);
            if (info != null) {
                ObjectNode al = (ObjectNode) r.path("locations").path(0).path("physicalLocation").path("artifactLocation");
                String kind = artifactKind(f, report);
                if (kind != null) {
                    String key = al.path("uri").asText() + "\u0000" + al.path("uriBaseId").asText();
                    Integer i = artifactIndex.get(key);
                    if (i == null) {
                        i = artifacts.size();
                        artifactIndex.put(key, i);
                        ObjectNode a = artifacts.addObject();
                        a.set("location", al.deepCopy());
                        a.putObject("description").put("text", kind.equals("wheel") ? "A wheel that was audited."
                                : "A build or install log that was diagnosed.");
                        a.putArray("roles").add(kind.equals("wheel") ? "analysisTarget" : "resultFile");
                        a.put("mimeType", kind.equals("wheel") ? "application/zip" : "text/plain");
                    }
                    al.put("index", i);
                }
                String fp = where.fingerprint(f);
                int n = seen.merge(fp, 1, Integer::sum);
                ObjectNode prints = r.putObject("partialFingerprints");
                prints.put("wheelwright/v1", fp);
                // GitHub code scanning uses only this key; ours is a hash of the rule, the location
                // without its line and the evidence, with the occurrence as CodeQL writes it.
                prints.put("primaryLocationLineHash", fp.substring(0, 16) + ":" + n);
            }
            results.add(r);
        }
        if (!artifacts.isEmpty()) {
            run.set("artifacts", artifacts);
        }
        ObjectNode runProps = run.putObject("properties");
        runProps.put("schemaVersion", FindingsReport.SCHEMA_VERSION);
        if (info != null) {
            runProps.put("command", info.command());
            runProps.put("subject", info.subject());
        }
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
        // GitHub code scanning requires fullDescription and shows at most 1024 characters of it
        d.putObject("fullDescription").put("text", r.explain().isBlank() ? r.title() : clip(r.explain().strip(), 1024));
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
        // the rule's own page in this project (its README beside rule.yaml); never a page elsewhere
        if (r.source() instanceof dev.wheelwright.rules.RuleSource.Classpath c) {
            d.put("helpUri", INFO_URI + "/blob/main/" + c.folder() + "/README.md");
        }
        d.putObject("defaultConfiguration").put("level", level(r.severity()));
        ObjectNode props = d.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        new java.util.LinkedHashSet<>(List.of(r.reads().id(), "WW-" + r.family(), familyName(r.family()))).forEach(tags::add);
        if (fix != null) {
            props.put("fix", fix);
        }
        if (!r.references().isEmpty()) {
            // the specifications and tools the rule is about; helpUri stays the rule's own page
            ArrayNode refs = props.putArray("references");
            r.references().forEach(refs::add);
        }
        if (r.fix() != null && r.fix().action() != null) {
            props.put("fixAction", r.fix().action());
        }
        return d;
    }

    private static ObjectNode result(Finding f, int ruleIndex, SarifLocations where) {
        ObjectNode o = JsonFindings.F.objectNode();
        o.put("ruleId", f.rule());
        o.put("ruleIndex", ruleIndex);
        o.put("level", level(f.severity()));
        o.putObject("message").put("text", f.message());
        ObjectNode loc = o.putArray("locations").addObject();
        Location l = f.location();
        ObjectNode phys = loc.putObject("physicalLocation");
        if (l instanceof Location.FileLine fl) {
            artifact(phys, where.uri(fl.file()));
            if (fl.line() > 0) {
                ObjectNode region = phys.putObject("region");
                region.put("startLine", fl.line());
                if (!f.evidence().isEmpty()) {
                    region.putObject("snippet").put("text", f.evidence().get(0));
                }
            } else if (where.active()) {
                phys.putObject("region").put("startLine", 1); // the whole file; code scanning needs a line
            }
        } else if (l instanceof Location.WheelMember w) {
            artifact(phys, where.uri(w.wheel()));
            if (where.active()) {
                phys.putObject("region").put("startLine", 1);
            }
            if (w.member() != null) {
                ObjectNode logical = loc.putArray("logicalLocations").addObject();
                logical.put("fullyQualifiedName", w.member() + (w.arch() == null ? "" : "[" + w.arch() + "]"));
                logical.put("name", w.member());
                logical.put("kind", "module");
            }
        } else {
            artifact(phys, where.uri(((Location.PathLocation) l).path()));
            if (where.active()) {
                phys.putObject("region").put("startLine", 1);
            }
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

    private static void artifact(ObjectNode phys, SarifLocations.Uri u) {
        ObjectNode a = phys.putObject("artifactLocation");
        a.put("uri", u.uri());
        if (u.baseId() != null) {
            a.put("uriBaseId", u.baseId());
        }
    }

    /** wheel, log or null (a project file: a file of the repository, not an artifact of the run). */
    private static String artifactKind(Finding f, FindingsReport report) {
        if (f.location() instanceof Location.WheelMember) {
            return "wheel";
        }
        RuleDefinition r = report.rule(f);
        if (f.location() instanceof Location.FileLine && r != null && r.reads() == dev.wheelwright.rules.Reads.LOG) {
            return "log";
        }
        if (f.location() instanceof Location.PathLocation p && p.path().toLowerCase(java.util.Locale.ROOT).endsWith(".whl")) {
            return "wheel";
        }
        return null;
    }

    /** automationDetails category: the command and its subject, e.g. {@code wheelwright/doctor/examples/cffi}. */
    static String category(RunInfo info) {
        // the first thing the command looked at (the project folder, the first wheel or log) names the analysis
        String subject = info.subject() == null || info.subject().isBlank() ? "." : info.subject().strip().split("\\s+")[0];
        String s = subject.replace('\\', '/').replaceAll("[^A-Za-z0-9._/-]+", "-").replaceAll("/+", "/");
        s = s.replaceAll("^(\\./)+", "").replaceAll("/$", "");
        if (s.isEmpty() || s.equals(".")) {
            s = "root";
        }
        return "wheelwright/" + info.command() + "/" + s;
    }

    private static String dirUri(String absolutePath) {
        String u = java.nio.file.Path.of(absolutePath).toUri().toString();
        return u.endsWith("/") ? u : u + "/";
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String familyOf(String ruleId) {
        String rest = ruleId.startsWith("WW-") ? ruleId.substring(3) : ruleId;
        int i = 0;
        while (i < rest.length() && Character.isLetter(rest.charAt(i))) {
            i++;
        }
        return rest.substring(0, i);
    }

    /** The family's word, as rules/README.md names the folders. */
    static String familyName(String family) {
        return switch (family) {
            case "B" -> "build";
            case "W" -> "wheel";
            case "M" -> "macho";
            case "E" -> "elf";
            case "X" -> "pe";
            case "J" -> "jvm";
            case "P" -> "project";
            case "D" -> "deps";
            default -> family.toLowerCase(java.util.Locale.ROOT);
        };
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

}
