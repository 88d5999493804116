package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** A platform tag whose family wheelwright cannot compute the compatible platforms of. The message quotes the input. */
public class InvalidPlatformException extends WheelwrightException {
    public InvalidPlatformException(String message) {
        super(message);
    }

    public InvalidPlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
