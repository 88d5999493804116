package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** An environment marker that is not valid PEP 508 syntax or cannot be evaluated. The message quotes the input. */
public class InvalidMarkerException extends WheelwrightException {
    private final String detail;

    public InvalidMarkerException(String message) {
        super(message);
        this.detail = message;
    }

    /** With packaging's multi-line description (message, the input, a caret under the problem). */
    public InvalidMarkerException(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    /** packaging's description of the problem: for a syntax error, three lines ending in a caret. */
    public String detail() {
        return detail;
    }

    public InvalidMarkerException(String message, Throwable cause) {
        super(message, cause);
        this.detail = message;
    }
}
