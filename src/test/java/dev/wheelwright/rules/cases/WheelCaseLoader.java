package dev.wheelwright.rules.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelReader;
import dev.wheelwright.wheel.WheelSet;
import dev.wheelwright.wheel.WheelTags;
import dev.wheelwright.wheel.WheelWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads wheel and binary rule cases: a {@code <slug>.wheel.yaml} description, built here into a
 * real wheel in a temporary folder and read by {@link WheelReader}, or a real {@code .whl}.
 * The description format is documented in {@code rules/README.md} ("Wheel cases").
 */
public final class WheelCaseLoader implements CaseLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Override
    public Facts load(Path caseInput, Path ruleDir) throws Exception {
        String fileName = caseInput.getFileName().toString();
        if (fileName.endsWith(".whl")) {
            WheelFacts w = new WheelReader().read(caseInput, fileName);
            return Facts.builder().put(WheelSet.class, new WheelSet(List.of(w)))
                    .put(AuditPolicy.class, AuditPolicy.none()).build();
        }
        JsonNode doc = YAML.readTree(caseInput.toFile());
        String described = text(doc, "filename", "");
        if (dev.wheelwright.wheel.SdistReader.isSdist(described)) {
            // an sdist: the files exactly as listed (paths include the top-level folder)
            Path dir = Files.createTempDirectory("wheelwright-case-");
            dir.toFile().deleteOnExit();
            Path sdist = dir.resolve(described);
            sdist.toFile().deleteOnExit();
            try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                    new java.util.zip.GZIPOutputStream(Files.newOutputStream(sdist)))) {
                out.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
                for (JsonNode f : iterable(doc.get("files"))) {
                    byte[] data = f.has("text") ? f.get("text").asText().getBytes(StandardCharsets.UTF_8) : new byte[0];
                    var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(f.get("path").asText());
                    e.setSize(data.length);
                    out.putArchiveEntry(e);
                    out.write(data);
                    out.closeArchiveEntry();
                }
            }
            dev.wheelwright.wheel.SdistFacts s = new dev.wheelwright.wheel.SdistReader(dev.wheelwright.wheel.ArchiveLimits.defaults())
                    .read(sdist, described);
            return Facts.builder().put(WheelSet.class, new WheelSet(List.of()))
                    .put(dev.wheelwright.wheel.SdistSet.class, new dev.wheelwright.wheel.SdistSet(List.of(s)))
                    .put(AuditPolicy.class, AuditPolicy.none()).build();
        }
        Built built = build(doc, repositoryRoot(ruleDir), caseInput);
        JsonNode audit = doc.get("audit");
        dev.wheelwright.wheel.ArchiveLimits limits = dev.wheelwright.wheel.ArchiveLimits.defaults();
        if (audit != null && audit.has("max-uncompressed")) {
            limits = limits.withMaxTotalSize(audit.get("max-uncompressed").asLong());
        }
        WheelSet set;
        try {
            set = new WheelSet(List.of(new WheelReader(limits).read(built.wheel(), built.filename())));
        } catch (dev.wheelwright.wheel.ArchiveLimitException e) {
            // as the audit command does: an archive over a limit is refused, and that is a finding
            String reason = e.getMessage().substring(built.filename().length() + 2);
            set = new WheelSet(List.of(), List.of(new WheelSet.RefusedArchive(built.filename(), built.filename(), e.limit(), reason)));
        }
        return Facts.builder().put(WheelSet.class, set).put(AuditPolicy.class, policy(doc)).build();
    }

    /** A wheel written from a description. */
    public record Built(Path wheel, String filename) {}

    /** Builds the described wheel in a fresh temporary folder. */
    public static Built build(JsonNode doc, Path repoRoot, Path caseInput) throws Exception {
        String filename = text(doc, "filename", null);
        if (filename == null) {
            throw new IllegalArgumentException(caseInput + ": 'filename' is required");
        }
        String[] parts = filename.substring(0, filename.length() - 4).split("-");
        String name = parts[0];
        String version = parts.length > 1 ? parts[1] : "0";
        String distInfo = text(doc, "dist-info", name + "-" + version + ".dist-info");

        List<WheelWriter.Entry> entries = new ArrayList<>();
        for (JsonNode f : iterable(doc.get("files"))) {
            String path = f.get("path").asText();
            byte[] data;
            if (f.has("text")) {
                data = f.get("text").asText().getBytes(StandardCharsets.UTF_8);
            } else if (f.has("binary")) {
                data = Files.readAllBytes(repoRoot.resolve(f.get("binary").asText()));
            } else if (f.has("base64")) {
                data = Base64.getDecoder().decode(f.get("base64").asText().replaceAll("\\s", ""));
            } else {
                data = new byte[0];
            }
            int copies = f.has("copies") ? f.get("copies").asInt() : 1;
            for (int i = 0; i < copies; i++) {
                entries.add(new WheelWriter.Entry(path, data));
            }
        }

        JsonNode md = doc.get("metadata");
        if (md == null || md.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Metadata-Version", "2.1");
            fields.put("Name", name);
            fields.put("Version", version);
            if (md != null) {
                md.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            }
            entries.add(WheelWriter.Entry.text(distInfo + "/METADATA", headers(fields)));
        } else if (!md.asText().equals("omit")) {
            entries.add(WheelWriter.Entry.text(distInfo + "/METADATA", md.asText()));
        }

        JsonNode wh = doc.get("wheel");
        if (wh == null || wh.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Wheel-Version", "1.0");
            fields.put("Generator", "wheelwright-cases");
            boolean pure = WheelTags.platforms(filename).stream().allMatch(p -> p.family().equals("any"));
            fields.put("Root-Is-Purelib", Boolean.toString(pure));
            fields.put("Tag", WheelTags.fromFilename(filename).stream().map(Object::toString).toList());
            if (wh != null) {
                wh.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            }
            entries.add(WheelWriter.Entry.text(distInfo + "/WHEEL", headers(fields)));
        } else if (!wh.asText().equals("omit")) {
            entries.add(WheelWriter.Entry.text(distInfo + "/WHEEL", wh.asText()));
        }

        JsonNode rec = doc.get("record");
        String recordPath = distInfo + "/RECORD";
        if (rec == null || rec.asText().equals("generate") || rec.isObject()) {
            String record = WheelWriter.record(entries.stream().distinct().toList(), recordPath);
            record = dedupeRows(record);
            if (rec != null && rec.isObject()) {
                for (JsonNode c : iterable(rec.get("corrupt"))) {
                    // the row keeps its size but gets the hash of other content
                    String path = c.asText();
                    record = replaceRow(record, path, row -> {
                        String[] cols = row.split(",");
                        return cols[0] + ",sha256=" + WheelWriter.sha256(("not " + path).getBytes(StandardCharsets.UTF_8)) + "," + cols[2];
                    });
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = fieldsOf(rec.get("resize")); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    record = replaceRow(record, e.getKey(), row -> row.substring(0, row.lastIndexOf(',') + 1) + e.getValue().asText());
                }
                for (JsonNode d : iterable(rec.get("drop"))) {
                    record = replaceRow(record, d.asText(), row -> null);
                }
                StringBuilder sb = new StringBuilder(record);
                for (JsonNode a : iterable(rec.get("add"))) {
                    sb.append(a.asText()).append('\n');
                }
                record = sb.toString();
            }
            entries.add(WheelWriter.Entry.text(recordPath, record));
        } else if (!rec.asText().equals("omit")) {
            entries.add(WheelWriter.Entry.text(recordPath, rec.asText()));
        }

        Path dir = Files.createTempDirectory("wheelwright-case-");
        dir.toFile().deleteOnExit();
        Path wheel = dir.resolve(filename.replace('/', '_'));
        WheelWriter.write(wheel, entries);
        wheel.toFile().deleteOnExit();
        return new Built(wheel, filename);
    }

    /** The audit flags of a case ({@code audit:} mapping), as the audit command would build them. */
    public static AuditPolicy policy(JsonNode doc) {
        JsonNode a = doc.get("audit");
        if (a == null) {
            return AuditPolicy.none();
        }
        List<String> archs = new ArrayList<>();
        iterable(a.get("require-archs")).forEach(n -> archs.add(n.asText()));
        List<String> targets = new ArrayList<>();
        iterable(a.get("targets")).forEach(n -> targets.add(n.asText()));
        return new AuditPolicy(archs, text(a, "min-macos", null),
                a.has("manylinux") ? AuditPolicy.parseManylinux(a.get("manylinux").asText()) : null,
                a.has("java") ? a.get("java").asInt() : 0, targets);
    }

    private static String headers(Map<String, Object> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (v instanceof JsonNode n && n.isArray()) {
                n.forEach(x -> sb.append(k).append(": ").append(x.asText()).append('\n'));
            } else if (v instanceof List<?> l) {
                l.forEach(x -> sb.append(k).append(": ").append(x).append('\n'));
            } else if (v instanceof JsonNode n) {
                sb.append(k).append(": ").append(n.asText()).append('\n');
            } else {
                sb.append(k).append(": ").append(v).append('\n');
            }
        });
        return sb.toString();
    }

    private static String dedupeRows(String record) {
        return String.join("\n", record.lines().distinct().toList()) + "\n";
    }

    private static String replaceRow(String record, String path, java.util.function.UnaryOperator<String> f) {
        StringBuilder sb = new StringBuilder();
        for (String line : record.lines().toList()) {
            String out = line.startsWith(path + ",") ? f.apply(line) : line;
            if (out != null) {
                sb.append(out).append('\n');
            }
        }
        return sb.toString();
    }

    private static Iterable<JsonNode> iterable(JsonNode n) {
        return n == null ? List.of() : n;
    }

    private static Iterator<Map.Entry<String, JsonNode>> fieldsOf(JsonNode n) {
        return n == null ? java.util.Collections.emptyIterator() : n.fields();
    }

    private static String text(JsonNode doc, String field, String dflt) {
        JsonNode n = doc.get(field);
        return n == null || n.isNull() ? dflt : n.asText();
    }

    /** The folder holding pom.xml above the rule folder: binary paths in cases are relative to it. */
    static Path repositoryRoot(Path ruleDir) {
        Path p = ruleDir.toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }
}
