package dev.wheelwright.index;

import dev.wheelwright.WheelwrightException;

/**
 * A package index, a find-links folder or the HTTP cache could not give what was asked; the
 * message names the URL or folder and what went wrong, on one line.
 */
public class IndexException extends WheelwrightException {
    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
