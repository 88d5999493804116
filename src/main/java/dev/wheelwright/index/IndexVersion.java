package dev.wheelwright.index;

/** The version sent in the User-Agent header. */
final class IndexVersion {
    static final String VERSION = "0.1.0";

    private IndexVersion() {}
}
