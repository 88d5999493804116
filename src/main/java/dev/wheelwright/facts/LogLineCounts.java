package dev.wheelwright.facts;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many lines each log had as the rule engine streamed it (its line feeds, and a last line
 * without one), so that a report can say how many log lines it checked without reading the logs
 * a second time. A collector that wants the counts puts an instance into the facts; the engine
 * fills it in as it scans.
 */
public final class LogLineCounts {
    private final Map<BuildLogs.LogSource, Long> lines = new ConcurrentHashMap<>();

    public void put(BuildLogs.LogSource log, long n) {
        lines.put(log, n);
    }

    /** The count for {@code log}, or empty when it was not scanned. */
    public OptionalLong get(BuildLogs.LogSource log) {
        Long n = lines.get(log);
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }
}
