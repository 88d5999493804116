package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.wheelwright.wheel.HeaderFile;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelMember;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: {@code inspect --format json} and its text over a wheel whose METADATA folds one value
 * over 200,000 lines and declares 50,000 fields, with 100,000 members: linear, so a few seconds.
 */
class WheelInspectionHostileTest {
    @Test
    void hugeMetadataAndManyMembersAreWrittenInLinearTime() {
        StringBuilder md = new StringBuilder("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nSummary: s\n");
        md.append(" folded\n".repeat(200_000));
        for (int i = 0; i < 50_000; i++) {
            md.append("X-Field-").append(i).append(": v\n");
        }
        md.append("\n").append("body line\n".repeat(100_000));
        List<WheelMember> members = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            members.add(new WheelMember("demo/m" + i + ".py", 1, 1, false, "x"));
        }
        String json = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            HeaderFile h = HeaderFile.parse(md.toString());
            WheelFacts w = new WheelFacts("fuzz.whl", "demo-1.0-py3-none-any.whl", members, List.of("demo-1.0.dist-info"),
                    "demo-1.0.dist-info", null, h, null, List.of(), Map.of(), List.of(), List.of(), List.of());
            InspectCommand.Inspection inspection = new InspectCommand.Inspection();
            inspection.wheels.add(WheelInspection.json(w));
            inspection.wheelText.add(String.join("\n", WheelInspection.text(w)));
            InspectCommand.text(inspection);
            return InspectCommand.json(inspection);
        });
        assertThat(json).contains("\"X-Field-49999\": \"v\"").contains("\"files\": 100000");
    }
}
