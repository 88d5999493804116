"""Complete CI job logs for testdata/logs/real-world/: whole jobs (checkout, setup, install,
build, test, teardown) in which the root cause sits far from the last line, and logs of jobs
that failed for reasons that are not build problems.

Each entry: (file name, lines, expected rule id or None). The root-cause line is marked with
ROOT; the writer computes its 1-based line number for EXPECTED.md.
"""

import re

from frames import ROOT, Rand, ansi, buildkit, cibuildwheel, collecting, gha, pip23, pip23_metadata
from pieces import gcc_compile, gcc_fatal_header, st_build, traceback
import cases as c  # reuse bodies where a case already models the failure
from jobs import CHECKOUT, SETUP_PY, gha_job, unrelated_jobs


def entries():
    out = []
    # 1. macOS cibuildwheel job, the .eggs collision in the arm64 build of a universal run
    body = _strip_gha(_case("WW-B001-setup-requires-egg-conflict", "cibuildwheel-gha-file-exists"))
    steps = [CHECKOUT, SETUP_PY, ("python -m pip install cibuildwheel==2.16.5",
                                  ["Collecting cibuildwheel==2.16.5", "  Downloading cibuildwheel-2.16.5-py3-none-any.whl (79 kB)",
                                   "Collecting bashlex!=0.13 (from cibuildwheel==2.16.5)", "  Downloading bashlex-0.18-py2.py3-none-any.whl (69 kB)",
                                   "Collecting bracex (from cibuildwheel==2.16.5)", "  Downloading bracex-2.4-py3-none-any.whl (11 kB)",
                                   "Installing collected packages: bracex, bashlex, cibuildwheel",
                                   "Successfully installed bashlex-0.18 bracex-2.4 cibuildwheel-2.16.5"]),
             ("python -m cibuildwheel --output-dir wheelhouse", body)]
    out.append(("gha-macos-cibuildwheel-eggs.log", gha(gha_job(steps, runner="macos-13", image="macos-13/20240218.1")), "WW-B001"))
    # 2. Docker build on a slim image: no compiler for an sdist-only dependency
    r = Rand(101)
    b = st_build("pyhash3", "pyhash3._hash", plat="linux-x86_64-cpython-311") + [
        gcc_compile("src/_hash.c", "build/temp.linux-x86_64-cpython-311/src/_hash.o", cc="gcc", includes=("/usr/local/include/python3.11",)),
        ROOT + "error: command 'gcc' failed: No such file or directory"]
    lines = ["#1 [internal] load build definition from Dockerfile", "#1 transferring dockerfile: 412B done", "#1 DONE 0.0s", "",
             "#2 [internal] load metadata for docker.io/library/python:3.11-slim", "#2 DONE 1.2s", "",
             "#3 [internal] load .dockerignore", "#3 transferring context: 2B done", "#3 DONE 0.0s", "",
             "#4 [app 1/5] FROM docker.io/library/python:3.11-slim@sha256:" + r.hexid(), "#4 CACHED", "",
             "#5 [internal] load build context", "#5 transferring context: 18.41kB done", "#5 DONE 0.0s", "",
             "#6 [app 2/5] WORKDIR /srv", "#6 CACHED", "", "#7 [app 3/5] COPY requirements.txt .", "#7 DONE 0.1s", ""]
    lines += buildkit(collecting(c.LINUX_DEPS, r) + pip23("pyhash3", "0.2.0", b, r), step=8, stage="app 4/5",
                      command="pip install --no-cache-dir -r requirements.txt")
    out.append(("docker-slim-no-compiler.log", lines, "WW-B016"))
    # 3. pip 20 on Ubuntu 18.04 without python3-dev
    out.append(("pip20-ubuntu-python-headers.log", ["$ sudo pip3 install -r requirements.txt"] + _case("WW-B017-python-headers-missing", "pip20-aarch64"), "WW-B017"))
    # 4. isolated build of an sdist whose setup.py imports numpy
    r = Rand(102)
    env = r.tmp("/tmp/pip-build-env-")
    tb = traceback([("/usr/local/lib/python3.11/site-packages/pip/_vendor/pyproject_hooks/_in_process/_in_process.py", 353, "<module>", "main()"),
                    ("/usr/local/lib/python3.11/site-packages/pip/_vendor/pyproject_hooks/_in_process/_in_process.py", 335, "main", "json_out['return_val'] = hook(**hook_input['kwargs'])"),
                    ("/usr/local/lib/python3.11/site-packages/pip/_vendor/pyproject_hooks/_in_process/_in_process.py", 118, "get_requires_for_build_wheel", "return hook(config_settings)"),
                    (f"{env}/overlay/lib/python3.11/site-packages/setuptools/build_meta.py", 325, "get_requires_for_build_wheel", "return self._get_build_requires(config_settings, requirements=['wheel'])"),
                    (f"{env}/overlay/lib/python3.11/site-packages/setuptools/build_meta.py", 295, "_get_build_requires", "self.run_setup()"),
                    (f"{env}/overlay/lib/python3.11/site-packages/setuptools/build_meta.py", 311, "run_setup", "exec(code, locals())"),
                    ("<string>", 6, "<module>", None)], ROOT + "ModuleNotFoundError: No module named 'numpy'")
    steps = [CHECKOUT, SETUP_PY, ("pip install -r requirements.txt",
                                  ["shell: /usr/bin/bash -e {0}"] + collecting(c.LINUX_DEPS, r) + pip23_metadata("pyemdx", "0.3.1", tb, r))]
    out.append(("gha-isolated-build-numpy.log", gha(gha_job(steps)), "WW-B022"))
    # 5. auditwheel in cibuildwheel on Linux
    out.append(("gha-linux-auditwheel.log", gha(gha_job([CHECKOUT, SETUP_PY, ("python -m cibuildwheel --output-dir wheelhouse",
                                                                          _strip_gha(_case("WW-B014-manylinux-policy-violation", "auditwheel-too-recent")))])), "WW-B014"))
    # 6. Windows runner, Python 3.12 without wheels for an old pin, no Build Tools (CRLF log)
    r = Rand(104)
    b = ["running bdist_wheel", "running build", "running build_py", "creating build\\lib.win-amd64-cpython-312\\netifacesx",
         "copying netifacesx\\__init__.py -> build\\lib.win-amd64-cpython-312\\netifacesx", "running build_ext",
         ROOT + 'error: Microsoft Visual C++ 14.0 or greater is required. Get it with "Microsoft C++ Build Tools": https://visualstudio.microsoft.com/visual-cpp-build-tools/']
    steps = [CHECKOUT, ("actions/setup-python@v5", ["with:", "  python-version: 3.12", "Successfully set up CPython (3.12.2)"]),
             ("python -m pip install -r requirements.txt", ["shell: C:\\Program Files\\PowerShell\\7\\pwsh.EXE -command \". '{0}'\""]
              + collecting([("requests", "2.31.0", "py3-none-any"), ("idna", "3.6", "py3-none-any")], r) + pip23("netifacesx", "0.11.0", b, r)
              + ["Error: Process completed with exit code 1."])]
    out.append(("gha-windows-msvc-crlf.log", gha(gha_job(steps, runner="windows-2022", image="windows-2022/20240226.1")), "WW-B016", True))
    # 7. uv sync of a project whose cffi-based dependency lacks OpenSSL headers
    out.append(("uv-openssl-headers.log", ["$ uv sync --python 3.10", "Using CPython 3.10.13 interpreter at: /usr/bin/python3.10",
                                           "Creating virtual environment at: .venv"] + _case("WW-B018-library-headers-missing", "uv-openssl"), "WW-B018"))
    # ---- unrelated failures: no WW-B finding --------------------------------------------------
    for name, lines in unrelated_jobs().items():
        out.append((f"unrelated-{name}.log", gha(lines), None))
    return out


_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z ")


def _strip_gha(lines):
    """Removes GitHub Actions timestamps from a case's lines, keeping the root-cause marker."""
    out = []
    for line in lines:
        marked = line.startswith(ROOT)
        text = _STAMP.sub("", line[len(ROOT):] if marked else line)
        out.append((ROOT if marked else "") + text)
    return out


def _case(rule, slug, kind="fail"):
    for k in c.CASES:
        if k.rule == rule and k.slug == slug and ((k.captures is None) == (kind == "pass")):
            return list(k.lines)
    raise KeyError((rule, slug))
