package dev.wheelwright.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code match:} entry of a log rule.
 *
 * @param regex    the Java regular expression as written
 * @param pattern  the compiled expression
 * @param groups   its named groups, which become placeholders and condition variables
 * @param literals the pre-filter's needles: every line the regex matches contains at least one
 *                 of them (derived from the regex, or declared with {@code literal:}); empty
 *                 when none could be derived, in which case the regex runs on every line
 * @param ignoreCase whether the literals are to be found regardless of case
 * @param weak     declared with {@code weak: true}: a trace of the problem (a traceback frame,
 *                 a line printed before the decisive one) that makes a finding only when no
 *                 other pattern of the rule matched; never the finding's location or message
 *                 source while a line of another pattern is there
 */
public record LogPattern(String regex, Pattern pattern, List<String> groups, List<String> literals, boolean ignoreCase,
                         boolean weak) {
    public LogPattern {
        groups = List.copyOf(groups);
        literals = List.copyOf(literals);
    }

    public LogPattern(String regex, Pattern pattern, List<String> groups, List<String> literals, boolean ignoreCase) {
        this(regex, pattern, groups, literals, ignoreCase, false);
    }
}
