package dev.wheelwright.spec;

/** A wheel file name whose build tag does not start with a digit (PEP 427). */
public class InvalidBuildTagException extends InvalidWheelFilenameException {
    public InvalidBuildTagException(String message) {
        super(message);
    }
}
