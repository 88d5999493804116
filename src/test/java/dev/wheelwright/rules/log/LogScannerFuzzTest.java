package dev.wheelwright.rules.log;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.WheelwrightException;
import dev.wheelwright.facts.BuildLogs;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.fuzz.FuzzBounds;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import java.util.List;
import java.util.Set;

/**
 * What {@code doctor --log FILE} does with a log of arbitrary bytes: the built-in log rules over
 * it, the scanner on its worker threads as in a real run ({@link #doctorLog} goes through the
 * whole {@link RuleEngine}, findings included). Hits or one error line naming the log, within the
 * time bound (a worker that never finishes leaves the reading thread waiting: that is the hang
 * this target looks for).
 */
class LogScannerFuzzTest {
    static final List<RuleDefinition> LOG_RULES = RuleCatalog.load(List.of()).reading(Set.of(Reads.LOG));

    static {
        // the first scan loads the scanner's classes and builds its tables: not an input's allocation
        byte[] warm = ("Building wheel for x (pyproject.toml) ... error\n  src/x.c:1:10: fatal error: Python.h: No such file or directory\n"
                + "Successfully installed x-1.0\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            run(warm);
        }
    }

    private static void run(byte[] data) {
        RuleEngine.run(LOG_RULES, Facts.builder().put(BuildLogs.class, BuildLogs.of(new BuildLogs.BytesLog("build.log", data))).build());
    }

    /** One scanner, as doctor builds one for all its logs: building its tables for each input would leave few inputs run. */
    private static final LogScanner SCANNER = new LogScanner(LOG_RULES, 2);

    /**
     * The scanner on its two worker threads, as {@code doctor --log} drives it; an I/O error is what
     * the rule engine turns into its one line naming the log. An input whose first byte is odd is
     * scanned with every rule wanting only its newest hit from the start (the deferred candidates,
     * their late tries for joins and their placing among the events: a real log reaches that
     * after a rule's 63rd hit, more than a fuzz input holds).
     */
    @FuzzTest(maxDuration = "10m")
    void scan(byte[] data) {
        boolean newest = data.length > 0 && (data[0] & 1) == 1;
        FuzzBounds.check("log of " + data.length + " bytes", data.length, () -> {
            int[] hits = new int[1];
            SCANNER.scan(new BuildLogs.BytesLog("build.log", data), h -> hits[0]++, rule -> false, rule -> newest, n -> { });
        }, WheelwrightException.class, java.io.IOException.class);
    }

    static void doctorLog(byte[] data) {
        FuzzBounds.check("log of " + data.length + " bytes", data.length, () -> run(data), WheelwrightException.class);
    }
}
