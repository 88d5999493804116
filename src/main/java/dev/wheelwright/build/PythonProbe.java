package dev.wheelwright.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks a Python interpreter what it is, by running a few lines of Python in a child process. */
public final class PythonProbe {
    private PythonProbe() {}

    /**
     * Prints key=value lines; find_spec does not import the modules, so it is quick and safe. A
     * module counts only when it has a file: a bare folder named {@code build} (setuptools leaves
     * one in every project it builds) is a namespace package to find_spec, not the build front end.
     */
    static final String SCRIPT = String.join("\n",
            "import platform, sysconfig, importlib.util as u",
            "print('version=' + platform.python_version())",
            "print('platform=' + sysconfig.get_platform())",
            "print('include=' + sysconfig.get_paths().get('include', ''))",
            "print('stdlib=' + sysconfig.get_paths().get('stdlib', ''))",
            "for m in ('build', 'pip', 'setuptools'):",
            "    s = u.find_spec(m)",
            "    print(m + '=' + ('1' if s is not None and s.origin not in (None, 'namespace') else '0'))");

    /**
     * @throws BuildException when the interpreter cannot be run or does not answer like Python
     */
    public static PythonInfo probe(String python) {
        Process p;
        try {
            // Run from a neutral folder: with -c, Python puts the working folder first on sys.path.
            p = new ProcessBuilder(List.of(python, "-c", SCRIPT)).directory(new java.io.File(System.getProperty("java.io.tmpdir")))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BuildException(python + ": cannot run the Python interpreter (" + reason(e) + ")");
        }
        try (InputStream in = p.getInputStream()) {
            p.getOutputStream().close();
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BuildException(python + ": the interpreter did not answer within 60 s");
            }
            if (p.exitValue() != 0) {
                String first = out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
                throw new BuildException(python + ": not a working Python interpreter (exit " + p.exitValue() + ": " + first + ")");
            }
            PythonInfo info = PythonInfo.parse(python, out);
            if (info.version().isEmpty() || info.platform().isEmpty()) {
                throw new BuildException(python + ": not a Python interpreter (unexpected answer)");
            }
            return info;
        } catch (IOException e) {
            throw new BuildException(python + ": " + reason(e));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BuildException(python + ": interrupted while asking the interpreter");
        }
    }

    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        // ProcessBuilder: 'Cannot run program "x": error=2, No such file or directory'
        int i = m.indexOf("error=");
        if (i >= 0) {
            int comma = m.indexOf(", ", i);
            return comma > 0 ? m.substring(comma + 2).toLowerCase(java.util.Locale.ROOT) : m.substring(i);
        }
        return m;
    }
}
