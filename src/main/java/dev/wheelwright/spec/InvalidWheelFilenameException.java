package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** A file name that is not a valid wheel file name (PEP 427, binary distribution format). The message quotes the input. */
public class InvalidWheelFilenameException extends WheelwrightException {
    public InvalidWheelFilenameException(String message) {
        super(message);
    }

    public InvalidWheelFilenameException(String message, Throwable cause) {
        super(message, cause);
    }
}
