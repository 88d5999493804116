package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;
import java.util.Locale;

/**
 * The file name's distribution and version must agree with METADATA's {@code Name} and
 * {@code Version} and with the {@code .dist-info} folder's name (binary distribution format);
 * installers that trust one and index servers that trust another disagree about what is installed.
 */
public final class WheelMetadataMismatchCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            String base = w.filename().endsWith(".whl") ? w.filename().substring(0, w.filename().length() - 4) : w.filename();
            String[] parts = base.split("-");
            if (parts.length < 5 || w.distInfo() == null) {
                continue;
            }
            String name = parts[0];
            String version = parts[1];
            if (w.metadata() != null) {
                String mdName = w.metadata().first("Name").orElse("");
                String mdVersion = w.metadata().first("Version").orElse("");
                if (!normalize(mdName).equals(normalize(name))) {
                    report(hits, w, w.distInfo() + "/METADATA", "METADATA Name", mdName, name);
                }
                if (!mdVersion.equals(version) && !mdVersion.replace('-', '_').equals(version)) {
                    report(hits, w, w.distInfo() + "/METADATA", "METADATA Version", mdVersion, version);
                }
            }
            String dir = w.distInfo().substring(0, w.distInfo().length() - ".dist-info".length());
            String[] dp = dir.split("-", 2);
            String dirName = dp[0];
            String dirVersion = dp.length > 1 ? dp[1] : "";
            if (!normalize(dirName).equals(normalize(name)) || !dirVersion.equals(version)) {
                report(hits, w, w.distInfo() + "/", "the .dist-info folder", w.distInfo(), name + "-" + version + ".dist-info");
            }
        }
    }

    private static void report(Hits hits, WheelFacts w, String member, String field, String found, String expected) {
        hits.add(WheelChecks.at(w, member),
                WheelChecks.values(w, "field", field, "found", found, "expected", expected),
                List.of(field + ": " + found, "file name: " + w.filename()));
    }

    /** PEP 503 normalisation: runs of -, _ and . are equal, case-insensitively. */
    private static String normalize(String s) {
        return s.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }
}
