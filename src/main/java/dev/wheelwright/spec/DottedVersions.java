package dev.wheelwright.spec;

/**
 * Numeric comparison of dotted release numbers as platform tags, deployment targets, glibc and
 * tool versions write them ({@code 10.13 > 10.9}, {@code 2.17 < 2.28}); not PEP 440 ordering,
 * which {@link Version} gives.
 */
public final class DottedVersions {
    private DottedVersions() {}

    /**
     * Compares numerically part by part; missing parts count as zero, and anything after the
     * numeric prefix of a part is ignored ({@code 2.17a} is {@code 2.17}).
     */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? leadingNumber(x[i]) : 0;
            long q = i < y.length ? leadingNumber(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long leadingNumber(String part) {
        int end = 0;
        while (end < part.length() && end < 18 && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Long.parseLong(part.substring(0, end));
    }
}
