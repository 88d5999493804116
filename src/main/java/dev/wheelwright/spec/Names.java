package dev.wheelwright.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/** Distribution and extra names (PEP 503 normalisation, core metadata "Name" syntax). */
public final class Names {
    private Names() {}

    private static final class Grammar {
        // Core metadata "Name": ASCII letters and digits, with '.', '_' and '-' inside only.
        static final Pattern VALID = Pattern.compile("[a-z0-9]|[a-z0-9][a-z0-9._-]*[a-z0-9]", Pattern.CASE_INSENSITIVE);
    }

    /** PEP 503: lower case, every run of {@code -_.} becomes one {@code -}. */
    public static String canonicalize(String name) {
        String value = name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
        while (value.contains("--")) {
            value = value.replace("--", "-");
        }
        return value;
    }

    /** Whether {@code name} is already in PEP 503 normal form (packaging {@code is_normalized_name}). */
    public static boolean isNormalized(String name) {
        // packaging's ^([a-z0-9]|[a-z0-9]([a-z0-9-](?!--))*[a-z0-9])$, scanned by hand: the repeated
        // group of the pattern recurses once per character and overflows the stack on a long name
        int n = name.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (c != '-' || i == 0 || i == n - 1)) {
                return false;
            }
            // the lookahead follows the middle characters only: "--" right after the first one passes, as in packaging
            if (i >= 2 && c == '-' && name.charAt(i + 1) == '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a valid distribution name (core metadata "Name"). */
    public static boolean isValid(String name) {
        return Grammar.VALID.matcher(name).matches();
    }
}
