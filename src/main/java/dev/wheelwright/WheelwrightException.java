package dev.wheelwright;

/**
 * A problem with the user's input (a file, an argument, a project file) that stops the run.
 *
 * <p>The command line turns it into one line on stderr and exit code 2; the message must name
 * the input and say what is wrong with it, e.g. {@code dist/x.whl: not a zip file}. Every
 * package reports bad input through a subclass of this type so that no stack trace reaches the
 * user unless {@code -v} is given.
 */
public class WheelwrightException extends RuntimeException {
    public WheelwrightException(String message) {
        super(message);
    }

    public WheelwrightException(String message, Throwable cause) {
        super(message, cause);
    }
}
