package dev.wheelwright.build;

import java.util.Locale;

/**
 * The machine the builds run on: operating system and CPU, named as in wheel platform tags
 * ({@code x86_64}, {@code arm64} on macOS, {@code aarch64} on Linux, {@code i686}).
 */
public record HostPlatform(Os os, String machine) {

    public enum Os { LINUX, MACOS, WINDOWS, OTHER }

    /** The platform of this JVM. */
    public static HostPlatform current() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Os os = name.startsWith("linux") ? Os.LINUX
                : name.startsWith("mac") || name.startsWith("darwin") ? Os.MACOS
                : name.startsWith("windows") ? Os.WINDOWS : Os.OTHER;
        return new HostPlatform(os, normalise(os, System.getProperty("os.arch", "")));
    }

    /** JVM and uname spellings to tag spellings: amd64 → x86_64; aarch64 is arm64 on macOS. */
    static String normalise(Os os, String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> os == Os.MACOS ? "arm64" : "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "i686";
            default -> a;
        };
    }
}
