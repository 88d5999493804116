package dev.wheelwright.wheel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.fuzz.FuzzBounds;
import dev.wheelwright.fuzz.FuzzWarmUp;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A source distribution ({@code .tar.gz}) from arbitrary bytes, as {@code audit} reads one:
 * {@link SdistReader} (gzip, tar with GNU and PAX long names, PKG-INFO) and the rules over sdists.
 * Either all of it finishes within {@link FuzzBounds}, or the archive is refused with a
 * {@link WheelException}.
 */
class SdistFuzzTest {
    private static final List<RuleDefinition> RULES = RuleCatalog.load(List.of()).reading(Set.of(Reads.WHEEL, Reads.BINARY));
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("wheelwright-fuzz-sdist");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FuzzWarmUp.seeds(SdistFuzzTest.class, "audit", data -> audit(write(data)));
    }

    private static Path write(byte[] data) throws IOException {
        Path sdist = DIR.resolve(Thread.currentThread().getId() + "/demo-1.0.tar.gz");
        Files.createDirectories(sdist.getParent());
        Files.write(sdist, data);
        return sdist;
    }

    @FuzzTest(maxDuration = "10m")
    void audit(byte[] data) throws IOException {
        Path sdist = write(data);
        FuzzBounds.check("sdist of " + data.length + " bytes", data.length, () -> audit(sdist), WheelException.class);
    }

    static void audit(Path sdist) {
        SdistFacts s = new SdistReader(ArchiveLimits.defaults()).read(sdist, "fuzz.tar.gz");
        Facts facts = Facts.builder().put(WheelSet.class, new WheelSet(List.of())).put(SdistSet.class, new SdistSet(List.of(s)))
                .put(AuditPolicy.class, AuditPolicy.none()).build();
        for (Finding f : RuleEngine.run(RULES, facts)) {
            dev.wheelwright.report.JsonRenderer.finding(f).toString();
        }
    }
}
