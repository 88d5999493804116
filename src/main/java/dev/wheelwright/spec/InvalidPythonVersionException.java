package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** A Python version that is not of the form MAJOR.MINOR (e.g. 3.9). The message quotes the input. */
public class InvalidPythonVersionException extends WheelwrightException {
    public InvalidPythonVersionException(String message) {
        super(message);
    }

    public InvalidPythonVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
