package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** A tag string that is not a valid PEP 425 compressed tag set (interpreter-abi-platform). The message quotes the input. */
public class InvalidTagException extends WheelwrightException {
    public InvalidTagException(String message) {
        super(message);
    }

    public InvalidTagException(String message, Throwable cause) {
        super(message, cause);
    }
}
