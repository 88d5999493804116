package dev.wheelwright.build;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The build processes alive right now. When the JVM ends (Ctrl-C on the command line, a kill),
 * a shutdown hook ends them and their children too — a compiler started by pip must not outlive
 * wheelwright.
 */
final class ChildProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    /** Builds between start and their log's final rename; the hook lets them finish that. */
    private static final java.util.concurrent.atomic.AtomicInteger IN_FLIGHT = new java.util.concurrent.atomic.AtomicInteger();
    private static volatile boolean hooked;

    private ChildProcesses() {}

    static void register(Process p) {
        if (!hooked) {
            synchronized (ChildProcesses.class) {
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::destroyAll, "wheelwright-stop-builds"));
                    hooked = true;
                }
            }
        }
        LIVE.add(p);
    }

    static void unregister(Process p) {
        LIVE.remove(p);
    }

    static void buildStarted() {
        IN_FLIGHT.incrementAndGet();
    }

    static void buildEnded() {
        IN_FLIGHT.decrementAndGet();
    }

    private static void destroyAll() {
        for (Process p : List.copyOf(LIVE)) {
            destroyTree(p, Duration.ofSeconds(2));
        }
        // Other threads still run during shutdown hooks: give the builds a moment to write the
        // end of their logs and rename them, so no half-written log is left behind.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (IN_FLIGHT.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Asks the process and all its descendants to stop (SIGTERM), then kills what is still alive
     * after the grace period. Descendants are listed first: once the parent is gone its children
     * are re-parented and no longer found through it.
     */
    static void destroyTree(Process p, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // still alive (or we were interrupted): killed below
                }
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
