package dev.wheelwright.binary.elf;

/** Dotted numeric symbol versions (the part after {@code GLIBC_}, {@code GLIBCXX_}, ...). */
public final class SymbolVersion {
    private SymbolVersion() {}

    /** "2.17" → {2, 17}; null when not purely dotted digits (e.g. "PRIVATE"). */
    public static int[] parse(String text) {
        if (text.isEmpty() || text.length() > 32) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 6 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    /** Numeric comparison, missing parts counting as 0 (2.17 == 2.17.0). */
    public static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
