package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** A requirement string that is not valid PEP 508 syntax. The message quotes the input. */
public class InvalidRequirementException extends WheelwrightException {
    private final String detail;

    public InvalidRequirementException(String message) {
        super(message);
        this.detail = message;
    }

    /** With packaging's multi-line description (message, the input, a caret under the problem). */
    public InvalidRequirementException(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    /** packaging's description of the problem: for a syntax error, three lines ending in a caret. */
    public String detail() {
        return detail;
    }

    public InvalidRequirementException(String message, Throwable cause) {
        super(message, cause);
        this.detail = message;
    }
}
