package dev.wheelwright.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks a Python interpreter what it is, by running a few lines of Python in a child process. */
public final class PythonProbe {
    private PythonProbe() {}

    /** Prints key=value lines; find_spec does not import the modules, so it is quick and safe. */
    static final String SCRIPT = String.join("\n",
            "import platform, sysconfig, importlib.util as u",
            "print('version=' + platform.python_version())",
            "print('platform=' + sysconfig.get_platform())",
            "for m in ('build', 'pip', 'setuptools'):",
            "    print(m + '=' + ('1' if u.find_spec(m) else '0'))");

    /**
     * @throws BuildException when the interpreter cannot be run or does not answer like Python
     */
    public static PythonInfo probe(String python) {
        Process p;
        try {
            p = new ProcessBuilder(List.of(python, "-c", SCRIPT)).redirectErrorStream(true).start();
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
