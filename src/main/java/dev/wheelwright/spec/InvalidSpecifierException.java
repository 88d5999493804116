package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** A version specifier that is not valid PEP 440 syntax. The message quotes the input. */
public class InvalidSpecifierException extends WheelwrightException {
    public InvalidSpecifierException(String message) {
        super(message);
    }

    public InvalidSpecifierException(String message, Throwable cause) {
        super(message, cause);
    }
}
