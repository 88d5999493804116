package dev.wheelwright.wheel;

import java.util.List;
import java.util.Locale;

/**
 * What the user requires of the wheels beyond their own tags (the {@code audit} flags).
 *
 * @param requireArchs every binary must carry these archs ({@code --require-archs arm64,x86_64}), empty = none
 * @param minMacos     the wheels must install on this macOS ({@code --min-macos 11.0}), null = no requirement
 * @param manylinux    the wheels must install on this glibc policy, as "2.28" ({@code --manylinux 2_28}), null = none
 * @param java         the Java feature release bundled jars must run on ({@code --java 11}), 0 = take it from
 *                     METADATA {@code Requires-External: java (>=N)} when declared
 * @param targets      platform tags of machines that must each get a wheel that installs there
 *                     ({@code --target macosx_11_0_arm64}), empty = none
 */
public record AuditPolicy(List<String> requireArchs, String minMacos, String manylinux, int java, List<String> targets) {
    public AuditPolicy {
        requireArchs = List.copyOf(requireArchs);
        targets = List.copyOf(targets);
    }

    public AuditPolicy(List<String> requireArchs, String minMacos, String manylinux, int java) {
        this(requireArchs, minMacos, manylinux, java, List.of());
    }

    public static AuditPolicy none() {
        return new AuditPolicy(List.of(), null, null, 0);
    }

    /** The same policy with these target platforms. */
    public AuditPolicy withTargets(List<String> platforms) {
        return new AuditPolicy(requireArchs, minMacos, manylinux, java, platforms);
    }

    /**
     * Accepts {@code 2_28}, {@code 2.28}, {@code manylinux_2_28} and the PEP 600 legacy aliases;
     * returns the glibc version as "2.28".
     */
    public static String parseManylinux(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "manylinux1", "1" -> {
                return "2.5";
            }
            case "manylinux2010", "2010" -> {
                return "2.12";
            }
            case "manylinux2014", "2014" -> {
                return "2.17";
            }
            default -> {
                String v = t.startsWith("manylinux_") ? t.substring("manylinux_".length()) : t;
                if (!v.matches("\\d+[._]\\d+")) {
                    throw new IllegalArgumentException("'" + text + "' is not a manylinux policy (expected e.g. 2_28, manylinux_2_17 or manylinux2014)");
                }
                // PEP 600: manylinux_x_y names glibc x.y; every policy is glibc 2, and the oldest
                // (manylinux1, PEP 513) is glibc 2.5: anything older promises no system there is.
                String[] parts = v.split("[._]");
                if (!parts[0].equals("2") || Integer.parseInt(parts[1]) < 5) {
                    throw new IllegalArgumentException("'" + text + "' is not a manylinux policy: glibc " + parts[0] + "." + parts[1]
                            + " is older than the oldest policy, manylinux_2_5 (manylinux1)");
                }
                return v.replace('_', '.');
            }
        }
    }
}
