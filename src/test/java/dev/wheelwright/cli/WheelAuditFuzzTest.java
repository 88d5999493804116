package dev.wheelwright.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.fuzz.FuzzBounds;
import dev.wheelwright.report.JsonRenderer;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.SdistSet;
import dev.wheelwright.wheel.WheelException;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelReader;
import dev.wheelwright.wheel.WheelSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A wheel from arbitrary bytes, taken the way {@code audit} and {@code inspect --format json}
 * take it: {@link WheelReader} (zip, every member's codec, RECORD, METADATA, WHEEL, entry points,
 * binaries and bundled jars), the built-in wheel and binary rules with their messages filled,
 * each finding as JSON, and the inspection as JSON and text. Either all of it finishes within
 * {@link FuzzBounds}, or the wheel is refused with a {@link WheelException}.
 */
class WheelAuditFuzzTest {
    private static final List<RuleDefinition> RULES = RuleCatalog.load(List.of()).reading(Set.of(Reads.WHEEL, Reads.BINARY));
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("wheelwright-fuzz-wheel");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dev.wheelwright.fuzz.FuzzWarmUp.seeds(WheelAuditFuzzTest.class, "audit", data -> auditAndInspect(write(data)));
    }

    private static Path write(byte[] data) throws IOException {
        // one file per thread: a replay abandoned after its time bound may still be reading its own
        Path wheel = DIR.resolve(Thread.currentThread().getId() + "/demo-1.0-cp311-cp311-linux_x86_64.whl");
        Files.createDirectories(wheel.getParent());
        Files.write(wheel, data);
        return wheel;
    }

    @FuzzTest(maxDuration = "10m")
    void audit(byte[] data) throws IOException {
        Path wheel = write(data);
        FuzzBounds.check("wheel of " + data.length + " bytes", data.length, () -> auditAndInspect(wheel), WheelException.class);
    }

    static void auditAndInspect(Path path) throws Exception {
        WheelFacts w = new WheelReader().read(path, "fuzz.whl");
        Facts facts = Facts.builder().put(WheelSet.class, new WheelSet(List.of(w)))
                .put(SdistSet.class, new SdistSet(List.of())).put(AuditPolicy.class, AuditPolicy.none()).build();
        for (Finding f : RuleEngine.run(RULES, facts)) {
            JsonRenderer.finding(f).toString();
        }
        InspectCommand.Inspection inspection = new InspectCommand.Inspection();
        inspection.wheels.add(WheelInspection.json(w));
        inspection.wheelText.add(String.join("\n", WheelInspection.text(w)));
        InspectCommand.json(inspection);
        InspectCommand.text(inspection);
    }
}
