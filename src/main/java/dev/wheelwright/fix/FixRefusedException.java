package dev.wheelwright.fix;

import dev.wheelwright.WheelwrightException;

/** A fix that cannot be computed or applied safely; the message names the file and the reason. */
public class FixRefusedException extends WheelwrightException {
    public FixRefusedException(String message) {
        super(message);
    }

    public FixRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
