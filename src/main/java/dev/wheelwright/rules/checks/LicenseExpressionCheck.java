package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.spec.CoreMetadata;
import dev.wheelwright.spec.LicenseExpression;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * PEP 639: {@code License-Expression} is an SPDX license expression over the SPDX list's
 * identifiers (kept as data with its list version), and every {@code License-File} is in the
 * wheel, under {@code .dist-info/licenses/} (before metadata 2.4, setuptools and wheel put them
 * in {@code .dist-info/} itself, which is accepted there). One finding per wheel.
 */
public final class LicenseExpressionCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            if (w.metadata() == null || w.distInfo() == null) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            SpdxLicenses spdx = SpdxLicenses.table();
            for (String expression : w.metadata().all("License-Expression")) {
                for (String p : LicenseExpression.problems(expression, spdx.licenses, spdx.exceptions)) {
                    problems.add("License-Expression '" + expression + "': " + p + " (SPDX list " + spdx.version + ")");
                }
            }
            String mv = w.metadata().first("Metadata-Version").orElse("").strip();
            boolean pep639 = CoreMetadata.VERSIONS.indexOf(mv) >= CoreMetadata.VERSIONS.indexOf("2.4");
            for (String lf : w.metadata().all("License-File")) {
                if (CoreMetadata.licenseFilePath(lf) != null) {
                    continue; // metadata-invalid reports a malformed path
                }
                String inLicenses = w.distInfo() + "/licenses/" + lf;
                boolean present = w.member(inLicenses).isPresent() || (!pep639 && w.member(w.distInfo() + "/" + lf).isPresent());
                if (!present) {
                    problems.add("License-File '" + lf + "' is not in the wheel (expected at " + inLicenses + ")");
                }
            }
            if (!problems.isEmpty()) {
                hits.add(WheelChecks.at(w, w.distInfo() + "/METADATA"), WheelChecks.values(w,
                        "file", w.distInfo() + "/METADATA", "problems", String.join("; ", problems),
                        "spdx", spdx.version), problems);
            }
        }
    }
}
