package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** An environment marker that is not valid PEP 508 syntax or cannot be evaluated. The message quotes the input. */
public class InvalidMarkerException extends WheelwrightException {
    public InvalidMarkerException(String message) {
        super(message);
    }

    public InvalidMarkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
