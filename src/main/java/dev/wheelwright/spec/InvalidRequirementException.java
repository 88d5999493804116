package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** A requirement string that is not valid PEP 508 syntax. The message quotes the input. */
public class InvalidRequirementException extends WheelwrightException {
    public InvalidRequirementException(String message) {
        super(message);
    }

    public InvalidRequirementException(String message, Throwable cause) {
        super(message, cause);
    }
}
