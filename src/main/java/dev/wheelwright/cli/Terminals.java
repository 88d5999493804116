package dev.wheelwright.cli;

/** Facts about the terminal the process runs on. */
public final class Terminals {
    private Terminals() {}

    /** NO_COLOR (https://no-color.org): any non-empty value disables colour. */
    public static boolean colorAllowed(boolean noColorFlag) {
        String env = Env.get("NO_COLOR");
        return !noColorFlag && (env == null || env.isEmpty());
    }

    /** True when stdin and stdout are a terminal. */
    public static boolean interactive() {
        return System.console() != null;
    }
}
