package dev.wheelwright.binary;

import dev.wheelwright.WheelwrightException;

/** A binary that cannot be read: the message names the input and the defect. */
public class BinaryFormatException extends WheelwrightException {
    public BinaryFormatException(String message) {
        super(message);
    }
}
