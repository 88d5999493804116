package dev.wheelwright.rules.expr;

/**
 * A condition that does not parse or does not type-check. {@code offset} is the 0-based
 * character offset in the expression's source where the problem is; the rule loader turns it
 * into a file line and column.
 */
public final class ExprException extends Exception {
    private final int offset;

    public ExprException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
