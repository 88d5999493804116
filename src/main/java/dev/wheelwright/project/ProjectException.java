package dev.wheelwright.project;

import dev.wheelwright.WheelwrightException;

/** A project folder that cannot be read at all (missing, not a folder, unreadable). */
public class ProjectException extends WheelwrightException {
    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
