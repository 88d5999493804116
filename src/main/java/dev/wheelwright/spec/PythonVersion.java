package dev.wheelwright.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target interpreter's language version, MAJOR.MINOR, optionally free-threaded ({@code 3.13t},
 * PEP 703: its ABI tag carries a {@code t} and it cannot load {@code abi3} extensions).
 */
public record PythonVersion(int major, int minor, boolean freeThreaded) implements Comparable<PythonVersion> {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})(?:\\.[0-9]{1,4})?(t?)");

    public PythonVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative Python version " + major + "." + minor);
        }
    }

    public PythonVersion(int major, int minor) {
        this(major, minor, false);
    }

    /**
     * Parses {@code 3.9}, {@code 3.12.1} (the micro version is ignored) or {@code 3.13t}.
     *
     * @throws InvalidPythonVersionException when the text is not of that form
     */
    public static PythonVersion parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new InvalidPythonVersionException("Invalid Python version: " + Py.repr(String.valueOf(text))
                    + " (expected MAJOR.MINOR, e.g. 3.9)");
        }
        PythonVersion v = new PythonVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                !m.group(3).isEmpty());
        if (v.freeThreaded() && !v.atLeast(3, 13)) {
            // PEP 703: the free-threaded build exists from CPython 3.13 on.
            throw new InvalidPythonVersionException("Invalid Python version: " + Py.repr(text)
                    + " (free-threaded CPython starts at 3.13)");
        }
        return v;
    }

    /** packaging's {@code _version_nodot}: {@code 310} for 3.10. */
    public String nodot() {
        return major + "" + minor;
    }

    @Override
    public int compareTo(PythonVersion o) {
        int c = Integer.compare(major, o.major);
        return c != 0 ? c : Integer.compare(minor, o.minor);
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    @Override
    public String toString() {
        return major + "." + minor + (freeThreaded ? "t" : "");
    }
}
