package dev.wheelwright.cli;

import java.util.Map;

/**
 * The process environment as the reporting commands read it ({@code GITHUB_ACTIONS},
 * {@code GITHUB_STEP_SUMMARY}, {@code NO_COLOR}). Tests replace it with {@link #override} to run a
 * command as it runs in a GitHub Actions job, without starting a process.
 */
public final class Env {
    private Env() {}

    private static volatile Map<String, String> override;

    public static String get(String name) {
        Map<String, String> o = override;
        return o != null ? o.get(name) : System.getenv(name);
    }

    /** Replaces the environment until {@link #reset()} (tests only). */
    static void override(Map<String, String> env) {
        override = Map.copyOf(env);
    }

    static void reset() {
        override = null;
    }
}
