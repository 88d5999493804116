package dev.wheelwright.spec;

import dev.wheelwright.WheelwrightException;

/** A file name that is not a valid source distribution name ({@code name-version.tar.gz} or {@code .zip}). */
public class InvalidSdistFilenameException extends WheelwrightException {
    public InvalidSdistFilenameException(String message) {
        super(message);
    }

    public InvalidSdistFilenameException(String message, Throwable cause) {
        super(message, cause);
    }
}
