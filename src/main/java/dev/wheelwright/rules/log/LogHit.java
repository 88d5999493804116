package dev.wheelwright.rules.log;

import java.util.Map;

/**
 * One line of a log that one pattern of one rule matched.
 *
 * @param rule     index of the rule in the scanner's rule list
 * @param line     1-based line number in the original log
 * @param text     the normalised line (for a joined hard-wrapped line, the joined text)
 * @param captures the pattern's named groups (a group that did not take part is "")
 * @param pkg      the package being built at that line, "" when unknown
 * @param generic  whether the line is one of pip's generic closing lines (weak evidence)
 */
public record LogHit(int rule, long line, String text, Map<String, String> captures, String pkg, boolean generic) {}
