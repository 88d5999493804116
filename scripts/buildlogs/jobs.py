"""CI job scaffolding shared by the cases and the real-world logs: a GitHub Actions job
(runner banner, checkout, setup-python, `##[group]Run` steps) and the logs of jobs that failed
for reasons that are not build problems (network timeout, hash mismatch, resolver conflict,
failing tests) - the near misses every build-log rule must stay quiet on.
"""

from frames import Rand, collecting

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
                                    "Temporarily overriding HOME='/home/runner/actions-runner/_work/_temp/2b1c' before making global git config changes",
                                    "Initializing the repository", "[command]/usr/bin/git init /home/runner/actions-runner/_work/app/app",
                                    "hint: Using 'master' as the name for the initial branch.",
                                    "Fetching the repository",
                                    "[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +8d1e0f2:refs/remotes/origin/main",
                                    "Determining the checkout info", "[command]/usr/bin/git checkout --progress --force -B main refs/remotes/origin/main",
                                    "Switched to a new branch 'main'"])
SETUP_PY = ("actions/setup-python@v5", ["with:", "  python-version: 3.11", "  check-latest: false",
                                        "Installed versions", "Successfully set up CPython (3.11.8)"])


RESOLVER = ["Collecting numpy==1.26.4", "  Downloading numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (18.3 MB)",
            "Collecting pandas==2.2.1", "  Downloading pandas-2.2.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (13.0 MB)",
            "INFO: pip is looking at multiple versions of app to determine which version is compatible with other requirements. This could take a while.",
            "ERROR: Cannot install app==0.3.0 and numpy==1.26.4 because these package versions have conflicting dependencies.", "",
            "The conflict is caused by:", "    The user requested numpy==1.26.4", "    pandas 2.2.1 depends on numpy<2 and >=1.23.2",
            "    app 0.3.0 depends on numpy>=2.0", "", "To fix this you could try to:",
            "1. loosen the range of package versions you've specified",
            "2. remove package versions to allow pip attempt to solve the dependency conflict", "",
            "ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts"]
LINUX_DEPS = [("numpy", "1.26.4", "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"),
              ("packaging", "24.0", "py3-none-any"), ("six", "1.16.0", "py2.py3-none-any")]


def unrelated_jobs():
    """name -> lines of a whole job that failed without any build problem."""
    jobs = {}
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
    jobs["network-timeout"] = gha_job([CHECKOUT, SETUP_PY, ("pip install -r requirements.txt", collecting(LINUX_DEPS, r) + net)])
    hashes = ["Collecting numpy==1.26.4 (from -r requirements.lock (line 7))",
              "  Downloading numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (18.3 MB)",
              "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated the package versions, please update the hashes. Otherwise, examine the package contents carefully; someone may have tampered with them.",
              "    numpy==1.26.4 from https://files.pythonhosted.org/packages/numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (from -r requirements.lock (line 7)):",
              "        Expected sha256 " + r.hexid(), "             Got        " + r.hexid()]
    jobs["hash-mismatch"] = gha_job([CHECKOUT, SETUP_PY, ("pip install --require-hashes -r requirements.lock", collecting(LINUX_DEPS, r) + hashes)])
    jobs["resolver-conflict"] = gha_job([CHECKOUT, SETUP_PY, ("pip install -r requirements.txt", RESOLVER)])
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
    jobs["failing-tests"] = gha_job([CHECKOUT, SETUP_PY, ("pip install . && pytest", tests)])
    return jobs
