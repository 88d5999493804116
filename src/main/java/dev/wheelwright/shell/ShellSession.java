package dev.wheelwright.shell;

import dev.wheelwright.rules.Finding;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the shell remembers between commands: the findings of the last command that reported
 * some (and the project they are about), and the last build (its targets, their log files and
 * the wheels they produced).
 *
 * <p>A command that wants the session implements {@link Aware}; the shell hands the session to
 * every such command of the command tree before it runs a line. On the plain command line no
 * session is attached, so a command must treat it as optional.
 */
public final class ShellSession {

    /** A command that records into, or reads from, the shell's session. */
    public interface Aware {
        void attach(ShellSession session);
    }

    /** One target of the last build: its name, how it ended, its log file and the wheels it made. */
    public record BuiltTarget(String target, String status, Path log, List<Path> wheels) {
        public BuiltTarget {
            wheels = List.copyOf(wheels);
        }

        public BuiltTarget(String target, String status, Path log) {
            this(target, status, log, List.of());
        }
    }

    private List<Finding> findings = List.of();
    private String findingsSource = "";
    private Path findingsProject;
    private final Map<String, BuiltTarget> lastBuild = new LinkedHashMap<>();

    /** Remembers the findings of a command (e.g. {@code audit}), replacing the previous ones. */
    public synchronized void recordFindings(String source, List<Finding> found) {
        recordFindings(source, found, null);
    }

    /**
     * Remembers the findings of a command that looked at a project ({@code build}, {@code doctor}),
     * so that {@code fix N} knows which project finding N is about.
     */
    public synchronized void recordFindings(String source, List<Finding> found, Path project) {
        this.findings = List.copyOf(found);
        this.findingsSource = source;
        this.findingsProject = project;
    }

    /** The project folder of the remembered findings; empty when they were not about a project. */
    public synchronized Optional<Path> findingsProject() {
        return Optional.ofNullable(findingsProject);
    }

    /** Remembers the targets of a build, replacing the previous build. */
    public synchronized void recordBuild(List<BuiltTarget> targets) {
        lastBuild.clear();
        for (BuiltTarget t : targets) {
            lastBuild.put(t.target(), t);
        }
    }

    public synchronized List<Finding> findings() {
        return findings;
    }

    /** The command whose findings are remembered, e.g. {@code build}; empty when none. */
    public synchronized String findingsSource() {
        return findingsSource;
    }

    /** The n-th (1-based, as {@code findings} numbers them) finding of the last run. */
    public synchronized Optional<Finding> finding(int n) {
        return n >= 1 && n <= findings.size() ? Optional.of(findings.get(n - 1)) : Optional.empty();
    }

    public synchronized List<BuiltTarget> lastBuild() {
        return List.copyOf(lastBuild.values());
    }

    /** The wheels the last build produced, in target order; empty when there was none. */
    public synchronized List<Path> lastWheels() {
        return lastBuild.values().stream().flatMap(t -> t.wheels().stream()).toList();
    }

    public synchronized Optional<BuiltTarget> builtTarget(String target) {
        return Optional.ofNullable(lastBuild.get(target));
    }
}
