package dev.wheelwright.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options of the commands that report findings (audit, doctor, build), besides
 * {@link CommonOptions}. Mixed in with {@code @Mixin FindingsOptions findings;}.
 */
public final class FindingsOptions {

    @Option(names = "--ignore", paramLabel = "RULE",
            description = "Report findings of RULE (name or id; repeatable, or comma-separated) as suppressed.")
    public List<String> ignore = new ArrayList<>();

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write the report as SARIF 2.1.0 to FILE (for code scanning).")
    public java.nio.file.Path sarif;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report as JUnit XML to FILE.")
    public java.nio.file.Path junit;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    public java.nio.file.Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one self-contained HTML page to FILE.")
    public java.nio.file.Path html;

    @Option(names = "--local", description = "The wheels stay on this machine, not meant for an index: "
            + "a plain linux_<arch> tag (plain-linux-tag) is info, not an error.")
    public boolean local;

    /** The report files asked for besides the console, by format, in a fixed order. */
    public java.util.Map<String, java.nio.file.Path> files() {
        java.util.Map<String, java.nio.file.Path> m = new java.util.LinkedHashMap<>();
        if (json != null) {
            m.put("json", json);
        }
        if (sarif != null) {
            m.put("sarif", sarif);
        }
        if (junit != null) {
            m.put("junit", junit);
        }
        if (html != null) {
            m.put("html", html);
        }
        return m;
    }
}
