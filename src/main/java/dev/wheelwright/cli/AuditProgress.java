package dev.wheelwright.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress line for long audits: on a terminal, once a batch has run for {@link #DELAY_MS},
 * one line on stderr redrawn in place ({@code audit: 120/887 wheels, 1.2 GB of 3.6 GB}), erased
 * when the batch ends. Never on a pipe or file, never for a quick run, never with {@code -q}.
 */
final class AuditProgress implements AutoCloseable {
    static final long DELAY_MS = 2000;
    private final PrintWriter err;
    private final int total;
    private final long totalBytes;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> task;
    private volatile boolean drawn;

    private AuditProgress(PrintWriter err, int total, long totalBytes, boolean live) {
        this.err = err;
        this.total = total;
        this.totalBytes = totalBytes;
        if (live) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "audit-progress");
                t.setDaemon(true);
                return t;
            });
            task = timer.scheduleAtFixedRate(this::draw, DELAY_MS, 250, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
            task = null;
        }
    }

    static AuditProgress start(PrintWriter err, int total, long totalBytes, boolean quiet) {
        return new AuditProgress(err, total, totalBytes, !quiet && total > 1 && stderrIsTerminal());
    }

    /** A quiet one, for tests and for callers that do not show progress. */
    static AuditProgress none() {
        return new AuditProgress(null, 0, 0, false);
    }

    void finished(long archiveBytes) {
        done.incrementAndGet();
        bytes.addAndGet(archiveBytes);
    }

    private synchronized void draw() {
        String line = "audit: " + done.get() + "/" + total + " wheels, " + size(bytes.get()) + " of " + size(totalBytes);
        err.print("\r" + line + "\u001b[K");
        err.flush();
        drawn = true;
    }

    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        task.cancel(false);
        timer.shutdownNow();
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }

    static String size(long b) {
        if (b >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GB", b / (double) (1L << 30));
        }
        return String.format(java.util.Locale.ROOT, "%.0f MB", b / (double) (1L << 20));
    }

    /**
     * True when stderr is a terminal: on Linux, file descriptor 2 links to a tty device; elsewhere
     * the JVM's console (stdin and stdout a terminal) stands for it.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException e) {
            // fall through
        }
        return System.console() != null;
    }
}
