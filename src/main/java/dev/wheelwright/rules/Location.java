package dev.wheelwright.rules;

/**
 * Where a finding points: a line of a log or source file, a member (and slice) of a wheel, or
 * a path. Shapes are part of the JSON contract (cli.md).
 */
public sealed interface Location {

    /** A line in a log or project file; {@code line} is 1-based, 0 when unknown. */
    record FileLine(String file, int line) implements Location {}

    /** A member inside a wheel, optionally one arch slice of a binary; member and arch may be null. */
    record WheelMember(String wheel, String member, String arch) implements Location {}

    /** A file or folder as a whole. */
    record PathLocation(String path) implements Location {}

    /** A short human form: {@code build.log:12}, {@code x.whl!pkg/_ext.so[arm64]}, {@code setup.py}. */
    default String display() {
        if (this instanceof FileLine f) {
            return f.line() > 0 ? f.file() + ":" + f.line() : f.file();
        }
        if (this instanceof WheelMember w) {
            StringBuilder sb = new StringBuilder(w.wheel());
            if (w.member() != null) {
                sb.append('!').append(w.member());
            }
            if (w.arch() != null) {
                sb.append('[').append(w.arch()).append(']');
            }
            return sb.toString();
        }
        return ((PathLocation) this).path();
    }
}
