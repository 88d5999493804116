package dev.wheelwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wheelwright.AtomicFiles;
import dev.wheelwright.WheelwrightException;
import dev.wheelwright.report.FindingsReport;
import dev.wheelwright.report.JsonRenderer;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The findings of the last {@code audit}, {@code doctor} or {@code build} on this machine, so that
 * {@code explain N} / {@code explain RULE} and {@code fix N} work in a later command, as they do
 * in the shell. Kept in {@code $WHEELWRIGHT_STATE_DIR}, else {@code $XDG_CACHE_HOME/wheelwright},
 * else {@code ~/.cache/wheelwright}, as {@code last-run.json}: the JSON findings document plus the
 * command and the project folder. Saving is best effort: a read-only home never fails a run.
 */
final class LastRun {
    private LastRun() {}

    static final String FILE = "last-run.json";

    /** What was saved: the command, the project folder (absolute; null for audit) and the findings in report order. */
    record Saved(String command, Path project, List<Finding> findings) {
        /** A finding of a saved run, with the run it came from. */
        record Pick(Saved run, Finding finding) {}

        /** The n-th (1-based) finding. */
        Optional<Finding> finding(int n) {
            return n >= 1 && n <= findings.size() ? Optional.of(findings.get(n - 1)) : Optional.empty();
        }
    }

    /** The state folder; the system property {@code wheelwright.stateDir} wins (tests use it). */
    static Path dir() {
        String prop = System.getProperty("wheelwright.stateDir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("WHEELWRIGHT_STATE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "wheelwright");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "wheelwright");
    }

    /** Saves a run's findings; failures are ignored (the report already went out). */
    static void save(String command, Path project, FindingsReport report) {
        try {
            StringWriter w = new StringWriter();
            new JsonRenderer().render(report, w);
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode doc = (ObjectNode) mapper.readTree(w.toString());
            doc.put("command", command);
            if (project == null) {
                doc.putNull("project");
            } else {
                doc.put("project", project.toAbsolutePath().normalize().toString());
            }
            Path dir = dir();
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(FILE), mapper.writeValueAsString(doc));
        } catch (IOException | RuntimeException e) {
            // best effort: explain/fix by number then say there is no last run
        }
    }

    /**
     * Finding N of the last run, for {@code COMMAND N}, N as typed (digits; named as typed in errors).
     *
     * @throws WheelwrightException naming the command when no run was saved or it had fewer findings
     */
    static Saved.Pick pick(String command, String typed) {
        int n = number(typed);
        Saved last = load().orElseThrow(() -> new WheelwrightException(
                command + " " + typed + ": no saved run to take finding " + typed + " from (run audit, doctor, build or deps first)"));
        Finding f = last.finding(n).orElseThrow(() -> new WheelwrightException(command + " " + typed + ": the last " + last.command()
                + " reported " + last.findings().size() + " finding" + (last.findings().size() == 1 ? "" : "s")));
        return new Saved.Pick(last, f);
    }

    /** A finding number as typed (digits only); one too large for an int is past every run's end. */
    static int number(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The last run, if one was saved. */
    static Optional<Saved> load() {
        Path file = dir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = new ObjectMapper().readTree(file.toFile());
            List<Finding> findings = new ArrayList<>();
            for (JsonNode f : doc.path("findings")) {
                findings.add(finding(f));
            }
            String project = doc.path("project").isTextual() ? doc.path("project").asText() : null;
            return Optional.of(new Saved(doc.path("command").asText("?"), project == null ? null : Path.of(project), findings));
        } catch (IOException | RuntimeException e) {
            throw new WheelwrightException(file + ": the saved last run cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "); run the command again");
        }
    }

    private static Finding finding(JsonNode f) {
        JsonNode l = f.path("location");
        Location loc;
        if (l.has("file")) {
            loc = new Location.FileLine(l.path("file").asText(), l.path("line").asInt(0));
        } else if (l.has("wheel")) {
            loc = new Location.WheelMember(l.path("wheel").asText(), text(l, "member"), text(l, "arch"));
        } else {
            loc = new Location.PathLocation(l.path("path").asText(""));
        }
        List<String> evidence = new ArrayList<>();
        f.path("evidence").forEach(e -> evidence.add(e.asText()));
        JsonNode fix = f.path("fix");
        Finding.FindingFix ff = fix.isObject() ? new Finding.FindingFix(text(fix, "summary"), text(fix, "action")) : null;
        JsonNode s = f.path("suppression");
        Finding.Suppression sup = f.path("suppressed").asBoolean(false) && s.isObject()
                ? new Finding.Suppression(text(s, "source"), text(s, "reason")) : null;
        return new Finding(f.path("rule").asText(), f.path("name").asText(), Severity.parse(f.path("severity").asText()),
                text(f, "title"), f.path("message").asText(), loc, evidence, ff, sup, text(f, "package"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
