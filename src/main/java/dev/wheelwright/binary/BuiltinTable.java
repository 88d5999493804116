package dev.wheelwright.binary;

import java.io.IOException;
import java.io.InputStream;

/** The bytes of a data table shipped inside wheelwright's jar (policy and DLL tables). */
public final class BuiltinTable {
    private BuiltinTable() {
    }

    /** Reads {@code resource} next to {@code owner}; a missing or unreadable table is one line naming it. */
    public static byte[] bytes(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BinaryFormatException(resource + ": missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BinaryFormatException(resource + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
