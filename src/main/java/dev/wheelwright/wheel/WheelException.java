package dev.wheelwright.wheel;

import dev.wheelwright.WheelwrightException;

/**
 * A wheel that cannot be read at all (not a zip, truncated, over the archive safety limits).
 * The message names the wheel and the defect, e.g. {@code dist/x.whl: not a zip file}. Defects
 * inside a readable wheel are findings, never this exception.
 */
public class WheelException extends WheelwrightException {
    public WheelException(String message) {
        super(message);
    }

    public WheelException(String message, Throwable cause) {
        super(message, cause);
    }
}
