package dev.wheelwright.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What GitHub code scanning documents as required of an uploaded SARIF file ("SARIF support for
 * code scanning", supported properties): {@code $schema}, {@code version} 2.1.0 and {@code runs};
 * per run {@code tool.driver.name} and {@code results}; per rule {@code id},
 * {@code shortDescription.text}, {@code fullDescription.text} and {@code help.text}; per result
 * {@code message.text}, one to ten {@code locations}, each with
 * {@code physicalLocation.artifactLocation.uri} and {@code region.startLine}, and
 * {@code partialFingerprints} (code scanning reads {@code primaryLocationLineHash}). Empty strings
 * do not count as values. Returns the problems, none for a file that meets them.
 */
public final class CodeScanningRequirements {
    private CodeScanningRequirements() {}

    public static List<String> problems(JsonNode sarif) {
        List<String> out = new ArrayList<>();
        text(sarif, "$schema", "$", out);
        if (!sarif.path("version").asText().equals("2.1.0")) {
            out.add("$.version: not 2.1.0");
        }
        if (!sarif.path("runs").isArray() || sarif.path("runs").isEmpty()) {
            out.add("$.runs: missing or empty");
        }
        int ri = 0;
        for (JsonNode run : sarif.path("runs")) {
            String r = "$.runs[" + ri++ + "]";
            text(run.path("tool").path("driver"), "name", r + ".tool.driver", out);
            if (!run.path("results").isArray()) {
                out.add(r + ".results: missing");
            }
            int di = 0;
            for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
                String d = r + ".tool.driver.rules[" + di++ + "]";
                text(rule, "id", d, out);
                text(rule.path("shortDescription"), "text", d + ".shortDescription", out);
                text(rule.path("fullDescription"), "text", d + ".fullDescription", out);
                text(rule.path("help"), "text", d + ".help", out);
                if (rule.path("shortDescription").path("text").asText().length() > 1024) {
                    out.add(d + ".shortDescription.text: over 1024 characters");
                }
                if (rule.path("fullDescription").path("text").asText().length() > 1024) {
                    out.add(d + ".fullDescription.text: over 1024 characters");
                }
            }
            int i = 0;
            for (JsonNode result : run.path("results")) {
                String p = r + ".results[" + i++ + "]";
                text(result.path("message"), "text", p + ".message", out);
                JsonNode locs = result.path("locations");
                if (!locs.isArray() || locs.isEmpty() || locs.size() > 10) {
                    out.add(p + ".locations: needs 1 to 10 locations");
                }
                for (JsonNode l : locs) {
                    text(l.path("physicalLocation").path("artifactLocation"), "uri", p + ".locations[].physicalLocation.artifactLocation", out);
                    if (l.path("physicalLocation").path("region").path("startLine").asInt(0) < 1) {
                        out.add(p + ".locations[].physicalLocation.region.startLine: missing");
                    }
                }
                if (!result.path("partialFingerprints").isObject() || result.path("partialFingerprints").isEmpty()) {
                    out.add(p + ".partialFingerprints: missing");
                }
            }
        }
        return out;
    }

    private static void text(JsonNode node, String field, String where, List<String> out) {
        if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
            out.add(where + "." + field + ": missing or empty");
        }
    }
}
