package dev.wheelwright.cli;

import dev.wheelwright.build.BuildPlan;
import dev.wheelwright.build.BuildRunner;
import dev.wheelwright.build.TargetResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress of running builds: on a terminal one status line redrawn in place (a spinner and each
 * target's current step); otherwise plain lines when a build starts and ends, for CI logs.
 */
final class BuildProgress implements BuildRunner.Listener, AutoCloseable {
    private static final String SPINNER = "|/-\\";

    private final PrintWriter err;
    private final boolean live;
    private final boolean quiet;
    private final Map<String, String> steps = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private int frame;
    private int lastWidth;

    BuildProgress(PrintWriter err, boolean live, boolean quiet) {
        this.err = err;
        this.live = live && !quiet;
        this.quiet = quiet;
        if (this.live) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wheelwright-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 0, 120, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public void started(BuildPlan plan) {
        steps.put(plan.target(), "starting " + plan.frontEnd());
        if (!live && !quiet) {
            synchronized (err) {
                err.println("build " + plan.target() + ": started (" + plan.frontEnd() + ", " + plan.arch() + ")");
                err.flush();
            }
        }
    }

    @Override
    public void line(BuildPlan plan, String line) {
        String step = step(line);
        if (step != null) {
            steps.put(plan.target(), step);
        }
    }

    @Override
    public void finished(TargetResult r) {
        steps.remove(r.target());
        if (quiet) {
            return;
        }
        synchronized (err) {
            clear();
            err.printf(Locale.ROOT, "build %s: %s in %.1f s%s%n", r.target(), r.status().id(),
                    r.duration().toMillis() / 1000.0,
                    r.succeeded() ? " (" + r.wheels().size() + (r.wheels().size() == 1 ? " wheel)" : " wheels)")
                            : " — " + r.detail() + "; log: " + r.log());
            err.flush();
        }
    }

    /** The part of a build's output worth showing as its current step, or null to keep the last. */
    static String step(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.length() < 4) {
            return null;
        }
        if (t.startsWith("running ") || t.startsWith("Building ") || t.startsWith("* ") || t.startsWith("building ")
                || t.startsWith("gcc ") || t.startsWith("cc ") || t.startsWith("clang ") || t.startsWith("x86_64-linux-gnu-gcc")
                || t.startsWith("creating ") || t.startsWith("Successfully") || t.startsWith("Processing ")
                || t.startsWith("error") || t.startsWith("ERROR")) {
            return t;
        }
        return null;
    }

    private void redraw() {
        if (steps.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(SPINNER.charAt(frame++ % SPINNER.length())).append(' ');
        steps.forEach((target, step) -> sb.append(target).append(": ").append(step).append("  "));
        int width = Math.max(20, columns() - 1);
        String text = sb.length() > width ? sb.substring(0, width - 1) + "…" : sb.toString();
        synchronized (err) {
            err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
            err.flush();
            lastWidth = text.length();
        }
    }

    private void clear() {
        if (live && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    private static int columns() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            synchronized (err) {
                clear();
                err.flush();
            }
        }
    }
}
