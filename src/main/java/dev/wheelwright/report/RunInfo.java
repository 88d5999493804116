package dev.wheelwright.report;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report says about the run itself: which command looked at which subject, when it
 * started and ended, its exit code, what it checked (counts, in the order they are shown:
 * wheels, members, binaries, slices, log lines, project files, targets) and where each policy
 * came from.
 *
 * @param command  the command ({@code audit}, {@code doctor}, {@code build}, {@code deps})
 * @param subject  what it looked at, as the user named it (a folder, wheels, logs); never an absolute path of the machine when the user gave a relative one
 * @param started  when the command started
 * @param ended    when the report was written
 * @param exitCode the exit code the run ends with
 * @param checked  counts of what was checked, by kind ({@code "wheels" -> 3})
 * @param policies each policy in effect, its value and where it came from
 * @param srcRoot  the folder that repository-relative URIs start from (the git root, else the
 *                 current folder), as an absolute path, or null
 * @param workDir  the folder the command ran in, as an absolute path (relative locations start there), or null
 */
public record RunInfo(String command, String subject, Instant started, Instant ended, int exitCode,
                      Map<String, Long> checked, List<Policy> policies, String srcRoot, String workDir) {

    public RunInfo {
        checked = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checked));
        policies = List.copyOf(policies);
    }

    /** One policy: its name ({@code manylinux}), value and source ({@code --manylinux}, {@code pyproject.toml [tool.wheelwright]}, ...). */
    public record Policy(String name, String value, String source) {}

    public Duration duration() {
        return Duration.between(started, ended);
    }

    /** Seconds, one decimal, as every format shows them. */
    public String seconds() {
        return String.format(java.util.Locale.ROOT, "%.1f", duration().toMillis() / 1000.0);
    }

    /** {@code 3 wheels, 120 members, 4 binaries}: every count, in order. */
    public String checkedText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : checked.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getValue()).append(' ').append(e.getValue() == 1 ? singular(e.getKey()) : e.getKey());
        }
        return sb.length() == 0 ? "nothing" : sb.toString();
    }

    /** {@code checked 3 wheels, 120 members in 0.4 s}. */
    public String checkedLine() {
        return "checked " + checkedText() + " in " + seconds() + " s";
    }

    static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        if (plural.endsWith("lines") || plural.endsWith("files") || plural.endsWith("s")) {
            return plural.substring(0, plural.length() - 1);
        }
        return plural;
    }
}
