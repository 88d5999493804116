package dev.wheelwright.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The tags an interpreter accepts, most preferred first, as pypa/packaging's {@code sys_tags()}
 * orders them: interpreter first, then platform, then ABI (PEP 425 "Use").
 */
public final class Tags {
    private Tags() {}

    /**
     * packaging {@code _cpython_abis} for a release (non-debug) build: {@code cp3X}, with the
     * {@code m} (pymalloc) flag before 3.8 and the {@code t} flag for a free-threaded build.
     */
    public static String cpythonAbi(PythonVersion python) {
        StringBuilder abi = new StringBuilder("cp").append(python.nodot());
        if (python.freeThreaded()) {
            abi.append('t');
        }
        if (!python.atLeast(3, 8)) {
            abi.append('m'); // pymalloc, the default build before 3.8
            if (!python.atLeast(3, 3)) {
                abi.append('u'); // PEP 393 (3.3) ended narrow/wide builds; wide (UCS-4) was the Linux default
            }
        }
        return abi.toString();
    }

    /**
     * packaging {@code cpython_tags(python_version, abis, platforms)} with the ABIs of a release
     * build: the interpreter's own ABI on every platform, then the stable ABI (PEP 384 {@code abi3}
     * from 3.2 on; {@code abi3t} for free-threaded builds), then {@code none}, then the stable ABI
     * of every older 3.x down to 3.2.
     */
    public static List<Tag> cpythonTags(PythonVersion python, List<String> platforms) {
        List<Tag> out = new ArrayList<>();
        String interpreter = "cp" + python.nodot();
        String abi = cpythonAbi(python);
        for (String p : platforms) {
            out.add(new Tag(interpreter, abi, p));
        }
        boolean stable = python.major() == 3 && python.minor() >= 2 || python.major() > 3;
        boolean abi3 = stable && !python.freeThreaded();
        boolean abi3t = stable && python.freeThreaded();
        if (abi3) {
            platforms.forEach(p -> out.add(new Tag(interpreter, "abi3", p)));
        }
        if (abi3t) {
            platforms.forEach(p -> out.add(new Tag(interpreter, "abi3t", p)));
        }
        platforms.forEach(p -> out.add(new Tag(interpreter, "none", p)));
        if (abi3 || abi3t) {
            for (int minor = python.minor() - 1; minor > 1; minor--) {
                String older = "cp" + python.major() + minor;
                for (String p : platforms) {
                    out.add(new Tag(older, abi3 ? "abi3" : "abi3t", p));
                }
            }
        }
        return out;
    }

    /**
     * packaging {@code generic_tags(interpreter, abis, platforms)}: each ABI (then {@code none})
     * on every platform.
     */
    public static List<Tag> genericTags(String interpreter, List<String> abis, List<String> platforms) {
        LinkedHashSet<String> all = new LinkedHashSet<>(abis);
        all.add("none");
        List<Tag> out = new ArrayList<>();
        for (String abi : all) {
            for (String p : platforms) {
                out.add(new Tag(interpreter, abi, p));
            }
        }
        return out;
    }

    /**
     * packaging {@code compatible_tags(python_version, interpreter, platforms)}: pure-Python tags,
     * {@code py3X}, {@code py3}, then older {@code py3Y} on every platform, the interpreter on
     * {@code any}, then the same Python tags on {@code any}.
     */
    public static List<Tag> compatibleTags(PythonVersion python, String interpreter, List<String> platforms) {
        List<String> pys = new ArrayList<>();
        pys.add("py" + python.nodot());
        pys.add("py" + python.major());
        for (int minor = python.minor() - 1; minor >= 0; minor--) {
            pys.add("py" + python.major() + minor);
        }
        List<Tag> out = new ArrayList<>();
        for (String py : pys) {
            for (String p : platforms) {
                out.add(new Tag(py, "none", p));
            }
        }
        if (interpreter != null) {
            out.add(new Tag(interpreter, "none", "any"));
        }
        for (String py : pys) {
            out.add(new Tag(py, "none", "any"));
        }
        return out;
    }

    /**
     * All tags, best first, of the interpreter {@code impl} (cp or pp) of version {@code python}
     * on the machine described by {@code platformTag}: packaging's {@code sys_tags()} there.
     *
     * @throws InvalidPythonVersionException for a Python version not of the form 3.9
     * @throws InvalidPlatformException for a platform tag of no known family
     * @throws dev.wheelwright.WheelwrightException for an implementation other than cp or pp
     */
    public static List<Tag> forTarget(String python, String impl, String platformTag) {
        return forTarget(PythonVersion.parse(python), impl, Platforms.compatible(platformTag));
    }

    public static List<Tag> forTarget(PythonVersion python, String impl, List<String> platforms) {
        String i = impl == null ? "cp" : impl.strip().toLowerCase(Locale.ROOT);
        List<Tag> out = new ArrayList<>();
        switch (i) {
            case "cp" -> {
                out.addAll(cpythonTags(python, platforms));
                out.addAll(compatibleTags(python, "cp" + python.nodot(), platforms));
            }
            case "pp" -> {
                if (python.freeThreaded()) {
                    throw new InvalidPythonVersionException("Invalid Python version: " + Py.repr(python.toString())
                            + " (PyPy has no free-threaded build)");
                }
                // PyPy's EXT_SUFFIX names its ABI pypy<py_version_nodot>_pp73 (PyPy 7.3, the only
                // ABI since PyPy 7.3.0); packaging tags it generically and adds pp3-none-any.
                out.addAll(genericTags("pp" + python.nodot(), List.of("pypy" + python.nodot() + "_pp73"), platforms));
                out.addAll(compatibleTags(python, "pp3", platforms));
            }
            default -> throw new dev.wheelwright.WheelwrightException("Invalid implementation " + Py.repr(impl)
                    + " (expected cp for CPython or pp for PyPy)");
        }
        return out;
    }
}
