package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PEP 639 license expressions: SPDX license expression syntax (SPDX specification, annex D) as
 * core metadata 2.4's {@code License-Expression} takes it. Identifiers and operators compare
 * case-insensitively; operators are {@code AND}, {@code OR}, {@code WITH} (an exception after a
 * license), with parentheses; a license may end in {@code +}; {@code LicenseRef-} identifiers
 * ({@code [A-Za-z0-9.-]}) name licenses outside the list. Pure: the license and exception lists
 * are given by the caller (they are data, with their SPDX list version).
 */
public final class LicenseExpression {
    private static final Pattern LICENSE_REF = Pattern.compile("licenseref-[a-z0-9.-]+");

    private LicenseExpression() {}

    /**
     * The problems of {@code expression}, empty when it is valid; each quotes what is wrong.
     *
     * @param licenses   lower-case identifier to its canonical spelling
     * @param exceptions lower-case exception identifier to its canonical spelling
     */
    public static List<String> problems(String expression, Map<String, String> licenses, Map<String, String> exceptions) {
        List<String> out = new ArrayList<>();
        if (expression == null || expression.isBlank()) {
            out.add("the expression is empty");
            return out;
        }
        List<String> tokens = List.of(expression.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+"));
        // grammar: expr := term (("and"|"or") term)* ; term := "(" expr ")" | license ["with" exception]
        int[] pos = {0};
        if (expr(tokens, pos, licenses, exceptions, out) && pos[0] < tokens.size()) {
            // a license name with spaces ('Apache 2.0') stops here: two terms without an operator
            out.add("'" + tokens.get(pos[0]) + "' follows '" + tokens.get(pos[0] - 1) + "' without AND, OR or WITH");
        }
        return out;
    }

    /** The expression with identifiers and operators in their canonical case, as packaging writes it; null when invalid. */
    public static String canonical(String expression, Map<String, String> licenses, Map<String, String> exceptions) {
        if (!problems(expression, licenses, exceptions).isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        String previous = "";
        for (String t : expression.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
            String lower = t.toLowerCase(Locale.ROOT);
            String c;
            if (Set3.OPERATORS.contains(lower) || t.equals("(") || t.equals(")")) {
                c = lower.toUpperCase(Locale.ROOT);
            } else if (previous.equals("with")) {
                c = exceptions.get(lower);
            } else {
                boolean plus = lower.endsWith("+");
                String id = plus ? lower.substring(0, lower.length() - 1) : lower;
                c = (id.startsWith("licenseref-") ? "LicenseRef-" + t.substring(11, t.length() - (plus ? 1 : 0)) : licenses.get(id))
                        + (plus ? "+" : "");
            }
            out.add(c);
            previous = lower;
        }
        return String.join(" ", out).replace("( ", "(").replace(" )", ")");
    }

    private static final class Set3 {
        static final java.util.Set<String> OPERATORS = java.util.Set.of("and", "or", "with");
    }

    private static boolean expr(List<String> t, int[] pos, Map<String, String> licenses, Map<String, String> exceptions, List<String> out) {
        if (!term(t, pos, licenses, exceptions, out)) {
            return false;
        }
        while (pos[0] < t.size()) {
            String op = t.get(pos[0]).toLowerCase(Locale.ROOT);
            if (!op.equals("and") && !op.equals("or")) {
                return true;
            }
            pos[0]++;
            if (!term(t, pos, licenses, exceptions, out)) {
                return false;
            }
        }
        return true;
    }

    private static boolean term(List<String> t, int[] pos, Map<String, String> licenses, Map<String, String> exceptions, List<String> out) {
        if (pos[0] >= t.size()) {
            out.add("the expression ends where a license was expected");
            return false;
        }
        String tok = t.get(pos[0]);
        if (tok.equals("(")) {
            pos[0]++;
            if (!expr(t, pos, licenses, exceptions, out)) {
                return false;
            }
            if (pos[0] >= t.size() || !t.get(pos[0]).equals(")")) {
                out.add("a '(' is not closed");
                return false;
            }
            pos[0]++;
            return true;
        }
        String lower = tok.toLowerCase(Locale.ROOT);
        if (lower.equals(")") || Set3.OPERATORS.contains(lower)) {
            out.add("'" + tok + "' where a license was expected");
            return false;
        }
        String id = lower.endsWith("+") ? lower.substring(0, lower.length() - 1) : lower;
        if (id.startsWith("licenseref-")) {
            if (!LICENSE_REF.matcher(id).matches()) {
                out.add("'" + tok + "' is not a valid LicenseRef (letters, digits, '.' and '-' only)");
            }
        } else if (!licenses.containsKey(id)) {
            out.add("'" + tok + "' is not an SPDX license identifier");
        }
        pos[0]++;
        if (pos[0] < t.size() && t.get(pos[0]).equalsIgnoreCase("with")) {
            pos[0]++;
            if (pos[0] >= t.size()) {
                out.add("'WITH' is not followed by an exception");
                return false;
            }
            String ex = t.get(pos[0]);
            if (!exceptions.containsKey(ex.toLowerCase(Locale.ROOT))) {
                out.add("'" + ex + "' is not an SPDX license exception identifier");
            }
            pos[0]++;
        }
        return true;
    }
}
