package dev.wheelwright.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wheelwright.index.DepNode;
import dev.wheelwright.index.DependencyReport;
import dev.wheelwright.index.IndexProblem;
import dev.wheelwright.rules.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code deps} report: a dependency tree per target and the dependency × target matrix, then
 * the findings, as text, JSON (the findings document of cli.md with {@code subject},
 * {@code sources}, {@code targetsFrom}, {@code problems}, {@code targets} and {@code matrix} added)
 * or a standalone HTML page.
 */
public final class DepsRenderer {
    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String RED = "\u001B[31m";

    /** Said in every format: what the resolution is and is not. */
    public static final String RESOLUTION_NOTE = "newest allowed version per name, top-level requirements first, "
            + "first requirement wins; not a backtracking resolver";

    private DepsRenderer() {}

    /** Supported formats of {@code deps}; sarif, junit and github render the findings alone. */
    public static boolean handles(String format) {
        return format.equals("text") || format.equals("json") || format.equals("html");
    }

    public static void render(String format, DependencyReport deps, FindingsReport findings, boolean color, Writer out)
            throws IOException {
        switch (format) {
            case "text" -> text(deps, findings, color, out);
            case "json" -> json(deps, findings, out);
            case "html" -> html(deps, findings, out);
            default -> FindingsRenderer.forFormat(format, color).render(findings, out);
        }
    }

    // ------------------------------------------------------------------ text

    static void text(DependencyReport deps, FindingsReport findings, boolean color, Writer out) throws IOException {
        Paint p = new Paint(color);
        out.write(p.paint(BOLD, "Dependencies of " + deps.subject()) + "\n");
        out.write(p.paint(DIM, "sources: " + (deps.sources().isEmpty() ? "none" : String.join(", ", deps.sources()))) + "\n");
        if (deps.targetsFrom() != null) {
            out.write(p.paint(DIM, deps.targetsFrom()) + "\n");
        }
        out.write(p.paint(DIM, "resolution: " + RESOLUTION_NOTE) + "\n");
        for (IndexProblem problem : deps.problems()) {
            out.write(p.paint(RED, "could not read " + problem.message()) + "\n");
        }
        out.write("\n");
        for (DependencyReport.TargetTree t : deps.trees()) {
            out.write(p.paint(BOLD, t.target().label()) + "\n");
            for (DepNode.Kind kind : DepNode.Kind.values()) {
                List<DepNode> roots = t.roots().stream().filter(n -> n.kind() == kind).toList();
                if (roots.isEmpty()) {
                    continue;
                }
                out.write("  " + p.paint(DIM, kind == DepNode.Kind.BUILD ? "build requirements" : "requirements") + "\n");
                for (int i = 0; i < roots.size(); i++) {
                    tree(roots.get(i), "  ", i == roots.size() - 1, p, out);
                }
            }
            if (t.roots().isEmpty()) {
                out.write("  " + p.paint(DIM, "(no requirement applies to this target)") + "\n");
            }
            out.write("\n");
        }
        matrixText(deps, p, out);
        out.write("\n");
        new TextRenderer(color).render(findings, out);
    }

    private static void tree(DepNode n, String indent, boolean last, Paint p, Writer out) throws IOException {
        out.write(indent + (last ? "└── " : "├── ") + n.requirement() + " → " + p.status(n, cell(n))
                + (n.repeated() ? p.paint(DIM, " (already resolved)") : "")
                + (n.note() != null ? p.paint(DIM, "  " + n.note()) : "") + "\n");
        String child = indent + (last ? "    " : "│   ");
        for (int i = 0; i < n.children().size(); i++) {
            tree(n.children().get(i), child, i == n.children().size() - 1, p, out);
        }
    }

    /** What a matrix cell says: version and wheel tag, "sdist only", "no match" or "error". */
    static String cell(DepNode n) {
        String v = n.version() == null ? "" : n.version() + " ";
        return switch (n.status()) {
            case WHEEL -> v + n.tag();
            case SDIST_ONLY -> v + "sdist only" + (n.firstWheelVersion() != null ? " (wheel from " + n.firstWheelVersion() + ")" : "");
            case NO_MATCH -> v + "no match" + (n.firstWheelVersion() != null ? " (wheel from " + n.firstWheelVersion() + ")" : "");
            case ERROR -> "error";
        };
    }

    private static void matrixText(DependencyReport deps, Paint p, Writer out) throws IOException {
        List<String> cols = deps.trees().stream().map(t -> t.target().label()).toList();
        Map<String, Map<String, DepNode>> m = deps.matrix();
        int first = "dependency".length();
        for (String name : m.keySet()) {
            first = Math.max(first, name.length());
        }
        int[] widths = new int[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            widths[c] = cols.get(c).length();
            for (Map<String, DepNode> row : m.values()) {
                DepNode n = row.get(cols.get(c));
                widths[c] = Math.max(widths[c], n == null ? 1 : cell(n).length());
            }
        }
        StringBuilder head = new StringBuilder(pad("dependency", first));
        for (int c = 0; c < cols.size(); c++) {
            head.append("  ").append(pad(cols.get(c), widths[c]));
        }
        out.write(p.paint(BOLD, head.toString().stripTrailing()) + "\n");
        for (Map.Entry<String, Map<String, DepNode>> row : m.entrySet()) {
            StringBuilder line = new StringBuilder(pad(row.getKey(), first));
            for (int c = 0; c < cols.size(); c++) {
                DepNode n = row.getValue().get(cols.get(c));
                String text = n == null ? "-" : cell(n);
                line.append("  ").append(n == null ? p.paint(DIM, pad(text, widths[c])) : p.status(n, pad(text, widths[c])));
            }
            out.write(line.toString().stripTrailing() + "\n");
        }
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private record Paint(boolean color) {
        String paint(String code, String text) {
            return color ? code + text + RESET : text;
        }

        String status(DepNode n, String text) {
            return paint(switch (n.status()) {
                case WHEEL -> GREEN;
                case SDIST_ONLY -> YELLOW;
                case NO_MATCH, ERROR -> RED;
            }, text);
        }
    }

    // ------------------------------------------------------------------ json

    static void json(DependencyReport deps, FindingsReport findings, Writer out) throws IOException {
        StringWriter buf = new StringWriter();
        new JsonRenderer().render(findings, buf);
        ObjectNode root = (ObjectNode) JsonRenderer.MAPPER.readTree(buf.toString());
        ObjectNode doc = JsonFindings.F.objectNode();
        doc.set("schemaVersion", root.get("schemaVersion"));
        doc.set("tool", root.get("tool"));
        doc.put("subject", deps.subject());
        ArrayNode sources = doc.putArray("sources");
        deps.sources().forEach(sources::add);
        doc.put("resolution", RESOLUTION_NOTE);
        doc.put("targetsFrom", deps.targetsFrom());
        ArrayNode problems = doc.putArray("problems");
        for (IndexProblem problem : deps.problems()) {
            ObjectNode o = problems.addObject();
            o.put("kind", problem.kind().id());
            o.put("url", problem.url());
            o.put("source", problem.source());
            o.put("reason", problem.reason());
            ArrayNode pk = o.putArray("packages");
            problem.packages().forEach(pk::add);
        }
        ArrayNode targets = doc.putArray("targets");
        for (DependencyReport.TargetTree t : deps.trees()) {
            ObjectNode o = targets.addObject();
            o.put("label", t.target().label());
            o.put("platform", t.target().platform());
            o.put("python", t.target().python());
            o.put("implementation", t.target().impl());
            ArrayNode tree = o.putArray("tree");
            t.roots().forEach(n -> tree.add(node(n)));
        }
        ObjectNode matrix = doc.putObject("matrix");
        ArrayNode cols = matrix.putArray("targets");
        deps.trees().forEach(t -> cols.add(t.target().label()));
        ArrayNode rows = matrix.putArray("rows");
        for (Map.Entry<String, Map<String, DepNode>> row : deps.matrix().entrySet()) {
            ObjectNode r = rows.addObject();
            r.put("name", row.getKey());
            ObjectNode cells = r.putObject("cells");
            for (DependencyReport.TargetTree t : deps.trees()) {
                DepNode n = row.getValue().get(t.target().label());
                if (n == null) {
                    cells.putNull(t.target().label());
                } else {
                    ObjectNode c = cells.putObject(t.target().label());
                    c.put("status", n.status().label());
                    c.put("version", n.version());
                    c.put("tag", n.tag());
                    c.put("firstWheelVersion", n.firstWheelVersion());
                }
            }
        }
        for (String f : List.of("findings", "summary", "run")) {
            JsonNode v = root.get(f);
            if (v != null) {
                doc.set(f, v);
            }
        }
        JsonRenderer.MAPPER.writeValue(out, doc);
        out.write("\n");
    }

    private static ObjectNode node(DepNode n) {
        ObjectNode o = JsonFindings.F.objectNode();
        o.put("name", n.name());
        o.put("requirement", n.requirement());
        o.put("kind", n.kind().id());
        o.put("version", n.version());
        o.put("status", n.status().label());
        o.put("file", n.file());
        o.put("tag", n.tag());
        o.put("missingForTarget", n.missingForTarget());
        o.put("firstWheelVersion", n.firstWheelVersion());
        o.put("note", n.note());
        o.put("repeated", n.repeated());
        ArrayNode children = o.putArray("children");
        n.children().forEach(c -> children.add(node(c)));
        return o;
    }

    // ------------------------------------------------------------------ html

    static void html(DependencyReport deps, FindingsReport findings, Writer out) throws IOException {
        // the same page as every other command's (HtmlReport): header, counts, filters, findings
        // grouped by subject; the dependency sections come before the findings
        HtmlReport.Section sources = h -> {
            h.append("<h2 id=\"sources\">Dependencies of <code>").append(esc(deps.subject())).append("</code></h2>\n");
            h.append("<p>Sources: ").append(esc(deps.sources().isEmpty() ? "none" : String.join(", ", deps.sources())))
                    .append(deps.targetsFrom() == null ? "" : "<br>" + esc(capitalize(deps.targetsFrom())))
                    .append("<br>Resolution: ").append(esc(RESOLUTION_NOTE)).append("</p>\n");
            if (!deps.problems().isEmpty()) {
                h.append("<h2>Could not read</h2>\n<ul>\n");
                for (IndexProblem problem : deps.problems()) {
                    h.append("<li class=\"error-t\"><code>").append(esc(problem.url())).append("</code>: ").append(esc(problem.reason()))
                            .append(" (").append(esc(String.join(", ", problem.packages()))).append(")</li>\n");
                }
                h.append("</ul>\n");
            }
        };
        HtmlReport.Section matrix = h -> {
            h.append("<h2 id=\"matrix\">Matrix</h2>\n<table class=\"matrix\"><tr><th>dependency</th>");
            for (DependencyReport.TargetTree t : deps.trees()) {
                h.append("<th>").append(esc(t.target().label())).append("</th>");
            }
            h.append("</tr>\n");
            for (Map.Entry<String, Map<String, DepNode>> row : deps.matrix().entrySet()) {
                h.append("<tr><th>").append(esc(row.getKey())).append("</th>");
                for (DependencyReport.TargetTree t : deps.trees()) {
                    DepNode n = row.getValue().get(t.target().label());
                    if (n == null) {
                        h.append("<td class=\"none\">not needed</td>");
                    } else {
                        h.append("<td class=\"").append(cssClass(n)).append("\">").append(esc(cell(n))).append("</td>");
                    }
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        };
        HtmlReport.Section trees = h -> {
            for (DependencyReport.TargetTree t : deps.trees()) {
                h.append("<h2>").append(esc(t.target().label())).append("</h2>\n");
                for (DepNode.Kind kind : DepNode.Kind.values()) {
                    List<DepNode> roots = t.roots().stream().filter(n -> n.kind() == kind).toList();
                    if (roots.isEmpty()) {
                        continue;
                    }
                    h.append("<h3>").append(kind == DepNode.Kind.BUILD ? "build requirements" : "requirements")
                            .append("</h3>\n<ul class=\"tree\">\n");
                    for (DepNode n : roots) {
                        htmlNode(n, h);
                    }
                    h.append("</ul>\n");
                }
            }
        };
        HtmlReport.write(findings, "Dependencies of " + deps.subject(), List.of(sources, matrix, trees), out);
    }

    private static void htmlNode(DepNode n, StringBuilder h) {
        h.append("<li><code>").append(esc(n.requirement())).append("</code> → <span class=\"")
                .append(cssClass(n)).append("-t\">").append(esc(cell(n))).append("</span>");
        if (n.repeated()) {
            h.append(" <span class=\"note\">(already resolved)</span>");
        }
        if (n.note() != null) {
            h.append(" <span class=\"note\">").append(esc(n.note())).append("</span>");
        }
        if (!n.children().isEmpty()) {
            h.append("\n<ul class=\"tree\">\n");
            for (DepNode c : n.children()) {
                htmlNode(c, h);
            }
            h.append("</ul>");
        }
        h.append("</li>\n");
    }

    private static String cssClass(DepNode n) {
        return switch (n.status()) {
            case WHEEL -> "wheel";
            case SDIST_ONLY -> "sdist";
            case NO_MATCH -> "nomatch";
            case ERROR -> "error";
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
