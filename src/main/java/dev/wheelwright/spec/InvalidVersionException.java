package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** A version string that is not a valid PEP 440 version. The message quotes the input. */
public class InvalidVersionException extends WheelwrightException {
    public InvalidVersionException(String message) {
        super(message);
    }

    public InvalidVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
