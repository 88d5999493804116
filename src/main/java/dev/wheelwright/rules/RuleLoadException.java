package dev.wheelwright.rules;

import dev.wheelwright.WheelwrightException;

/**
 * A rule file that cannot be used: bad YAML, a missing or malformed field, a regular expression
 * that does not compile, a condition with a syntax or type error. The message starts with
 * {@code file:line:column:} and names the field, so a rule author can go straight to it.
 */
public class RuleLoadException extends WheelwrightException {
    public RuleLoadException(String message) {
        super(message);
    }

    public RuleLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
