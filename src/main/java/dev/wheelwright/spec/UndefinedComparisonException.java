package dev.wheelwright.spec;

/** A marker comparison that has no meaning, e.g. {@code os_name ~= "posix"} (packaging {@code UndefinedComparison}). */
public class UndefinedComparisonException extends InvalidMarkerException {
    public UndefinedComparisonException(String message) {
        super(message);
    }
}
