package dev.wheelwright.spec;

/** A compressed tag set component whose values are not in sorted order (PEP 425). */
public class UnsortedTagsException extends InvalidTagException {
    public UnsortedTagsException(String message) {
        super(message);
    }
}
