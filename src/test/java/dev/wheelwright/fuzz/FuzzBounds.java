package dev.wheelwright.fuzz;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The contract every fuzz test checks for one input: the reader finishes within {@link #TIME_MILLIS},
 * allocates at most {@link #ALLOCATION_BYTES} plus a multiple of the input's size, and lets only its
 * documented error types escape, each with a one-line message of bounded length.
 *
 * <p>When Jazzer fuzzes (environment variable {@code JAZZER_FUZZ} set) the body runs on the calling
 * thread, so that coverage and libFuzzer's own timeout see it; when the committed inputs are replayed
 * in {@code mvn verify}, it runs on a worker thread that is abandoned after the time bound, so a hang
 * fails the test instead of stopping the build.
 */
public final class FuzzBounds {
    /** Per input, measured generously: a 2-core CI machine under load. */
    public static final long TIME_MILLIS = 5_000;
    /** Allocation allowed on top of {@link #BYTES_PER_INPUT_BYTE} times the input's length. */
    public static final long ALLOCATION_BYTES = 256L << 20;
    public static final long BYTES_PER_INPUT_BYTE = 64;
    /** An error message longer than this quotes too much of the input. */
    public static final int MAX_MESSAGE = 600;

    private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null
            && !System.getenv("JAZZER_FUZZ").isEmpty();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-replay");
        t.setDaemon(true);
        return t;
    });

    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private FuzzBounds() {
    }

    /**
     * Runs {@code body} on one input of {@code inputLength} bytes (or characters) and throws an
     * {@link AssertionError} naming {@code what} when the contract above is broken.
     */
    @SafeVarargs
    public static void check(String what, long inputLength, Body body, Class<? extends Throwable>... documented) {
        if (FUZZING) {
            measured(what, inputLength, body, documented);
            return;
        }
        Future<?> f = WORKERS.submit(() -> {
            measured(what, inputLength, body, documented);
            return null;
        });
        try {
            f.get(TIME_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + ": no result within " + TIME_MILLIS + " ms (input of " + inputLength + ")");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(what + ": " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted", e);
        }
    }

    private static void measured(String what, long inputLength, Body body, Class<? extends Throwable>[] documented) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        long start = System.nanoTime();
        try {
            body.run();
        } catch (Throwable t) {
            if (Arrays.stream(documented).noneMatch(d -> d.isInstance(t))) {
                throw new AssertionError(what + " threw an undocumented " + t.getClass().getName() + ": " + t.getMessage(), t);
            }
            String m = t.getMessage();
            if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0 || m.length() > MAX_MESSAGE) {
                throw new AssertionError(what + ": the error message is not one bounded line: " + m, t);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        long allowed = ALLOCATION_BYTES + BYTES_PER_INPUT_BYTE * inputLength;
        if (allocated > allowed) {
            throw new AssertionError(what + ": allocated " + allocated + " bytes for an input of " + inputLength
                    + " (bound " + allowed + ")");
        }
        if (FUZZING && millis > TIME_MILLIS) {
            throw new AssertionError(what + ": took " + millis + " ms for an input of " + inputLength);
        }
    }
}
