package dev.wheelwright.build;

import dev.wheelwright.WheelwrightException;

/** A build that cannot run at all: no interpreter, no front end, no compiler, no buildable target. */
public class BuildException extends WheelwrightException {
    public BuildException(String message) {
        super(message);
    }
}
