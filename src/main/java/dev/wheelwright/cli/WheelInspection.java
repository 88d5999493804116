package dev.wheelwright.cli;

import dev.wheelwright.binary.BinaryFacts;
import dev.wheelwright.spec.InvalidWheelFilenameException;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.WheelFilename;
import dev.wheelwright.wheel.HeaderFile;
import dev.wheelwright.wheel.RecordIssue;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelMember;
import dev.wheelwright.wheel.WheelTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code inspect} shows of a wheel, as the JSON object of cli.md ({@code filename, name,
 * version, build, tags, wheelMetadata, binaries}, plus more fields) and as text. Facts only: the
 * judgement is {@code audit}'s.
 */
final class WheelInspection {
    private WheelInspection() {}

    /** Core metadata fields that may appear several times (core metadata specification), shown as lists. */
    private static final List<String> MULTI_USE = List.of("Platform", "Supported-Platform", "Classifier", "Requires-Dist",
            "Requires-External", "Project-URL", "Provides-Extra", "Provides-Dist", "Obsoletes-Dist", "License-File",
            "Dynamic", "Requires", "Provides", "Obsoletes", "Import-Name", "Import-Namespace");

    static Map<String, Object> json(WheelFacts w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filename", w.filename());
        WheelFilename parsed = null;
        String filenameError = null;
        try {
            parsed = WheelFilename.parse(w.filename());
        } catch (InvalidWheelFilenameException e) {
            filenameError = e.getMessage();
        }
        m.put("name", parsed == null ? null : parsed.distribution());
        m.put("version", parsed == null ? null : parsed.version().toString());
        m.put("build", parsed == null || parsed.build() == null ? null : parsed.build().toString());
        List<Map<String, Object>> tags = new ArrayList<>();
        if (parsed != null) {
            for (Tag t : parsed.tags()) {
                tags.add(tag(t.interpreter(), t.abi(), t.platform()));
            }
        } else {
            WheelTags.fromFilename(w.filename()).forEach(t -> tags.add(tag(t.interpreter(), t.abi(), t.platform())));
        }
        m.put("tags", tags);
        if (filenameError != null) {
            m.put("filenameError", filenameError);
        }
        m.put("wheelMetadata", w.wheelFile() == null ? null : wheelFile(w.wheelFile()));
        m.put("metadata", w.metadata() == null ? null : metadata(w.metadata()));
        m.put("distInfo", w.distInfo());
        m.put("entryPoints", w.entryPoints());
        long size = 0;
        int files = 0;
        for (WheelMember member : w.members()) {
            if (!member.directory()) {
                files++;
                size += member.size();
            }
        }
        m.put("files", files);
        m.put("uncompressedSize", size);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("present", w.record() != null);
        record.put("rows", w.record() == null ? 0 : w.record().size());
        List<Map<String, Object>> issues = new ArrayList<>();
        for (RecordIssue i : w.recordIssues()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", i.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            x.put("path", i.path());
            x.put("line", i.line());
            issues.add(x);
        }
        record.put("issues", issues);
        m.put("record", record);
        List<Object> bins = new ArrayList<>();
        w.binaries().forEach(b -> bins.add(BinaryFacts.toJson(b.info())));
        m.put("binaries", bins);
        List<Object> invalid = new ArrayList<>();
        w.invalidBinaries().forEach(b -> invalid.add(Map.of("path", b.member(), "reason", b.reason())));
        m.put("invalidBinaries", invalid);
        List<Object> jars = new ArrayList<>();
        for (WheelFacts.BundledJar j : w.jars()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("path", j.member());
            x.put("classMajor", j.classMajor());
            x.put("javaRelease", j.javaVersion());
            x.put("newestClass", j.newestClass());
            jars.add(x);
        }
        m.put("jars", jars);
        return m;
    }

    private static Map<String, Object> tag(String interpreter, String abi, String platform) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("interpreter", interpreter);
        t.put("abi", abi);
        t.put("platform", platform);
        return t;
    }

    /** WHEEL as cli.md shows it: Root-Is-Purelib as a boolean, Tag as a list, other fields as text. */
    private static Map<String, Object> wheelFile(HeaderFile h) {
        Map<String, Object> m = new LinkedHashMap<>();
        h.fields().forEach((k, v) -> {
            if (k.equalsIgnoreCase("Tag")) {
                m.put(k, v);
            } else if (k.equalsIgnoreCase("Root-Is-Purelib") && v.size() == 1
                    && (v.get(0).equalsIgnoreCase("true") || v.get(0).equalsIgnoreCase("false"))) {
                m.put(k, Boolean.parseBoolean(v.get(0).toLowerCase(Locale.ROOT)));
            } else {
                m.put(k, v.size() == 1 ? v.get(0) : v);
            }
        });
        if (!m.containsKey("Tag")) {
            m.put("Tag", List.of());
        }
        return m;
    }

    private static Map<String, Object> metadata(HeaderFile h) {
        Map<String, Object> m = new LinkedHashMap<>();
        h.fields().forEach((k, v) -> {
            boolean multi = MULTI_USE.stream().anyMatch(k::equalsIgnoreCase);
            m.put(k, multi || v.size() > 1 ? v : v.get(0));
        });
        if (!h.body().isBlank()) {
            m.put("Description", h.body());
        }
        return m;
    }

    static List<String> text(WheelFacts w) {
        Map<String, Object> j = json(w);
        List<String> out = new ArrayList<>();
        out.add(w.wheel() + ": wheel");
        if (j.containsKey("filenameError")) {
            out.add("  file name: " + j.get("filenameError"));
        } else {
            out.add("  name " + j.get("name") + ", version " + j.get("version") + (j.get("build") == null ? "" : ", build " + j.get("build")));
        }
        List<String> nameTags = WheelTags.fromFilename(w.filename()).stream().map(Object::toString).toList();
        out.add("  tags (file name): " + (nameTags.isEmpty() ? "none" : String.join(" ", nameTags)));
        out.add("  tags (WHEEL):     " + (w.wheelTags().isEmpty() ? "none" : String.join(" ", w.wheelTags())));
        if (w.wheelFile() != null) {
            List<String> fields = new ArrayList<>();
            w.wheelFile().fields().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Tag")) {
                    fields.add(k + ": " + String.join(", ", v));
                }
            });
            out.add("  WHEEL: " + String.join("; ", fields));
        } else {
            out.add("  WHEEL: missing");
        }
        if (w.metadata() != null) {
            HeaderFile md = w.metadata();
            out.add("  metadata " + md.first("Metadata-Version").orElse("?") + ": " + md.first("Name").orElse("?") + " "
                    + md.first("Version").orElse("?") + md.first("Summary").map(s -> " - " + s).orElse(""));
            md.first("Requires-Python").ifPresent(v -> out.add("    Requires-Python: " + v));
            for (String r : md.all("Requires-Dist")) {
                out.add("    Requires-Dist: " + r);
            }
            for (String r : md.all("Requires-External")) {
                out.add("    Requires-External: " + r);
            }
        } else {
            out.add("  metadata: missing");
        }
        w.entryPoints().forEach((group, eps) -> eps.forEach((n, ref) -> out.add("  entry point [" + group + "] " + n + " = " + ref)));
        out.add("  " + j.get("files") + " files, " + j.get("uncompressedSize") + " bytes uncompressed; RECORD: "
                + (w.record() == null ? "missing" : w.record().size() + " rows, "
                + (w.recordIssues().isEmpty() ? "matches the archive" : w.recordIssues().size() + " disagreements")));
        for (WheelFacts.WheelBinary b : w.binaries()) {
            for (String line : BinaryFacts.toText(b.info())) {
                out.add("  " + line);
            }
        }
        for (WheelFacts.InvalidBinary b : w.invalidBinaries()) {
            out.add("  " + b.member() + ": not a readable binary: " + b.reason());
        }
        for (WheelFacts.BundledJar jar : w.jars()) {
            out.add("  " + jar.member() + ": jar, newest class " + (jar.newestClass() == null ? "none"
                    : jar.newestClass() + " (class file " + jar.classMajor() + ", Java " + jar.javaVersion() + ")"));
        }
        return out;
    }
}
