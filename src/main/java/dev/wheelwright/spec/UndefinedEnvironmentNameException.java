package dev.wheelwright.spec;

/** A marker names a variable the evaluation environment does not define (packaging {@code UndefinedEnvironmentName}). */
public class UndefinedEnvironmentNameException extends InvalidMarkerException {
    public UndefinedEnvironmentNameException(String message) {
        super(message);
    }
}
