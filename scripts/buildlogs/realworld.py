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


def gha_job(steps, runner="ubuntu-22.04", image="ubuntu22/20240225.1"):
    """A GitHub Actions job: runner banner, then `##[group]Run ...` steps."""
    out = ["Current runner version: '2.314.1'", "Operating System", "  Ubuntu" if "ubuntu" in runner else "  macOS",
           "  22.04.4" if "ubuntu" in runner else "  13.6.4", "  LTS" if "ubuntu" in runner else "  22G513",
           "Runner Image", f"  Image: {image}", "  Version: 20240225.1.0",
           "GITHUB_TOKEN Permissions", "  Contents: read", "  Metadata: read",
           "Secret source: Actions", "Prepare workflow directory", "Prepare all required actions",
           "Getting action download info", "Download action repository 'actions/checkout@v4' (SHA:b4ffde65f46336ab88eb53be808477a3936bae11)",
           "Download action repository 'actions/setup-python@v5' (SHA:0a5c61591373683505ea898e09a3ea4f39ef2b9c)",
           "Complete job name: build"]
    for name, body in steps:
        out.append(f"##[group]Run {name}")
        out += body
        out.append("##[endgroup]")
    return out


CHECKOUT = ("actions/checkout@v4", ["with:", "  repository: example/app", "  fetch-depth: 1",
                                    "Syncing repository: example/app", "Getting Git version info",
                                    "Temporarily overriding HOME='/home/runner/work/_temp/2b1c' before making global git config changes",
                                    "Initializing the repository", "[command]/usr/bin/git init /home/runner/work/app/app",
                                    "hint: Using 'master' as the name for the initial branch.",
                                    "Fetching the repository",
                                    "[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +8d1e0f2:refs/remotes/origin/main",
                                    "Determining the checkout info", "[command]/usr/bin/git checkout --progress --force -B main refs/remotes/origin/main",
                                    "Switched to a new branch 'main'"])
SETUP_PY = ("actions/setup-python@v5", ["with:", "  python-version: 3.11", "  check-latest: false",
                                        "Installed versions", "Successfully set up CPython (3.11.8)"])


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
    # ---- unrelated failures: no WW-B finding --------------------------------------------------
    r = Rand(103)
    net = ["Collecting torch==2.2.1", "  Downloading torch-2.2.1-cp311-cp311-manylinux1_x86_64.whl (755.5 MB)",
           "     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╸━━━━━━━━ 598.2/755.5 MB 4.1 MB/s eta 0:00:39",
           "ERROR: Exception:", "Traceback (most recent call last):",
           '  File "/usr/local/lib/python3.11/site-packages/pip/_vendor/urllib3/response.py", line 438, in _error_catcher',
           "    yield", '  File "/usr/local/lib/python3.11/site-packages/pip/_vendor/urllib3/response.py", line 561, in read',
           "    data = self._fp_read(amt) if not fp_closed else b\"\"",
           '  File "/usr/local/lib/python3.11/ssl.py", line 1314, in recv_into', "    return self.read(nbytes, buffer)",
           "TimeoutError: The read operation timed out", "", "During handling of the above exception, another exception occurred:", "",
           "Traceback (most recent call last):",
           '  File "/usr/local/lib/python3.11/site-packages/pip/_internal/cli/base_command.py", line 180, in exc_logging_wrapper',
           "    status = run_func(*args)",
           '  File "/usr/local/lib/python3.11/site-packages/pip/_vendor/urllib3/response.py", line 443, in _error_catcher',
           "    raise ReadTimeoutError(self._pool, None, \"Read timed out.\")",
           "pip._vendor.urllib3.exceptions.ReadTimeoutError: HTTPSConnectionPool(host='files.pythonhosted.org', port=443): Read timed out."]
    out.append(("unrelated-network-timeout.log", gha(gha_job([CHECKOUT, SETUP_PY, ("pip install -r requirements.txt", collecting(c.LINUX_DEPS, r) + net)])), None))
    hashes = ["Collecting numpy==1.26.4 (from -r requirements.lock (line 7))",
              "  Downloading numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (18.3 MB)",
              "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated the package versions, please update the hashes. Otherwise, examine the package contents carefully; someone may have tampered with them.",
              "    numpy==1.26.4 from https://files.pythonhosted.org/packages/numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (from -r requirements.lock (line 7)):",
              "        Expected sha256 " + r.hexid(), "             Got        " + r.hexid()]
    out.append(("unrelated-hash-mismatch.log", gha(gha_job([CHECKOUT, SETUP_PY, ("pip install --require-hashes -r requirements.lock", collecting(c.LINUX_DEPS, r) + hashes)])), None))
    out.append(("unrelated-resolver-conflict.log", gha(gha_job([CHECKOUT, SETUP_PY, ("pip install -r requirements.txt", _case("WW-B007-no-matching-distribution", "resolver-conflict", kind="pass"))])), None))
    tests = ["Installing collected packages: app", "Successfully installed app-0.3.0", "",
             "============================= test session starts ==============================",
             "platform linux -- Python 3.11.8, pytest-8.1.1, pluggy-1.4.0", "collected 58 items", "",
             "tests/test_cache.py ....F.....                                           [ 17%]",
             "tests/test_build.py ..F.....                                             [ 31%]",
             "tests/test_io.py ........................................                [100%]", "",
             "=================================== FAILURES ===================================",
             "_______________________________ test_cache_dir ________________________________", "",
             "    def test_cache_dir(tmp_path):", "        (tmp_path / 'c').mkdir()", ">       (tmp_path / 'c').mkdir()",
             "E       FileExistsError: [Errno 17] File exists: '/tmp/pytest-of-runner/pytest-0/test_cache_dir0/c'", "",
             "______________________________ test_build_reports ______________________________", "",
             "    def test_build_reports(run):", ">       out = run('build', '--dry-run')",
             "E       AssertionError: assert 'error: invalid command' in 'wheel built'", "",
             "=========================== short test summary info ============================",
             "FAILED tests/test_cache.py::test_cache_dir - FileExistsError: [Errno 17] File exists: '/tmp/pytest-of-runner/pytest-0/test_cache_dir0/c'",
             "FAILED tests/test_build.py::test_build_reports - AssertionError: assert 'error: invalid command' in 'wheel built'",
             "========================= 2 failed, 56 passed in 4.81s =========================",
             "##[error]Process completed with exit code 1."]
    out.append(("unrelated-failing-tests.log", gha(gha_job([CHECKOUT, SETUP_PY, ("pip install . && pytest", tests)])), None))
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
