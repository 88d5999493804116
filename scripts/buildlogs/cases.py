"""The WW-B log cases: each one a full build log in one tool's style, with the root cause marked.

Case(rule, slug, lines, captures, ...): for a fail case, `captures` are the values the rule's
patterns must capture on the marked line; the generator fills the rule's `message` template
with them to write the expected findings. A pass case (captures=None) expects no finding.
"""

import re
from dataclasses import dataclass, field

from frames import (ROOT, Rand, ansi, buildkit, cibuildwheel, collecting, conda_build, gha, pdm, pip9, pip20, pip23,
                    pip23_metadata, poetry, pybuild, tox, uv)
from pieces import (clang_compile, clang_fatal_header, gcc_compile, gcc_fatal_header, hook_frames, mark,
                    recorded, st_build, traceback)


@dataclass
class Case:
    rule: str
    slug: str
    lines: list
    captures: dict = None          # None: a pass case
    evidence: str = None           # evidence-contains
    crlf: bool = False
    with_line: bool = True
    package: str = None            # the package the log shows failing (set from PACKAGES below)


CASES = []


def case(*a, **k):
    CASES.append(Case(*a, **k))


MAC_DEPS = [("numpy", "1.26.4", "cp311-cp311-macosx_11_0_arm64"), ("packaging", "24.0", "py3-none-any")]
LINUX_DEPS = [("numpy", "1.26.4", "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"),
              ("packaging", "24.0", "py3-none-any"), ("six", "1.16.0", "py2.py3-none-any")]
PYTEST_OK = ["============================= test session starts ==============================",
             "platform linux -- Python 3.11.8, pytest-8.1.1, pluggy-1.4.0",
             "rootdir: /home/runner/actions-runner/_work/app/app", "configfile: pyproject.toml", "collected 42 items", "",
             "tests/test_api.py ..........                                             [ 23%]",
             "tests/test_codec.py ................                                     [ 61%]",
             "tests/test_io.py ................                                        [100%]", "",
             "============================== 42 passed in 3.17s =============================="]

PYTEST_MAC = [l.replace("platform linux -- Python 3.11.8", "platform darwin -- Python 3.12.2")
              .replace("/home/runner/actions-runner/_work/app/app", "/Users/runner/actions-runner/_work/pyzx/pyzx") for l in PYTEST_OK]

# ---------------------------------------------------------------------------------------------
# WW-B001 setup-requires-egg-conflict: the .eggs FileExistsError (macOS, setuptools 42-61) and
# the `Directory not empty` variant (setuptools 62+). Written in the form setuptools prints; the
# failure cannot happen on Linux by itself.
r = Rand(1)
EGG = "/Users/runner/actions-runner/_work/pyzstdx/pyzstdx/.eggs/cffi-1.15.1-py3.9-macosx-11.0-arm64.egg"


def egg_traceback(err):
    return traceback([
        ("<string>", 1, "<module>", None),
        ("/Users/runner/actions-runner/_work/pyzstdx/pyzstdx/setup.py", 38, "<module>", "setup("),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/setuptools/__init__.py", 152, "setup", "_install_setup_requires(attrs)"),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/setuptools/__init__.py", 147, "_install_setup_requires", "dist.fetch_build_eggs(dist.setup_requires)"),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/setuptools/dist.py", 812, "fetch_build_eggs", "resolved_dists = pkg_resources.working_set.resolve("),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/pkg_resources/__init__.py", 771, "resolve", "dist = best[req.key] = env.best_match("),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/pkg_resources/__init__.py", 1056, "best_match", "return self.obtain(req, installer)"),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/pkg_resources/__init__.py", 1068, "obtain", "return installer(requirement)"),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/setuptools/dist.py", 883, "fetch_build_egg", "return fetch_build_egg(self, req)"),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/setuptools/installer.py", 108, "fetch_build_egg", "wheel.install_as_egg(dist_location)"),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/setuptools/wheel.py", 92, "install_as_egg", "self._install_as_egg(destination_eggdir, zf)"),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/setuptools/wheel.py", 100, "_install_as_egg", "self._convert_metadata(zf, destination_eggdir, dist_info, egg_info)"),
        ("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9/site-packages/setuptools/wheel.py", 121, "_convert_metadata", "os.mkdir(destination_eggdir)"),
    ], ROOT + err)


cibw_x86 = ["+ pip wheel /Users/runner/actions-runner/_work/pyzstdx/pyzstdx --wheel-dir=/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_x86_64/built_wheel --no-deps",
            "Processing /Users/runner/actions-runner/_work/pyzstdx/pyzstdx",
            "  Preparing metadata (setup.py): started",
            "  Preparing metadata (setup.py): finished with status 'done'",
            "Building wheels for collected packages: pyzstdx",
            "  Building wheel for pyzstdx (setup.py): started",
            "  Building wheel for pyzstdx (setup.py): finished with status 'done'",
            "  Created wheel for pyzstdx: filename=pyzstdx-0.4.2-cp39-cp39-macosx_10_9_x86_64.whl size=48213 sha256=" + r.hexid(),
            "  Stored in directory: /private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/pip-ephem-wheel-cache-3k2l/wheels/1f/9e",
            "Successfully built pyzstdx", "",
            "✓ 21.38s", "Repairing wheel...", "",
            "+ delocate-wheel --require-archs x86_64 -w /private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_x86_64/repaired_wheel -v /private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_x86_64/built_wheel/pyzstdx-0.4.2-cp39-cp39-macosx_10_9_x86_64.whl",
            "Fixing: /private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_x86_64/built_wheel/pyzstdx-0.4.2-cp39-cp39-macosx_10_9_x86_64.whl",
            "✓ 1.02s", "", "✓ cp39-macosx_x86_64 finished in 58.21s"]
egg_body = ["+ pip wheel /Users/runner/actions-runner/_work/pyzstdx/pyzstdx --wheel-dir=/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/built_wheel --no-deps",
            "Processing /Users/runner/actions-runner/_work/pyzstdx/pyzstdx",
            "  Preparing metadata (setup.py): started",
            "  Preparing metadata (setup.py): finished with status 'done'",
            "Building wheels for collected packages: pyzstdx",
            "  Building wheel for pyzstdx (setup.py): started",
            "  Building wheel for pyzstdx (setup.py): finished with status 'error'",
            "  error: subprocess-exited-with-error", "  ",
            "  × python setup.py bdist_wheel did not run successfully.", "  │ exit code: 1"]
tb = egg_traceback(f"FileExistsError: [Errno 17] File exists: '{EGG}'")
egg_body.append(f"  ╰─> [{len(tb) + 2} lines of output]")
egg_body += ["      " + l if not l.startswith(ROOT) else ROOT + "      " + l[2:] for l in
             ["/Users/runner/actions-runner/_work/pyzstdx/pyzstdx/.eggs/cffi-1.15.1-py3.9-macosx-11.0-arm64.egg/cffi/__init__.py:1: UserWarning: cffi egg rejected for platform macosx-11.0-x86_64",
              "  warnings.warn("] + tb]
egg_body += ["      [end of output]", "  ",
             "  note: This error originates from a subprocess, and is likely not a problem with pip.",
             "  ERROR: Failed building wheel for pyzstdx", "  Running setup.py clean for pyzstdx",
             "Failed to build pyzstdx", "ERROR: Failed to build one or more wheels", "",
             "✕ 12.44s",
             "Error: Command ['python', '-m', 'pip', 'wheel', PosixPath('/Users/runner/actions-runner/_work/pyzstdx/pyzstdx'), '--wheel-dir=/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/built_wheel', '--no-deps'] failed with code 1. None"]
lines = cibuildwheel(["cp39-macosx_x86_64", "cp39-macosx_arm64"], [cibw_x86, egg_body], archs="x86_64 arm64")
case("WW-B001-setup-requires-egg-conflict", "cibuildwheel-gha-file-exists", gha(lines),
     dict(pkg="cffi", ver="1.15.1", path=EGG), evidence="FileExistsError")

EGG2 = "/Users/dev/src/pyzstdx/.eggs/cffi-1.16.0-py3.11-macosx-10.9-universal2.egg"
dne = egg_traceback(f"OSError: [Errno 66] Directory not empty: '{EGG2}'")
body = ["running bdist_wheel"] + [l.replace("/private/var/folders/7k/x1q_0r9s3bn2_wz8f7m0000gn/T/cibw-run-5xq2/cp39-macosx_arm64/build/venv/lib/python3.9", "/Users/dev/.venvs/build311/lib/python3.11").replace("/Users/runner/actions-runner/_work/pyzstdx/pyzstdx", "/Users/dev/src/pyzstdx") for l in dne]
pre = ["$ ARCHFLAGS='-arch arm64 -arch x86_64' python setup.py bdist_wheel",
       "/Users/dev/.venvs/build311/lib/python3.11/site-packages/setuptools/__init__.py:80: _DeprecatedInstaller: setuptools.installer and fetch_build_eggs are deprecated.",
       "!!", "", "        ********************************************************************************",
       "        Requirements should be satisfied by a PEP 517 installer.",
       "        If you are using pip, you can try `pip install --use-pep517`.",
       "        ********************************************************************************", "", "!!",
       "  dist.fetch_build_eggs(dist.setup_requires)"]
case("WW-B001-setup-requires-egg-conflict", "setup-py-directory-not-empty", pre + body,
     dict(pkg="cffi", ver="1.16.0", path=EGG2), evidence="Directory not empty")

# pass: a FileExistsError outside .eggs (a test writing a fixture twice), and .eggs mentioned harmlessly
p = ["$ python -m pytest -x tests", "============================= test session starts ==============================",
     "platform darwin -- Python 3.11.7, pytest-8.0.2, pluggy-1.4.0", "rootdir: /Users/dev/src/pyzstdx",
     "collected 17 items", "", "tests/test_cache.py F", "",
     "=================================== FAILURES ===================================",
     "_____________________________ test_cache_twice _____________________________", "",
     "tmp_path = PosixPath('/private/var/folders/7k/T/pytest-of-dev/pytest-12/test_cache_twice0')", "",
     "    def test_cache_twice(tmp_path):", "        cache = tmp_path / 'cache'", "        cache.mkdir()",
     ">       cache.mkdir()", "", "tests/test_cache.py:9: ",
     "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ",
     "E       FileExistsError: [Errno 17] File exists: '/private/var/folders/7k/T/pytest-of-dev/pytest-12/test_cache_twice0/cache'",
     "", "/Users/dev/.pyenv/versions/3.11.7/lib/python3.11/pathlib.py:1116: FileExistsError",
     "=========================== short test summary info ============================",
     "FAILED tests/test_cache.py::test_cache_twice - FileExistsError: [Errno 17] File exists: '/private/var/folders/7k/T/pytest-of-dev/pytest-12/test_cache_twice0/cache'",
     "!!!!!!!!!!!!!!!!!!!!!!!!!! stopping after 1 failures !!!!!!!!!!!!!!!!!!!!!!!!!!!",
     "============================== 1 failed in 0.31s ===============================",
     "$ cat .gitignore", "build/", "dist/", ".eggs/", "*.egg-info/"]
case("WW-B001-setup-requires-egg-conflict", "pytest-file-exists-elsewhere", p)

# ---------------------------------------------------------------------------------------------
# WW-B002 setup-requires-fetch-failed
rec = recorded("setup-py-setup-requires-fetch-failed")
case("WW-B002-setup-requires-fetch-failed", "recorded-setup-py-no-index",
     mark(rec, "distutils.errors.DistutilsError"), dict(req="notinstalled>=1.2"), evidence="DistutilsError")
rec = recorded("pip23-sys-setup-requires-fetch-failed")
case("WW-B002-setup-requires-fetch-failed", "recorded-pip23-egg-info-gha",
     gha(["Run python -m pip wheel --no-deps --no-build-isolation -w dist ."] + mark(rec, "distutils.errors.DistutilsError")),
     dict(req="notinstalled>=1.2"))
# easy_install era (setuptools < 42): package_index wording
r = Rand(2)
body = [ROOT + "Download error on https://pypi.python.org/simple/pytest-runner/: [Errno 101] Network is unreachable -- Some packages may not be found!",
        "Couldn't find index page for 'pytest-runner' (maybe misspelled?)",
        "Download error on https://pypi.python.org/simple/: [Errno 101] Network is unreachable -- Some packages may not be found!",
        "No local packages or working download links found for pytest-runner",
        "Traceback (most recent call last):", '  File "<string>", line 1, in <module>',
        f'  File "{r.tmp("/tmp/pip-build-")}/pyrle/setup.py", line 44, in <module>',
        "    tests_require=['pytest'],",
        '  File "/usr/lib/python2.7/distutils/core.py", line 111, in setup',
        "    _setup_distribution = dist = klass(attrs)",
        '  File "/usr/lib/python2.7/dist-packages/setuptools/dist.py", line 269, in __init__',
        "    self.fetch_build_eggs(attrs['setup_requires'])",
        '  File "/usr/lib/python2.7/dist-packages/setuptools/dist.py", line 313, in fetch_build_eggs',
        "    replace_conflicting=True,",
        '  File "/usr/lib/python2.7/dist-packages/pkg_resources/__init__.py", line 826, in resolve',
        "    dist = best[req.key] = env.best_match(req, ws, installer)",
        '  File "/usr/lib/python2.7/dist-packages/pkg_resources/__init__.py", line 1092, in best_match',
        "    return self.obtain(req, installer)",
        '  File "/usr/lib/python2.7/dist-packages/pkg_resources/__init__.py", line 1104, in obtain',
        "    return installer(requirement)",
        '  File "/usr/lib/python2.7/dist-packages/setuptools/dist.py", line 380, in fetch_build_egg',
        "    return cmd.easy_install(req)",
        '  File "/usr/lib/python2.7/dist-packages/setuptools/command/easy_install.py", line 629, in easy_install',
        "    raise DistutilsError(msg)",
        "distutils.errors.DistutilsError: Could not find suitable distribution for Requirement.parse('pytest-runner')"]
lines = ["Collecting pyrle==0.0.31", "  Downloading pyrle-0.0.31.tar.gz (64kB)",
         "    Complete output from command python setup.py egg_info:"] + ["    " + l if not l.startswith(ROOT) else ROOT + "    " + l[2:] for l in body] + [
         "    ", "    ----------------------------------------",
         f"Command \"python setup.py egg_info\" failed with error code 1 in {r.tmp('/tmp/pip-build-')}/pyrle/",
         "You are using pip version 8.1.1, however version 20.3.4 is available.",
         "You should consider upgrading via the 'pip install --upgrade pip' command."]
case("WW-B002-setup-requires-fetch-failed", "pip8-easy-install-crlf", lines, dict(req="pytest-runner"), crlf=True)
# pass: pip itself cannot reach the index (not setuptools' fetching)
r = Rand(3)
p = ["Collecting requests==2.31.0",
     "  WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f3a1c2b9d50>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/requests/",
     "  WARNING: Retrying (Retry(total=3, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f3a1c2ba110>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/requests/",
     "  WARNING: Retrying (Retry(total=2, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f3a1c2ba3d0>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/requests/",
     "  WARNING: Retrying (Retry(total=1, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f3a1c2ba690>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/requests/",
     "  WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f3a1c2ba950>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/requests/",
     "ERROR: Could not find a version that satisfies the requirement requests==2.31.0 (from versions: none)",
     "ERROR: No matching distribution found for requests==2.31.0"]
case("WW-B002-setup-requires-fetch-failed", "pip-network-error", p)

# ---------------------------------------------------------------------------------------------
# WW-B003 bdist-wheel-missing
rec = recorded("setup-py-bdist-wheel-no-wheel-package")
lines = ["$ python3 -m venv .venv && . .venv/bin/activate", "$ pip install -e .[dev] --no-build-isolation",
         "Obtaining file:///home/runner/actions-runner/_work/legacylib", "  Preparing metadata (setup.py): started",
         "  Preparing metadata (setup.py): finished with status 'done'", "Installing collected packages: legacylib",
         "  Running setup.py develop for legacylib", "Successfully installed legacylib-2.0.0",
         "$ python3 setup.py sdist", "running sdist", "running egg_info", "writing legacylib.egg-info/PKG-INFO",
         "writing dependency_links to legacylib.egg-info/dependency_links.txt",
         "writing top-level names to legacylib.egg-info/top_level.txt",
         "reading manifest file 'legacylib.egg-info/SOURCES.txt'",
         "writing manifest file 'legacylib.egg-info/SOURCES.txt'", "running check",
         "creating legacylib-2.0.0", "creating legacylib-2.0.0/legacylib",
         "creating legacylib-2.0.0/legacylib.egg-info",
         "copying files to legacylib-2.0.0...", "copying setup.py -> legacylib-2.0.0",
         "copying legacylib/__init__.py -> legacylib-2.0.0/legacylib",
         "Writing legacylib-2.0.0/setup.cfg", "creating dist",
         "Creating tar archive", "removing 'legacylib-2.0.0' (and everything under it)",
         "$ python3 setup.py bdist_wheel"] + mark(rec, "invalid command 'bdist_wheel'") + ["Error: Process completed with exit code 1."]
case("WW-B003-bdist-wheel-missing", "recorded-setup-py-gha", gha(lines), {})
r = Rand(4)
body = ["usage: -c [global_opts] cmd1 [cmd1_opts] [cmd2 [cmd2_opts] ...]",
        "   or: -c --help [cmd1 cmd2 ...]", "   or: -c --help-commands", "   or: -c cmd --help", "",
        ROOT + "error: invalid command 'bdist_wheel'"]
lines = pip9("pyrsistent", "0.14.11", body, r, deps=[("six", "1.12.0", "py2.py3-none-any")], python="/usr/bin/python2")
case("WW-B003-bdist-wheel-missing", "pip9-python2", lines, {})
# pass: bdist_wheel mentioned in a successful build and a deprecation warning
p = ["$ python -m build --wheel --no-isolation", "* Getting build dependencies for wheel...", "running egg_info",
     "writing legacylib.egg-info/PKG-INFO", "* Building wheel...", "running bdist_wheel", "running build",
     "running build_py", "creating build/lib/legacylib", "copying legacylib/__init__.py -> build/lib/legacylib",
     "/usr/lib/python3/dist-packages/setuptools/command/bdist_wheel.py:108: SetuptoolsDeprecationWarning: The 'wheel' package is no longer the canonical location of the 'bdist_wheel' command, and will be removed in a future release.",
     "installing to build/bdist.linux-x86_64/wheel", "running install", "running install_lib",
     "creating build/bdist.linux-x86_64/wheel", "running install_egg_info",
     "Copying legacylib.egg-info to build/bdist.linux-x86_64/wheel/legacylib-2.0.0-py3.11.egg-info",
     "running install_scripts", "creating build/bdist.linux-x86_64/wheel/legacylib-2.0.0.dist-info/WHEEL",
     "creating '/home/runner/actions-runner/_work/legacylib/dist/.tmp-3bx9k1/legacylib-2.0.0-py3-none-any.whl' and adding 'build/bdist.linux-x86_64/wheel' to it",
     "adding 'legacylib/__init__.py'", "adding 'legacylib-2.0.0.dist-info/METADATA'",
     "adding 'legacylib-2.0.0.dist-info/WHEEL'", "adding 'legacylib-2.0.0.dist-info/top_level.txt'",
     "adding 'legacylib-2.0.0.dist-info/RECORD'", "removing build/bdist.linux-x86_64/wheel",
     "Successfully built legacylib-2.0.0-py3-none-any.whl"]
case("WW-B003-bdist-wheel-missing", "build-ok-with-bdist-wheel-warning", p)

# ---------------------------------------------------------------------------------------------
# WW-B004 cffi-cross-compile (macOS universal2/arm64 halves; written after clang's and ld64's wording)
r = Rand(5)
src = "src/c/_cffi_backend.c"
body = st_build("cffi", "_cffi_backend", plat="macosx-10.9-universal2-cpython-39", modules=("__init__.py", "api.py", "backend_ctypes.py", "cffi_opcode.py", "commontypes.py", "cparser.py", "error.py", "ffiplatform.py", "lock.py", "model.py", "pkgconfig.py", "recompiler.py", "setuptools_ext.py", "vengine_cpy.py", "vengine_gen.py", "verifier.py"))
body = [l.replace("/src", "/src/c") for l in body]
body.append(clang_compile(src, "build/temp.macosx-10.9-universal2-cpython-39/src/c/_cffi_backend.o", archs=("arm64", "x86_64"),
                          includes=("/usr/local/opt/libffi/include", "/Library/Frameworks/Python.framework/Versions/3.9/include/python3.9"),
                          extra="-DFFI_BUILDING=1 -DUSE__THREAD -DHAVE_SYNC_SYNCHRONIZE "))
body += ["In file included from src/c/_cffi_backend.c:7927:", "src/c/call_python.c:20:30: warning: unused variable 'interp' [-Wunused-variable]",
         "    PyInterpreterState *interp = PyThreadState_GET()->interp;", "                             ^", "1 warning generated.",
         ROOT + f"{src}:6188:19: error: 'ffi_prep_cif_var' is only available on macOS 10.15 or newer [-Werror,-Wunguarded-availability-new]",
         "            if (ffi_prep_cif_var(&cif_descr->cif, fabi, nfixedargs,",
         "                ^~~~~~~~~~~~~~~~",
         "/usr/local/opt/libffi/include/ffi.h:336:12: note: 'ffi_prep_cif_var' has been marked as being introduced in macOS 10.15 here, but the deployment target is macOS 10.9.0",
         "ffi_status ffi_prep_cif_var(ffi_cif *cif,", "           ^",
         f"{src}:6188:19: note: enclose 'ffi_prep_cif_var' in a __builtin_available check to silence this warning",
         "            if (ffi_prep_cif_var(&cif_descr->cif, fabi, nfixedargs,", "                ^~~~~~~~~~~~~~~~",
         "1 warning and 1 error generated.", "error: command '/usr/bin/clang' failed with exit code 1"]
lines = pip23("cffi", "1.15.1", body, r, deps=MAC_DEPS, how="setup.py")
case("WW-B004-cffi-cross-compile", "pip23-universal2-ffi-prep-cif-var", gha(lines),
     dict(detail="'ffi_prep_cif_var' is only available on macOS 10.15 or newer"), evidence="_cffi_backend.c")
r = Rand(6)
body = st_build("pynacl_ffi", "pynacl_ffi._sodium", plat="macosx-11.0-arm64-cpython-310")
body += ["generating cffi module 'build/temp.macosx-11.0-arm64-cpython-310/pynacl_ffi._sodium.c'",
         clang_compile("build/temp.macosx-11.0-arm64-cpython-310/pynacl_ffi._sodium.c", "build/temp.macosx-11.0-arm64-cpython-310/build/temp.macosx-11.0-arm64-cpython-310/pynacl_ffi._sodium.o",
                       includes=("/Users/runner/hostedtoolcache/Python/3.10.11/x64/include/python3.10",)),
         "clang -bundle -undefined dynamic_lookup -arch arm64 -isysroot /Library/Developer/CommandLineTools/SDKs/MacOSX.sdk build/temp.macosx-11.0-arm64-cpython-310/build/temp.macosx-11.0-arm64-cpython-310/pynacl_ffi._sodium.o -L/usr/local/opt/libffi/lib -lffi -o build/lib.macosx-11.0-arm64-cpython-310/pynacl_ffi/_sodium.abi3.so",
         ROOT + "ld: warning: ignoring file /usr/local/opt/libffi/lib/libffi.dylib, building for macOS-arm64 but attempting to link with file built for macOS-x86_64",
         "Undefined symbols for architecture arm64:", '  "_ffi_call", referenced from:',
         "      __cffi_call_python in pynacl_ffi._sodium.o", '  "_ffi_prep_cif", referenced from:',
         "      __cffi_prepare in pynacl_ffi._sodium.o", "ld: symbol(s) not found for architecture arm64",
         "clang: error: linker command failed with exit code 1 (use -v to see invocation)",
         "error: command '/usr/bin/clang' failed with exit code 1"]
lines = ["+ export ARCHFLAGS='-arch arm64'", "+ export _PYTHON_HOST_PLATFORM=macosx-11.0-arm64",
         "+ python -m pip wheel . -w dist --no-deps"] + pip23("pynacl_ffi", "0.2.0", body, r, install=False, how="pyproject.toml", closing="24")
case("WW-B004-cffi-cross-compile", "cross-arm64-on-x86-runner-libffi", lines,
     dict(detail="/usr/local/opt/libffi/lib/libffi.dylib, building for macOS-arm64 but attempting to link with file built for macOS-x86_64"))
r = Rand(28)
body = st_build("xxhashffi", "xxhashffi._xxhash", plat="linux-aarch64-cpython-311") + [
    "generating cffi module 'build/temp.linux-aarch64-cpython-311/xxhashffi._xxhash.c'",
    gcc_compile("build/temp.linux-aarch64-cpython-311/xxhashffi._xxhash.c", "build/temp.linux-aarch64-cpython-311/xxhashffi._xxhash.o",
                cc="aarch64-linux-gnu-gcc", includes=("/opt/cross/aarch64/include/python3.11",)),
    "aarch64-linux-gnu-gcc -shared build/temp.linux-aarch64-cpython-311/xxhashffi._xxhash.o -L/usr/lib/x86_64-linux-gnu -lffi -o build/lib.linux-aarch64-cpython-311/xxhashffi/_xxhash.abi3.so",
    ROOT + "/usr/lib/gcc-cross/aarch64-linux-gnu/12/../../../../aarch64-linux-gnu/bin/ld: skipping incompatible /usr/lib/x86_64-linux-gnu/libffi.so when searching for -lffi",
    "/usr/lib/gcc-cross/aarch64-linux-gnu/12/../../../../aarch64-linux-gnu/bin/ld: cannot find -lffi: No such file or directory",
    "collect2: error: ld returned 1 exit status", "error: command '/usr/bin/aarch64-linux-gnu-gcc' failed with exit code 1"]
lines = ["(cross) $ pip wheel --no-deps -w wheelhouse ."] + pip23("xxhashffi", "0.5.0", body, r, install=False, how="pyproject.toml")
case("WW-B004-cffi-cross-compile", "crossenv-aarch64-host-libffi", lines,
     dict(detail="/usr/lib/x86_64-linux-gnu/libffi.so when searching for -lffi"))
# pass: a cffi build that succeeds for both arches, with the same words in harmless places
r = Rand(7)
p = ["Building wheels for collected packages: cffi", "  Building wheel for cffi (setup.py): started",
     "  Running command python setup.py bdist_wheel"] + ["  " + l for l in st_build("cffi", "_cffi_backend", plat="macosx-11.0-arm64-cpython-311")] + [
     "  " + clang_compile("src/c/_cffi_backend.c", "build/temp.macosx-11.0-arm64-cpython-311/src/c/_cffi_backend.o", extra="-DFFI_BUILDING=1 -DUSE__THREAD "),
     "  src/c/_cffi_backend.c:6188:19: note: using the SDK's ffi_prep_cif_var (available since macOS 10.15; deployment target 11.0)",
     "  clang -bundle -undefined dynamic_lookup -arch arm64 build/temp.macosx-11.0-arm64-cpython-311/src/c/_cffi_backend.o -lffi -o build/lib.macosx-11.0-arm64-cpython-311/_cffi_backend.cpython-311-darwin.so",
     "  Building wheel for cffi (setup.py): finished with status 'done'",
     "  Created wheel for cffi: filename=cffi-1.16.0-cp311-cp311-macosx_11_0_arm64.whl size=176541 sha256=" + r.hexid(),
     "Successfully built cffi", "Installing collected packages: pycparser, cffi", "Successfully installed cffi-1.16.0 pycparser-2.21"]
case("WW-B004-cffi-cross-compile", "native-arm64-cffi-ok", p)

# ---------------------------------------------------------------------------------------------
# WW-B005 no-wheel-for-target
r = Rand(8)
body = ["Collecting numpy>=1.21", "  Downloading numpy-1.26.4-cp311-cp311-macosx_11_0_arm64.whl (14.0 MB)",
        "     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 14.0/14.0 MB 31.2 MB/s eta 0:00:00",
        "Collecting pyarrow-hotfix==0.6", "  Downloading pyarrow_hotfix-0.6-py3-none-any.whl (7.9 kB)",
        "Collecting h5py==3.1.0",
        ROOT + "  Downloading h5py-3.1.0.tar.gz (371 kB)",
        "     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 371.4/371.4 kB 22.9 MB/s eta 0:00:00",
        "  Installing build dependencies: started", "  Installing build dependencies: still running...",
        "  Installing build dependencies: finished with status 'done'",
        "  Getting requirements to build wheel: started", "  Getting requirements to build wheel: finished with status 'done'",
        "  Preparing metadata (pyproject.toml): started", "  Preparing metadata (pyproject.toml): finished with status 'done'",
        "Building wheels for collected packages: h5py", "  Building wheel for h5py (pyproject.toml): started",
        "  Building wheel for h5py (pyproject.toml): finished with status 'error'", "  error: subprocess-exited-with-error", "  ",
        "  × Building wheel for h5py (pyproject.toml) did not run successfully.", "  │ exit code: 1",
        "  ╰─> [12 lines of output]", "      running bdist_wheel", "      running build", "      running build_py",
        "      creating build/lib.macosx-11.0-arm64-cpython-311/h5py", "      running build_ext",
        "      Loading library to get build settings and version: libhdf5.dylib",
        "      error: Unable to load dependency HDF5, make sure HDF5 is installed properly",
        "      error: dlopen(libhdf5.dylib, 0x0006): tried: 'libhdf5.dylib' (no such file), '/usr/local/lib/libhdf5.dylib' (no such file), '/usr/lib/libhdf5.dylib' (no such file)",
        "      [end of output]", "  ", "  note: This error originates from a subprocess, and is likely not a problem with pip.",
        "  ERROR: Failed building wheel for h5py", "Failed to build h5py",
        "ERROR: Could not build wheels for h5py, which is required to install pyproject.toml-based projects"]
lines = ["Run python -m pip install -r requirements.txt"] + body
case("WW-B005-no-wheel-for-target", "pip23-arm64-sdist-fallback", gha(lines), dict(pkg="h5py", ver="3.1.0"))
r = Rand(9)
body = ["Collecting scikit-learn==0.24.2",
        ROOT + "  Downloading https://files.pythonhosted.org/packages/a8/eb/a48f25c967526b66d5f1fa7a984594f0bf0a5afafa94a8c4dbc317744620/scikit-learn-0.24.2.tar.gz (7.5MB)",
        "Collecting scipy>=0.19.1", "  Downloading https://files.pythonhosted.org/packages/scipy-1.5.4-cp36-cp36m-manylinux1_x86_64.whl (25.9MB)"]
lines = ["#7 [3/5] RUN pip install scikit-learn==0.24.2"] + [f"#7 {0.5 + i * 0.31:.3f} {l[2:] if l.startswith(ROOT) else l}" if not l.startswith(ROOT) else ROOT + f"#7 {0.5 + i * 0.31:.3f} {l[2:]}" for i, l in enumerate(body)]
lines += ["#7 9.114 Installing build dependencies: started", "#7 58.301 Installing build dependencies: finished with status 'done'",
          "#7 58.902 Building wheels for collected packages: scikit-learn", "#7 59.003   Building wheel for scikit-learn (PEP 517): started",
          "#7 412.77   Building wheel for scikit-learn (PEP 517): finished with status 'done'",
          "#7 412.78   Created wheel for scikit-learn: filename=scikit_learn-0.24.2-cp36-cp36m-linux_aarch64.whl size=22790156 sha256=" + r.hexid(),
          "#7 413.01 Successfully built scikit-learn", "#7 413.02 Installing collected packages: scipy, scikit-learn",
          "#7 421.55 Successfully installed scikit-learn-0.24.2 scipy-1.5.4", "#7 DONE 423.4s"]
case("WW-B005-no-wheel-for-target", "buildkit-aarch64-url-download", lines, dict(pkg="scikit-learn", ver="0.24.2"))
# pass: every dependency arrives as a wheel; an sdist is built only for the project itself
p = ["Run python -m pip install -e .[test]", "Obtaining file:///Users/runner/actions-runner/_work/app/app",
     "  Installing build dependencies: started", "  Installing build dependencies: finished with status 'done'",
     "Collecting numpy>=1.21", "  Downloading numpy-1.26.4-cp311-cp311-macosx_11_0_arm64.whl (14.0 MB)",
     "Collecting h5py>=3.10", "  Downloading h5py-3.10.0-cp311-cp311-macosx_11_0_arm64.whl (2.7 MB)",
     "Collecting pytest", "  Using cached pytest-8.1.1-py3-none-any.whl (337 kB)",
     "Building wheels for collected packages: app", "  Building editable for app (pyproject.toml): started",
     "  Building editable for app (pyproject.toml): finished with status 'done'",
     "  Created wheel for app: filename=app-0.1.0-0.editable-py3-none-any.whl size=3412 sha256=" + r.hexid(),
     "Successfully built app", "Installing collected packages: numpy, h5py, pytest, app",
     "Successfully installed app-0.1.0 h5py-3.10.0 numpy-1.26.4 pytest-8.1.1", "Run python -m pytest -q"] + PYTEST_OK
case("WW-B005-no-wheel-for-target", "all-wheels-available", gha(p))

# ---------------------------------------------------------------------------------------------
# WW-B006 not-supported-wheel
rec = recorded("pip23-not-supported-wheel")
lines = ["$ ls wheelhouse", "fastcrc-1.2.0-cp311-cp311-macosx_11_0_arm64.whl", "fastcrc-1.2.0.tar.gz",
         "$ python3 -m pip install --no-index wheelhouse/fastcrc-1.2.0-cp311-cp311-macosx_11_0_arm64.whl"] + mark(rec, "is not a supported wheel")
case("WW-B006-not-supported-wheel", "recorded-pip23", ansi(lines),
     dict(wheel="fastcrc-1.2.0-cp311-cp311-macosx_11_0_arm64.whl", platform="macosx_11_0_arm64"))
lines = ["C:\\build> py -3.12 -m pip install dist\\fastcrc-1.2.0-cp311-cp311-win_amd64.whl",
         "Processing c:\\build\\dist\\fastcrc-1.2.0-cp311-cp311-win_amd64.whl",
         ROOT + "ERROR: fastcrc-1.2.0-cp311-cp311-win_amd64.whl is not a supported wheel on this platform.",
         "", "C:\\build> py -3.12 -c \"import sys; print(sys.version)\"",
         "3.12.2 (tags/v3.12.2:6abddd9, Feb  6 2024, 21:26:36) [MSC v.1937 64 bit (AMD64)]"]
case("WW-B006-not-supported-wheel", "windows-python-mismatch-crlf", lines,
     dict(wheel="fastcrc-1.2.0-cp311-cp311-win_amd64.whl", platform="win_amd64"), crlf=True)
lines = ["$ pip install wheelhouse/fastcrc-1.2.0-cp36-cp36m-manylinux2014_aarch64.whl",
         ROOT + "fastcrc-1.2.0-cp36-cp36m-manylinux2014_aarch64.whl is not a supported wheel on this platform.",
         "You are using pip version 9.0.1, however version 21.3.1 is available.",
         "You should consider upgrading via the 'pip install --upgrade pip' command."]
case("WW-B006-not-supported-wheel", "pip9-manylinux2014-unknown-tag", gha(lines),
     dict(wheel="fastcrc-1.2.0-cp36-cp36m-manylinux2014_aarch64.whl", platform="manylinux2014_aarch64"))
p = ["$ pip install dist/fastcrc-1.2.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
     "Processing ./dist/fastcrc-1.2.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
     "Installing collected packages: fastcrc", "Successfully installed fastcrc-1.2.0",
     "$ python -m pytest -q tests/test_platform.py",
     "tests/test_platform.py::test_rejects_foreign_wheel PASSED   # asserts pip says 'is not a supported wheel on this platform'",
     "1 passed in 0.42s"]
case("WW-B006-not-supported-wheel", "installed-ok-phrase-in-test-name", p)

# ---------------------------------------------------------------------------------------------
# WW-B007 no-matching-distribution
rec = recorded("pip23-no-matching-distribution")
lines = ["Run pip install --no-index --find-links wheelhouse -r requirements.txt"] + mark(rec, "Could not find a version")
case("WW-B007-no-matching-distribution", "recorded-pip23-no-index", gha(ansi(lines)), dict(req="pyobjc-core==9.2"))
r = Rand(10)
lines = ["$ uv pip install 'torch==2.2.2+cpu' --python 3.13",
         "  × No solution found when resolving dependencies:",
         ROOT + "  ╰─▶ Because there is no version of torch==2.2.2+cpu and you require torch==2.2.2+cpu, we can conclude that your requirements are unsatisfiable.",
         "", "      hint: Pre-releases are available for `torch` in the requested range, but pre-releases weren't enabled (try: `--prerelease=allow`)"]
case("WW-B007-no-matching-distribution", "uv-no-version", lines, dict(req="torch==2.2.2+cpu"))
lines = ["$ pip install -r requirements.txt", "Collecting Django==3.2.25 (from -r requirements.txt (line 1))",
         "  Downloading https://files.pythonhosted.org/packages/Django-3.2.25-py3-none-any.whl (7.9MB)",
         ROOT + "  Could not find a version that satisfies the requirement tensorflow==2.15.0 (from -r requirements.txt (line 4)) (from versions: )",
         "No matching distribution found for tensorflow==2.15.0 (from -r requirements.txt (line 4))",
         "You are using pip version 9.0.3, however version 21.3.1 is available.",
         "You should consider upgrading via the 'pip install --upgrade pip' command."]
case("WW-B007-no-matching-distribution", "pip9-python36", buildkit(lines, step=6, stage="web 3/6", command="pip install -r requirements.txt"),
     dict(req="tensorflow==2.15.0"))
lines = ["$ poetry add 'pyobjc-core==10.1'", "Updating dependencies", "Resolving dependencies...", "",
         ROOT + "Because app depends on pyobjc-core (10.1) which doesn't match any versions, version solving failed."]
case("WW-B007-no-matching-distribution", "poetry-solver", lines, dict(req="pyobjc-core (10.1)"))
p = ["Collecting numpy==1.26.4", "  Downloading numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (18.3 MB)",
     "Collecting pandas==2.2.1", "  Downloading pandas-2.2.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (13.0 MB)",
     "INFO: pip is looking at multiple versions of app to determine which version is compatible with other requirements. This could take a while.",
     "ERROR: Cannot install app==0.3.0 and numpy==1.26.4 because these package versions have conflicting dependencies.", "",
     "The conflict is caused by:", "    The user requested numpy==1.26.4", "    pandas 2.2.1 depends on numpy<2 and >=1.23.2",
     "    app 0.3.0 depends on numpy>=2.0", "", "To fix this you could try to:",
     "1. loosen the range of package versions you've specified",
     "2. remove package versions to allow pip attempt to solve the dependency conflict", "",
     "ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts"]
case("WW-B007-no-matching-distribution", "resolver-conflict", p)

# ---------------------------------------------------------------------------------------------
# WW-B008 incompatible-architecture (dyld wording of macOS 12+; glibc's ELF class message)
SO = "/Users/runner/actions-runner/_work/fastcrc/fastcrc/build/venv/lib/python3.11/site-packages/fastcrc/_fastcrc.cpython-311-darwin.so"
test = ["Testing wheel...", "+ python -m pip install /private/var/folders/7k/T/cibw-run-1/cp311-macosx_arm64/repaired_wheel/fastcrc-1.2.0-cp311-cp311-macosx_11_0_arm64.whl",
        "Processing /private/var/folders/7k/T/cibw-run-1/cp311-macosx_arm64/repaired_wheel/fastcrc-1.2.0-cp311-cp311-macosx_11_0_arm64.whl",
        "Installing collected packages: fastcrc", "Successfully installed fastcrc-1.2.0",
        "+ sh -c 'pytest /Users/runner/actions-runner/_work/fastcrc/fastcrc/tests'",
        "ImportError while loading conftest '/Users/runner/actions-runner/_work/fastcrc/fastcrc/tests/conftest.py'.",
        "tests/conftest.py:3: in <module>", "    import fastcrc", "fastcrc/__init__.py:1: in <module>",
        "    from ._fastcrc import crc32c", ROOT + f"E   ImportError: dlopen({SO}, 0x0002): tried: '{SO}' (mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64e' or 'arm64')), '/System/Volumes/Preboot/Cryptexes/OS{SO}' (no such file), '{SO}' (mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64e' or 'arm64'))",
        "", "✕ 3.12s", "Error: Command ['sh', '-c', 'pytest /Users/runner/actions-runner/_work/fastcrc/fastcrc/tests'] failed with code 4. None"]
lines = cibuildwheel(["cp311-macosx_arm64"], [["+ pip wheel /Users/runner/actions-runner/_work/fastcrc/fastcrc --wheel-dir=/private/var/folders/7k/T/cibw-run-1/cp311-macosx_arm64/built_wheel --no-deps",
                                               "Building wheels for collected packages: fastcrc", "  Building wheel for fastcrc (pyproject.toml): started",
                                               "  Building wheel for fastcrc (pyproject.toml): finished with status 'done'",
                                               "Successfully built fastcrc", "✓ 9.41s", "Repairing wheel...", "✓ 0.88s"] + test],
                     archs="arm64")
case("WW-B008-incompatible-architecture", "cibuildwheel-test-dlopen", gha(lines), dict(path=SO, have="x86_64"),
     evidence="incompatible architecture")
lines = ["$ python3 -c 'import turbojson'", "Traceback (most recent call last):", '  File "<string>", line 1, in <module>',
         '  File "/opt/app/lib/python3.9/site-packages/turbojson/__init__.py", line 2, in <module>', "    from ._speedups import dumps, loads",
         ROOT + "ImportError: /opt/app/lib/python3.9/site-packages/turbojson/_speedups.cpython-39-x86_64-linux-gnu.so: wrong ELF class: ELFCLASS32",
         "$ file /opt/app/lib/python3.9/site-packages/turbojson/_speedups.cpython-39-x86_64-linux-gnu.so",
         "/opt/app/lib/python3.9/site-packages/turbojson/_speedups.cpython-39-x86_64-linux-gnu.so: ELF 32-bit LSB shared object, Intel 80386, version 1 (SYSV), dynamically linked, not stripped"]
case("WW-B008-incompatible-architecture", "elf-class-mismatch", lines,
     dict(path="/opt/app/lib/python3.9/site-packages/turbojson/_speedups.cpython-39-x86_64-linux-gnu.so", have="ELFCLASS32"))
p = ["$ python -c 'import fastcrc'", "Traceback (most recent call last):", '  File "<string>", line 1, in <module>',
     "  File \"/Users/dev/src/fastcrc/fastcrc/__init__.py\", line 1, in <module>", "    from ._fastcrc import crc32c",
     "ImportError: dlopen(/Users/dev/src/fastcrc/fastcrc/_fastcrc.cpython-311-darwin.so, 0x0002): symbol not found in flat namespace '_crc32c_update'",
     "$ nm -gU fastcrc/_fastcrc.cpython-311-darwin.so | head -3", "0000000000003f40 T _PyInit__fastcrc"]
case("WW-B008-incompatible-architecture", "dlopen-symbol-not-found", p)

# ---------------------------------------------------------------------------------------------
# WW-B009 universal2-missing-slice
rec = recorded("llvm-lipo-missing-arch")
case("WW-B009-universal2-missing-slice", "recorded-llvm-lipo-thin", mark(rec, "does not contain the specified architecture"),
     dict(path="u.so", arch="arm64e"))
W = "/private/var/folders/7k/T/tmp9k2x/wheel"
body = ["Repairing wheel...", "",
        "+ delocate-wheel --require-archs arm64,x86_64 -w /private/var/folders/7k/T/cibw-run-8/cp310-macosx_universal2/repaired_wheel -v /private/var/folders/7k/T/cibw-run-8/cp310-macosx_universal2/built_wheel/pyimgx-2.3.0-cp310-cp310-macosx_10_9_universal2.whl",
        "Fixing: /private/var/folders/7k/T/cibw-run-8/cp310-macosx_universal2/built_wheel/pyimgx-2.3.0-cp310-cp310-macosx_10_9_universal2.whl",
        "Copied to package .dylibs directory:", "  /usr/local/Cellar/libpng/1.6.43/lib/libpng16.16.dylib",
        "  /usr/local/Cellar/jpeg-turbo/3.0.2/lib/libjpeg.8.3.2.dylib",
        "Traceback (most recent call last):", '  File "/Library/Frameworks/Python.framework/Versions/3.10/bin/delocate-wheel", line 8, in <module>',
        "    sys.exit(main())", '  File "/Library/Frameworks/Python.framework/Versions/3.10/lib/python3.10/site-packages/delocate/cmd/delocate_wheel.py", line 100, in main',
        "    copied = delocate_wheel(", '  File "/Library/Frameworks/Python.framework/Versions/3.10/lib/python3.10/site-packages/delocate/delocating.py", line 1000, in delocate_wheel',
        "    raise DelocationError(", "delocate.libsana.DelocationError: Some missing architectures in wheel",
        ROOT + f"{W}/pyimgx/_imaging.cpython-310-darwin.so needs arch arm64 missing from {W}/pyimgx/.dylibs/libpng16.16.dylib",
        f"{W}/pyimgx/_imaging.cpython-310-darwin.so needs arch arm64 missing from {W}/pyimgx/.dylibs/libjpeg.8.3.2.dylib",
        f"Required arch arm64 missing from {W}/pyimgx/.dylibs/libpng16.16.dylib",
        f"Required arch arm64 missing from {W}/pyimgx/.dylibs/libjpeg.8.3.2.dylib", "",
        "✕ 1.77s", "Error: Command ['delocate-wheel', '--require-archs', 'arm64,x86_64', '-w', '/private/var/folders/7k/T/cibw-run-8/cp310-macosx_universal2/repaired_wheel', '-v', '/private/var/folders/7k/T/cibw-run-8/cp310-macosx_universal2/built_wheel/pyimgx-2.3.0-cp310-cp310-macosx_10_9_universal2.whl'] failed with code 1. None"]
lines = cibuildwheel(["cp310-macosx_universal2"], [["+ pip wheel /Users/runner/actions-runner/_work/pyimgx/pyimgx --wheel-dir=/private/var/folders/7k/T/cibw-run-8/cp310-macosx_universal2/built_wheel --no-deps",
                                                   "Successfully built pyimgx", "✓ 41.90s"] + body], archs="universal2")
case("WW-B009-universal2-missing-slice", "delocate-require-archs", gha(lines),
     dict(arch="arm64", path=f"{W}/pyimgx/.dylibs/libpng16.16.dylib"), evidence="needs arch arm64")
p = ["+ llvm-lipo -create u.x86_64.so u.arm64.so -output u.so", "+ llvm-lipo -info u.so",
     "Architectures in the fat file: u.so are: x86_64 arm64 ", "+ llvm-lipo u.so -verify_arch x86_64 arm64",
     "+ delocate-wheel --require-archs arm64,x86_64 -w wheelhouse -v dist/pyimgx-2.3.0-cp310-cp310-macosx_10_9_universal2.whl",
     "Fixing: dist/pyimgx-2.3.0-cp310-cp310-macosx_10_9_universal2.whl", "Copied to package .dylibs directory:",
     "  /opt/deps/universal/lib/libpng16.16.dylib", "+ echo 'checked: no arch missing from any slice'", "checked: no arch missing from any slice"]
case("WW-B009-universal2-missing-slice", "lipo-and-delocate-ok", p)

# ---------------------------------------------------------------------------------------------
# WW-B010 linker-arch-mismatch
rec = recorded("lld-arm64-link-x86_64-object")
case("WW-B010-linker-arch-mismatch", "recorded-lld-object", mark(rec, "incompatible with target architecture"),
     dict(path="update.o", found="x86_64", target="arm64"))
r = Rand(11)
body = st_build("zstdx", "zstdx._zstd", plat="macosx-11.0-arm64-cpython-312") + [
    clang_compile("src/_zstd.c", "build/temp.macosx-11.0-arm64-cpython-312/src/_zstd.o", includes=("/usr/local/include", "/Library/Frameworks/Python.framework/Versions/3.12/include/python3.12")),
    "clang -bundle -undefined dynamic_lookup -arch arm64 build/temp.macosx-11.0-arm64-cpython-312/src/_zstd.o -L/usr/local/lib -lzstd -o build/lib.macosx-11.0-arm64-cpython-312/zstdx/_zstd.cpython-312-darwin.so",
    ROOT + "ld: warning: ignoring file '/usr/local/lib/libzstd.1.5.5.dylib': found architecture 'x86_64', required architecture 'arm64'",
    "Undefined symbols for architecture arm64:", '  "_ZSTD_compress", referenced from:', "      _zstd_compress in _zstd.o",
    "ld: symbol(s) not found for architecture arm64", "clang: error: linker command failed with exit code 1 (use -v to see invocation)",
    "error: command '/usr/bin/clang' failed with exit code 1"]
case("WW-B010-linker-arch-mismatch", "pip24-xcode15-found-required", ansi(pip23("zstdx", "0.9.1", body, r, install=True, closing="24")),
     dict(path="/usr/local/lib/libzstd.1.5.5.dylib", found="x86_64", target="arm64"))
p = ["clang -bundle -undefined dynamic_lookup -arch arm64 -arch x86_64 build/temp/_zstd.o -L/opt/universal/lib -lzstd -o build/lib/zstdx/_zstd.cpython-312-darwin.so",
     "ld: warning: object file (/opt/universal/lib/libzstd.a(zstd_common.o)) was built for newer macOS version (11.3) than being linked (11.0)",
     "ld: warning: -undefined dynamic_lookup may not work with chained fixups", "copying build/lib/zstdx/_zstd.cpython-312-darwin.so -> zstdx",
     "Successfully built zstdx-0.9.1-cp312-cp312-macosx_11_0_universal2.whl"]
case("WW-B010-linker-arch-mismatch", "universal-link-other-warnings", p)

# ---------------------------------------------------------------------------------------------
# WW-B011 dylib-not-found (delocate's `<name> not found:` / `Needed by:` report)
body = ["+ delocate-wheel --require-archs arm64 -w /private/var/folders/k2/T/cibw-run-2/cp312-macosx_arm64/repaired_wheel -v /private/var/folders/k2/T/cibw-run-2/cp312-macosx_arm64/built_wheel/pyomp-1.0.4-cp312-cp312-macosx_11_0_arm64.whl",
        "Fixing: /private/var/folders/k2/T/cibw-run-2/cp312-macosx_arm64/built_wheel/pyomp-1.0.4-cp312-cp312-macosx_11_0_arm64.whl",
        "ERROR:delocate.libsana:",
        ROOT + "@rpath/libomp.dylib not found:",
        "  Needed by: /private/var/folders/k2/T/tmpa8x1/wheel/pyomp/_core.cpython-312-darwin.so",
        "  Search path:", "    /opt/homebrew/opt/llvm/lib", "    @loader_path/../lib",
        "Traceback (most recent call last):", '  File "/Users/runner/actions-runner/_work/pyomp/venv/bin/delocate-wheel", line 8, in <module>',
        "    sys.exit(main())", "  ...",
        "delocate.libsana.DelocationError: Could not find all dependencies.", "", "✕ 0.93s"]
lines = cibuildwheel(["cp312-macosx_arm64"], [["Successfully built pyomp", "✓ 33.10s", "Repairing wheel...", ""] + body], archs="arm64")
case("WW-B011-dylib-not-found", "delocate-rpath-libomp", gha(lines), dict(lib="@rpath/libomp.dylib"), evidence="not found")
lines = ["$ delocate-wheel -w fixed -v dist/pygsl2-0.5.0-cp27-cp27m-macosx_10_6_intel.whl",
         "Fixing: dist/pygsl2-0.5.0-cp27-cp27m-macosx_10_6_intel.whl",
         "Traceback (most recent call last):", '  File "/usr/local/bin/delocate-wheel", line 77, in <module>', "    main()",
         '  File "/usr/local/lib/python2.7/site-packages/delocate/delocating.py", line 80, in delocate_tree_libs',
         "    required))",
         ROOT + 'delocate.delocating.DelocationError: library "/usr/local/opt/gsl/lib/libgsl.19.dylib" does not exist']
case("WW-B011-dylib-not-found", "delocate-old-does-not-exist", lines, dict(lib="/usr/local/opt/gsl/lib/libgsl.19.dylib"))
p = ["+ delocate-listdeps --all dist/pyomp-1.0.4-cp312-cp312-macosx_11_0_arm64.whl", "/usr/lib/libSystem.B.dylib",
     "/opt/homebrew/opt/libomp/lib/libomp.dylib", "+ delocate-wheel -w fixed -v dist/pyomp-1.0.4-cp312-cp312-macosx_11_0_arm64.whl",
     "Fixing: dist/pyomp-1.0.4-cp312-cp312-macosx_11_0_arm64.whl", "Copied to package .dylibs directory:",
     "  /opt/homebrew/opt/libomp/lib/libomp.dylib", "+ python -c 'import pyomp; print(pyomp.num_threads())'", "8",
     "+ grep -c 'not found' build.log", "0"]
case("WW-B011-dylib-not-found", "delocate-ok", p)

# ---------------------------------------------------------------------------------------------
# WW-B012 deployment-target-mismatch
T = "/private/var/folders/rj/T/tmpq81x/wheel/pysoundx/.dylibs"
body = ["Repairing wheel...", "", "+ delocate-wheel --require-archs arm64 -w /private/var/folders/rj/T/cibw-run-4/cp311-macosx_arm64/repaired_wheel -v /private/var/folders/rj/T/cibw-run-4/cp311-macosx_arm64/built_wheel/pysoundx-0.7.0-cp311-cp311-macosx_11_0_arm64.whl",
        "Fixing: /private/var/folders/rj/T/cibw-run-4/cp311-macosx_arm64/built_wheel/pysoundx-0.7.0-cp311-cp311-macosx_11_0_arm64.whl",
        "Copied to package .dylibs directory:", "  /opt/homebrew/Cellar/libsndfile/1.2.2/lib/libsndfile.1.0.37.dylib",
        "  /opt/homebrew/Cellar/flac/1.4.3/lib/libFLAC.12.dylib", "Traceback (most recent call last):",
        '  File "/Library/Frameworks/Python.framework/Versions/3.11/bin/delocate-wheel", line 8, in <module>', "    sys.exit(main())",
        '  File "/Library/Frameworks/Python.framework/Versions/3.11/lib/python3.11/site-packages/delocate/delocating.py", line 868, in _check_and_update_wheel_name',
        "    raise DelocationError(",
        ROOT + "delocate.libsana.DelocationError: Library dependencies do not satisfy target MacOS version 11.0:",
        f"{T}/libsndfile.1.0.37.dylib has a minimum target of 14.0", f"{T}/libFLAC.12.dylib has a minimum target of 14.0",
        "", "✕ 1.20s"]
lines = cibuildwheel(["cp311-macosx_arm64"], [["Successfully built pysoundx", "✓ 18.02s"] + body], archs="arm64")
case("WW-B012-deployment-target-mismatch", "delocate-minos", gha(lines), dict(target="11.0"), evidence="do not satisfy target MacOS version")
lines = ["$ MACOSX_DEPLOYMENT_TARGET=10.9 python setup.py build_ext --inplace", "running build_ext", "building 'pyzx._codec' extension",
         clang_compile("src/_codec.c", "build/temp.macosx-10.9-x86_64-cpython-39/src/_codec.o", archs=("x86_64",)),
         "clang -bundle -undefined dynamic_lookup -arch x86_64 build/temp.macosx-10.9-x86_64-cpython-39/src/_codec.o /usr/local/lib/libz.a -o pyzx/_codec.cpython-39-darwin.so",
         ROOT + "ld: warning: object file (/usr/local/lib/libz.a(adler32.o)) was built for newer macOS version (12.0) than being linked (10.9)",
         "ld: warning: object file (/usr/local/lib/libz.a(crc32.o)) was built for newer macOS version (12.0) than being linked (10.9)",
         "copying build/lib.macosx-10.9-x86_64-cpython-39/pyzx/_codec.cpython-39-darwin.so -> pyzx"]
case("WW-B012-deployment-target-mismatch", "ld-newer-object", lines, dict(target="10.9"))
p = ["$ MACOSX_DEPLOYMENT_TARGET=11.0 python -m build --wheel", "* Building wheel...", "running build_ext",
     "clang -bundle -undefined dynamic_lookup -arch arm64 build/temp/_codec.o -o build/lib/pyzx/_codec.cpython-311-darwin.so",
     "ld: warning: -undefined dynamic_lookup may not work with chained fixups",
     "Successfully built pyzx-1.0.0-cp311-cp311-macosx_11_0_arm64.whl",
     "$ delocate-wheel -v dist/pyzx-1.0.0-cp311-cp311-macosx_11_0_arm64.whl", "Fixing: dist/pyzx-1.0.0-cp311-cp311-macosx_11_0_arm64.whl",
     "$ otool -l pyzx/_codec.cpython-311-darwin.so | grep -A3 LC_BUILD_VERSION", "      cmd LC_BUILD_VERSION",
     "  cmdsize 32", " platform 1", "    minos 11.0"]
case("WW-B012-deployment-target-mismatch", "target-satisfied", p)

# ---------------------------------------------------------------------------------------------
# WW-B013 old-pip-platform-tags
r = Rand(12)
lines = ["$ pip install 'cryptography==42.0.5'", "Collecting cryptography==42.0.5",
         "  Downloading https://files.pythonhosted.org/packages/13/9e/a55763a32d340d7b06d045753c186b690e7d88780cafce5f88cb931536be/cryptography-42.0.5.tar.gz (671kB)",
         "    Complete output from command python setup.py egg_info:", "    ",
         "            =============================DEBUG ASSISTANCE==========================",
         "            If you are seeing an error here please try the following to",
         "            successfully install cryptography:", "    ",
         "            Upgrade to the latest pip and try again. This will fix errors for most",
         "            users. See: https://pip.pypa.io/en/stable/installing/#upgrading-pip",
         "            =============================DEBUG ASSISTANCE==========================", "    ",
         "    Traceback (most recent call last):", '      File "<string>", line 1, in <module>',
         "    ModuleNotFoundError: No module named 'setuptools_rust'", "    ",
         "    ----------------------------------------",
         f"Command \"python setup.py egg_info\" failed with error code 1 in {r.tmp('/tmp/pip-build-')}/cryptography/",
         ROOT + "You are using pip version 9.0.1, however version 24.0 is available.",
         "You should consider upgrading via the 'pip install --upgrade pip' command."]
case("WW-B013-old-pip-platform-tags", "pip9-manylinux2014-fallback", buildkit(lines, step=11, stage="app 3/7", command="pip install 'cryptography==42.0.5'"),
     dict(ver="9.0.1"))
lines = ["$ python -m pip install 'numpy==1.26.4'",
         "ERROR: Could not find a version that satisfies the requirement numpy==1.26.4 (from versions: 1.3.0, 1.4.1, 1.5.0, 1.5.1, 1.6.0, 1.6.1, 1.6.2, 1.7.0, 1.7.1, 1.7.2, 1.8.0, 1.8.1, 1.8.2, 1.9.0, 1.9.1, 1.9.2, 1.9.3, 1.10.0.post2, 1.10.1, 1.10.2, 1.10.4, 1.11.0, 1.11.1)",
         "ERROR: No matching distribution found for numpy==1.26.4",
         ROOT + "WARNING: You are using pip version 20.2.3; however, version 24.0 is available.",
         "You should consider upgrading via the '/Users/dev/.venvs/old/bin/python -m pip install --upgrade pip' command."]
case("WW-B013-old-pip-platform-tags", "pip20-macos11-crlf", lines, dict(ver="20.2.3"), crlf=True)
p = ["$ python -m pip install 'numpy==1.26.4'", "Collecting numpy==1.26.4",
     "  Downloading numpy-1.26.4-cp311-cp311-macosx_11_0_arm64.whl (14.0 MB)", "Installing collected packages: numpy",
     "Successfully installed numpy-1.26.4", "", "[notice] A new release of pip is available: 23.3.1 -> 24.0",
     "[notice] To update, run: pip install --upgrade pip",
     "WARNING: You are using pip version 21.3.1; however, version 24.0 is available."]
case("WW-B013-old-pip-platform-tags", "recent-pip-notice", p)

# ---------------------------------------------------------------------------------------------
# WW-B014 manylinux-policy-violation
body = ["Repairing wheel...", "", "+ auditwheel repair -w /tmp/cibuildwheel/repaired_wheel /tmp/cibuildwheel/built_wheel/pyhash3-0.2.0-cp311-cp311-linux_x86_64.whl",
        "INFO:auditwheel.main_repair:Repairing pyhash3-0.2.0-cp311-cp311-linux_x86_64.whl", "usage: auditwheel [-h] [-V] [-v] command ...",
        ROOT + 'auditwheel: error: cannot repair "/tmp/cibuildwheel/built_wheel/pyhash3-0.2.0-cp311-cp311-linux_x86_64.whl" to "manylinux_2_17_x86_64" ABI because of the presence of too-recent versioned symbols. You\'ll need to compile the wheel on an older toolchain.',
        "", "✕ 0.66s", "Error: Command auditwheel repair -w /tmp/cibuildwheel/repaired_wheel /tmp/cibuildwheel/built_wheel/pyhash3-0.2.0-cp311-cp311-linux_x86_64.whl failed with code 2. None"]
lines = cibuildwheel(["cp311-manylinux_x86_64"], [["Successfully built pyhash3", "✓ 12.55s"] + body], platform="linux", archs="x86_64")
case("WW-B014-manylinux-policy-violation", "auditwheel-too-recent", gha(lines), dict(reason="too-recent versioned symbols"))
lines = ["$ auditwheel repair --plat manylinux2014_x86_64 -w wheelhouse dist/pygeos2-0.3.0-cp39-cp39-linux_x86_64.whl",
         "INFO:auditwheel.main_repair:Repairing pygeos2-0.3.0-cp39-cp39-linux_x86_64.whl", "Traceback (most recent call last):",
         '  File "/usr/local/bin/auditwheel", line 8, in <module>', "    sys.exit(main())",
         '  File "/usr/local/lib/python3.9/site-packages/auditwheel/repair.py", line 74, in repair_wheel',
         "    raise ValueError(",
         ROOT + 'ValueError: Cannot repair wheel, because required library "libgeos_c.so.1" could not be located']
case("WW-B014-manylinux-policy-violation", "auditwheel-library-not-located", lines,
     dict(reason='library "libgeos_c.so.1" could not be located'))
_win_egg = ["C:\\src\\pyzstdx> python setup.py bdist_wheel", "running bdist_wheel", "Traceback (most recent call last):",
         '  File "C:\\src\\pyzstdx\\setup.py", line 38, in <module>', "    setup(",
         '  File "C:\\hostedtoolcache\\windows\\Python\\3.9.13\\x64\\lib\\site-packages\\setuptools\\wheel.py", line 100, in _install_as_egg',
         "    self._convert_metadata(zf, destination_eggdir, dist_info, egg_info)",
         ROOT + "FileExistsError: [Errno 17] File exists: 'C:\\\\src\\\\pyzstdx\\\\.eggs\\\\cffi-1.15.0-py3.9-win-amd64.egg'"]
p = ["+ auditwheel show dist/pyhash3-0.2.0-cp311-cp311-linux_x86_64.whl", "",
     "pyhash3-0.2.0-cp311-cp311-linux_x86_64.whl is consistent with the following platform tag:",
     '"manylinux_2_17_x86_64".', "", "The wheel references external versioned symbols in these system-",
     "provided shared libraries: libc.so.6 with versions {'GLIBC_2.2.5', 'GLIBC_2.14'}", "",
     "+ auditwheel repair -w wheelhouse dist/pyhash3-0.2.0-cp311-cp311-linux_x86_64.whl",
     "INFO:auditwheel.main_repair:Repairing pyhash3-0.2.0-cp311-cp311-linux_x86_64.whl",
     "INFO:auditwheel.wheeltools:Previous filename tags: linux_x86_64", "INFO:auditwheel.wheeltools:New filename tags: manylinux_2_17_x86_64, manylinux2014_x86_64",
     "INFO:auditwheel.main_repair:", "Fixed-up wheel written to /project/wheelhouse/pyhash3-0.2.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"]
case("WW-B014-manylinux-policy-violation", "auditwheel-ok", p)

# ---------------------------------------------------------------------------------------------
# WW-B015 codesign-invalid
SO2 = "/Users/dev/src/pyblake/build/lib.macosx-11.0-arm64-cpython-311/pyblake/_blake.cpython-311-darwin.so"
lines = ["$ install_name_tool -add_rpath @loader_path/.dylibs " + SO2,
         ROOT + "/Library/Developer/CommandLineTools/usr/bin/install_name_tool: warning: changes being made to the file will invalidate the code signature in: " + SO2,
         "$ python -c 'import pyblake'", "zsh: killed     python -c 'import pyblake'",
         "$ codesign -vv " + SO2, SO2 + ": invalid signature (code or signature have been modified)",
         "In architecture: arm64"]
case("WW-B015-codesign-invalid", "install-name-tool-warning", lines, dict(path=SO2))
lines = ["Run python -c 'import pyblake; print(pyblake.__version__)'",
         ROOT + "/Users/runner/actions-runner/_work/_temp/8f1a2c.sh: line 1: 48213 Killed: 9               python -c 'import pyblake; print(pyblake.__version__)'",
         "Error: Process completed with exit code 137."]
case("WW-B015-codesign-invalid", "gha-killed-9", gha(lines),
     dict(path="python -c 'import pyblake; print(pyblake.__version__)'"))
p = ["$ codesign --force --sign - " + SO2, SO2 + ": replacing existing signature", "$ codesign -vv " + SO2,
     SO2 + ": valid on disk", SO2 + ": satisfies its Designated Requirement", "$ python -c 'import pyblake'"]
case("WW-B015-codesign-invalid", "resigned-ok", p)

# ---------------------------------------------------------------------------------------------
# WW-B016 compiler-missing
rec = recorded("pip23-sys-compiler-missing")
case("WW-B016-compiler-missing", "recorded-cc-nonexistent", mark(rec, "failed: No such file or directory"),
     dict(compiler="/nonexistent/cc"))
r = Rand(13)
body = ["running bdist_wheel", "running build", "running build_py", "creating build", "creating build\\lib.win-amd64-cpython-312",
        "creating build\\lib.win-amd64-cpython-312\\pyhash3", "copying pyhash3\\__init__.py -> build\\lib.win-amd64-cpython-312\\pyhash3",
        "running build_ext", ROOT + "error: Microsoft Visual C++ 14.0 or greater is required. Get it with \"Microsoft C++ Build Tools\": https://visualstudio.microsoft.com/visual-cpp-build-tools/"]
case("WW-B016-compiler-missing", "windows-msvc-crlf", pip23("pyhash3", "0.2.0", body, r), dict(compiler="Microsoft Visual C++ 14.0"), crlf=True)
body = ["running build_ext", "building 'pyhash3._hash' extension", "creating build/temp.linux-x86_64-3.6",
        "gcc -pthread -Wno-unused-result -Wsign-compare -DNDEBUG -g -fwrapv -O3 -Wall -fPIC -I/usr/local/include/python3.6m -c src/_hash.c -o build/temp.linux-x86_64-3.6/src/_hash.o",
        ROOT + "unable to execute 'gcc': No such file or directory", "error: command 'gcc' failed with exit status 1"]
case("WW-B016-compiler-missing", "pip9-slim-image", buildkit(pip9("pyhash3", "0.2.0", body, Rand(14), python="/usr/local/bin/python"), stage="app 2/4", command="pip install -r requirements.txt"),
     dict(compiler="gcc"))
rec = recorded("pip23-sys-library-missing")
case("WW-B016-compiler-missing", "recorded-link-failure-not-compiler", rec)
r = Rand(26)
body = ["running bdist_wheel", "running build", "running build_ext", "-- Configuring pyllvmx with scikit-build",
        "Traceback (most recent call last):", '  File "/usr/lib/python3.11/subprocess.py", line 1950, in _execute_child',
        "    raise child_exception_type(errno_num, err_msg, err_filename)",
        "FileNotFoundError: [Errno 2] No such file or directory: 'cmake'", "",
        "error: command 'cmake' failed: No such file or directory"]
case("WW-B016-compiler-missing", "cmake-missing-not-compiler", gha(pip23("pyllvmx", "0.4.0", body, r)))

# ---------------------------------------------------------------------------------------------
# WW-B017 python-headers-missing
rec = recorded("pip23-sys-python-headers-missing")
case("WW-B017-python-headers-missing", "recorded-bogus-include", mark(rec, "fatal error: Python.h"), dict(header="Python.h"))
r = Rand(15)
body = st_build("ujsonx", "ujsonx._ujson", plat="linux-aarch64-3.8") + [
    gcc_compile("src/_ujson.c", "build/temp.linux-aarch64-3.8/src/_ujson.o", includes=("/usr/include/python3.8",), cc="aarch64-linux-gnu-gcc")]
body += gcc_fatal_header("src/_ujson.c", 1, "Python.h") + ["error: command 'aarch64-linux-gnu-gcc' failed with exit status 1"]
case("WW-B017-python-headers-missing", "pip20-aarch64", pip20("ujsonx", "5.1.0", body, r), dict(header="Python.h"))
body = ["running build_ext", "building 'ujsonx._ujson' extension",
        "clang -Wno-unused-result -Wsign-compare -Wunreachable-code -DNDEBUG -g -fwrapv -O3 -Wall -arch arm64 -I/opt/missing/include/python3.11 -c src/_ujson.c -o build/temp.macosx-11.0-arm64-cpython-311/src/_ujson.o"]
body += clang_fatal_header("src/_ujson.c", 1, "Python.h") + ["error: command '/usr/bin/clang' failed with exit code 1"]
case("WW-B017-python-headers-missing", "python-m-build-clang", pybuild(["running egg_info", "writing ujsonx.egg-info/PKG-INFO"], body),
     dict(header="Python.h"))
rec = recorded("pip23-sys-missing-library-header")
case("WW-B017-python-headers-missing", "recorded-other-header", rec)

# ---------------------------------------------------------------------------------------------
# WW-B018 library-headers-missing
rec = recorded("pip23-sys-missing-library-header")
case("WW-B018-library-headers-missing", "recorded-pip23", mark(rec, "fatal error: ffi_notthere.h"), dict(header="ffi_notthere.h"))
rec = recorded("python-m-build-missing-library-header")
case("WW-B018-library-headers-missing", "recorded-python-m-build", gha(["Run python -m build --wheel --no-isolation ."] + mark(rec, "fatal error: ffi_notthere.h")),
     dict(header="ffi_notthere.h"))
r = Rand(16)
body = st_build("cryptox", "cryptox._openssl", plat="linux-x86_64-cpython-310") + [
    "generating cffi module 'build/temp.linux-x86_64-cpython-310/_openssl.c'",
    gcc_compile("build/temp.linux-x86_64-cpython-310/_openssl.c", "build/temp.linux-x86_64-cpython-310/build/temp.linux-x86_64-cpython-310/_openssl.o", includes=("/usr/include/python3.10",))]
body += gcc_fatal_header("build/temp.linux-x86_64-cpython-310/_openssl.c", 575, "openssl/opensslv.h") + ["error: command '/usr/bin/gcc' failed with exit code 1"]
body2 = [ROOT + l[2:] if l.startswith(ROOT) else l for l in body]
lines = uv("cryptox", "3.4.8", ["running bdist_wheel"] + [l for l in body2 if not l.startswith(ROOT) and "fatal" not in l][:12],
           [l for l in body2 if l.startswith(ROOT) or "fatal" in l or "compilation" in l or "error:" in l or "|" in l])
case("WW-B018-library-headers-missing", "uv-openssl", lines, dict(header="openssl/opensslv.h"))
r = Rand(25)
body = ["  Running command Building wheel for pyxmlsec (pyproject.toml)", "  running bdist_wheel", "  running build_ext",
        "  building 'xmlsec' extension",
        "  " + gcc_compile("src/main.c", "build/temp.linux-x86_64-cpython-311/src/main.o", cc="$BUILD_PREFIX/bin/x86_64-conda-linux-gnu-cc",
                           includes=("$PREFIX/include/python3.11",), extra="-D__XMLSEC_FUNCTION__=__func__ -DXMLSEC_NO_SIZE_T "),
        ROOT + "  src/main.c:12:10: fatal error: xmlsec/xmlsec.h: No such file or directory",
        "     12 | #include <xmlsec/xmlsec.h>", "        |          ^~~~~~~~~~~~~~~~~", "  compilation terminated.",
        "  error: command '$BUILD_PREFIX/bin/x86_64-conda-linux-gnu-cc' failed with exit code 1",
        "  error: subprocess-exited-with-error", "  ERROR: Failed building wheel for pyxmlsec", "Failed to build pyxmlsec",
        "ERROR: Could not build wheels for pyxmlsec, which is required to install pyproject.toml-based projects"]
case("WW-B018-library-headers-missing", "conda-build-xmlsec", conda_build("pyxmlsec", "1.3.13", body), dict(header="xmlsec/xmlsec.h"))
rec = recorded("pip23-sys-python-headers-missing")
case("WW-B018-library-headers-missing", "recorded-python-h-only", rec)

# ---------------------------------------------------------------------------------------------
# WW-B019 library-missing
rec = recorded("pip23-sys-library-missing")
case("WW-B019-library-missing", "recorded-gnu-ld", mark(rec, "cannot find -lnotthere"), dict(lib="notthere"))
rec = recorded("lld-library-not-found")
case("WW-B019-library-missing", "recorded-ld64-lld", mark(rec, "library not found for -lnotthere"), dict(lib="notthere"))
r = Rand(17)
body = ["running build_ext", "building 'pyxmlsec._xmlsec' extension", "clang -bundle -undefined dynamic_lookup -arch arm64 build/temp.macosx-11.0-arm64-cpython-311/src/main.o -L/usr/local/lib -lxmlsec1-openssl -lxmlsec1 -lxml2 -o build/lib.macosx-11.0-arm64-cpython-311/pyxmlsec/_xmlsec.cpython-311-darwin.so",
        ROOT + "ld: library not found for -lxmlsec1-openssl", "clang: error: linker command failed with exit code 1 (use -v to see invocation)",
        "error: command '/usr/bin/clang' failed with exit code 1"]
case("WW-B019-library-missing", "poetry-ld64", poetry("pyxmlsec", "1.3.13", body), dict(lib="xmlsec1-openssl"))
tail = ["building 'fastlz4._lz4' extension",
        gcc_compile("src/_lz4.c", "build/temp.linux-x86_64-cpython-311/src/_lz4.o", cc="gcc", includes=("/usr/local/include/python3.11",)),
        "gcc -shared build/temp.linux-x86_64-cpython-311/src/_lz4.o -L/usr/local/lib -llz4 -o build/lib.linux-x86_64-cpython-311/fastlz4/_lz4.cpython-311-x86_64-linux-gnu.so",
        ROOT + "/usr/bin/ld: cannot find -llz4", "collect2: error: ld returned 1 exit status",
        "error: command '/usr/bin/gcc' failed with exit code 1"]
case("WW-B019-library-missing", "pdm-gnu-ld-old-wording", pdm("fastlz4", "4.3.2", tail), dict(lib="lz4"))
p = ["gcc -shared build/temp/_zlib.o -L/usr/lib/x86_64-linux-gnu -lz -o build/lib/zlibwrap/_zlib.so",
     "/usr/bin/ld: warning: cannot find entry symbol _start; defaulting to 0000000000001040",
     "copying build/lib/zlibwrap/_zlib.so -> zlibwrap", "Successfully built zlibwrap"]
case("WW-B019-library-missing", "link-ok-other-warning", p)

# ---------------------------------------------------------------------------------------------
# WW-B020 rust-compiler-missing (setuptools-rust's and maturin's wording)
r = Rand(18)
body = ["running bdist_wheel", "running build", "running build_py", "creating build/lib.linux-armv7l-cpython-311/orjsonx",
        "copying python/orjsonx/__init__.py -> build/lib.linux-armv7l-cpython-311/orjsonx", "running build_ext", "running build_rust",
        ROOT + "error: can't find Rust compiler", "",
        "If you are using an outdated pip version, it is possible a prebuilt wheel is available for this package but pip is not able to install from it. Installing from the wheel would avoid the need for a Rust compiler.",
        "", "To update pip, run:", "", "    pip install --upgrade pip", "",
        "and then retry package installation.", "",
        "If you did intend to build this package from source, try installing a Rust compiler from your system package manager and ensure it is on the PATH during installation. Alternatively, rustup (available at https://rustup.rs) is the recommended way to download and update the Rust compiler toolchain."]
case("WW-B020-rust-compiler-missing", "pip23-setuptools-rust-armv7", buildkit(pip23("orjsonx", "3.9.1", body, r), stage="builder 3/5", command="pip install orjsonx==3.9.1"),
     dict(tool="Rust compiler"))
body = ["Checking for Rust toolchain....", "", ROOT + "Cargo, the Rust package manager, is not installed or is not on PATH.",
        "This package requires Rust and Cargo to compile extensions. Install it through", "the system's package manager or via https://rustup.rs/", ""]
lines = pip23_metadata("pydantic-corex", "2.16.3", body, Rand(19), step="Preparing metadata (pyproject.toml)")
case("WW-B020-rust-compiler-missing", "pip23-maturin-metadata", lines, dict(tool="Cargo"))
p = ["Collecting orjsonx==3.9.1", "  Downloading orjsonx-3.9.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (138 kB)",
     "Installing collected packages: orjsonx", "Successfully installed orjsonx-3.9.1",
     "$ rustc --version", "rustc 1.76.0 (07dca489a 2024-02-04)", "$ cargo build --release", "   Compiling orjsonx v3.9.1",
     "    Finished release [optimized] target(s) in 41.20s"]
case("WW-B020-rust-compiler-missing", "rust-present", p)

# ---------------------------------------------------------------------------------------------
# WW-B021 python-too-new
r = Rand(20)
env = r.tmp("/tmp/pip-build-env-")
body = traceback(hook_frames(env, "get_requires_for_build_wheel", 112, [(325, "get_requires_for_build_wheel", "return self._get_build_requires(config_settings, requirements=['wheel'])"),
                                                                        (295, "_get_build_requires", "self.run_setup()"),
                                                                        (480, "run_setup", "super(_BuildMetaLegacyBackend, self).run_setup(setup_script=setup_script)"),
                                                                        (311, "run_setup", "exec(code, locals())")])
                 + [("<string>", 8, "<module>", None),
                    (f"{env}/overlay/lib/python3.12/site-packages/setuptools/__init__.py", 10, "<module>", "import distutils.core"),
                    (f"{env}/overlay/lib/python3.12/site-packages/pkg_resources/__init__.py", 2172, "<module>", "register_finder(pkgutil.ImpImporter, find_on_path)")],
                 ROOT + "AttributeError: module 'pkgutil' has no attribute 'ImpImporter'. Did you mean: 'zipimporter'?")
lines = ["Run pip install -r requirements.txt", "Collecting numpy==1.24.4"] + pip23_metadata("numpy", "1.24.4", body, r)[1:]
case("WW-B021-python-too-new", "pip23-py312-impimporter", gha(lines), dict(what="ImpImporter"), evidence="pkgutil")
r = Rand(21)
body = st_build("fastcsvx", "fastcsvx._parser", plat="linux-x86_64-cpython-312") + [
    gcc_compile("fastcsvx/_parser.c", "build/temp.linux-x86_64-cpython-312/fastcsvx/_parser.o", includes=("/usr/local/include/python3.12",)),
    "fastcsvx/_parser.c: In function ‘__Pyx_PyInt_As_long’:",
    ROOT + "fastcsvx/_parser.c:2861:53: error: ‘PyLongObject’ {aka ‘struct _longobject’} has no member named ‘ob_digit’",
    " 2861 |             const digit* digits = ((PyLongObject*)x)->ob_digit;", "      |                                                     ^~",
    "error: command '/usr/bin/gcc' failed with exit code 1"]
case("WW-B021-python-too-new", "tox-py312-old-cython-output",
     tox("py312", ["Collecting fastcsvx==0.8.2", "  Using cached fastcsvx-0.8.2.tar.gz (211 kB)"], pip23("fastcsvx", "0.8.2", body, r, install=False)),
     dict(what="ob_digit"))
p = ["$ python3.12 -m pip install 'numpy>=1.26'", "Collecting numpy>=1.26",
     "  Downloading numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (18.0 MB)",
     "Installing collected packages: numpy", "Successfully installed numpy-1.26.4",
     "$ python3.12 -c 'import pkgutil; print(hasattr(pkgutil, \"ImpImporter\"))'", "False"]
case("WW-B021-python-too-new", "py312-ok", p)

# ---------------------------------------------------------------------------------------------
# WW-B022 build-dependency-undeclared
rec = recorded("pip23-isolated-build-dependency-undeclared")
case("WW-B022-build-dependency-undeclared", "recorded-isolated-cython", mark(rec, "ModuleNotFoundError"), dict(module="Cython"))
r = Rand(22)
body = ["Traceback (most recent call last):", '  File "<string>", line 1, in <module>',
        f'  File "{r.tmp("/tmp/pip-install-")}/pyemdx_2f1c/setup.py", line 4, in <module>', "    import numpy as np",
        ROOT + "ModuleNotFoundError: No module named 'numpy'"]
egg = r.tmp("/tmp/pip-pip-egg-info-")
lines = ["Collecting numpy==1.19.5", "  Downloading numpy-1.19.5-cp38-cp38-manylinux2010_x86_64.whl (14.9 MB)",
         "Collecting pyemdx==0.3.1", "  Downloading pyemdx-0.3.1.tar.gz (12 kB)",
         "    ERROR: Command errored out with exit status 1:",
         f"     command: /usr/bin/python3 -c 'import sys, setuptools, tokenize; sys.argv[0] = setup.py' egg_info --egg-base {egg}",
         "         cwd: /tmp/pip-install-x2/pyemdx/", f"    Complete output ({len(body)} lines):"]
lines += [("@@    " + l[2:]) if l.startswith(ROOT) else "    " + l for l in body]
lines += ["    ----------------------------------------",
          "ERROR: Command errored out with exit status 1: python setup.py egg_info Check the logs for full command output.",
          "WARNING: You are using pip version 20.2.4; however, version 24.0 is available.",
          "You should consider upgrading via the '/usr/bin/python3 -m pip install --upgrade pip' command."]
case("WW-B022-build-dependency-undeclared", "pip20-numpy-in-setup-py", lines, dict(module="numpy"))
env = Rand(27).tmp("/tmp/build-env-")
tb = traceback([("/usr/lib/python3/dist-packages/pyproject_hooks/_in_process/_in_process.py", 353, "<module>", "main()"),
                ("/usr/lib/python3/dist-packages/pyproject_hooks/_in_process/_in_process.py", 335, "main", "json_out['return_val'] = hook(**hook_input['kwargs'])"),
                ("/usr/lib/python3/dist-packages/pyproject_hooks/_in_process/_in_process.py", 118, "get_requires_for_build_wheel", "return hook(config_settings)"),
                (f"{env}/lib/python3.11/site-packages/setuptools/build_meta.py", 325, "get_requires_for_build_wheel", "return self._get_build_requires(config_settings, requirements=['wheel'])"),
                (f"{env}/lib/python3.11/site-packages/setuptools/build_meta.py", 295, "_get_build_requires", "self.run_setup()"),
                (f"{env}/lib/python3.11/site-packages/setuptools/build_meta.py", 311, "run_setup", "exec(code, locals())"),
                ("<string>", 3, "<module>", None)], ROOT + "ModuleNotFoundError: No module named 'pybind11'")
lines = ["$ python -m build", "* Creating isolated environment: venv+pip...",
         "* Installing packages in isolated environment:", "  - setuptools>=61", "  - wheel",
         "* Getting build dependencies for sdist...", "running egg_info", "writing fastgeo.egg-info/PKG-INFO",
         "writing dependency_links to fastgeo.egg-info/dependency_links.txt", "writing top-level names to fastgeo.egg-info/top_level.txt",
         "* Building sdist...", "running sdist", "creating fastgeo-0.2.0", "Creating tar archive",
         "* Building wheel from sdist", "* Creating isolated environment: venv+pip...",
         "* Installing packages in isolated environment:", "  - setuptools>=61", "  - wheel",
         "* Getting build dependencies for wheel..."] + tb + ["", "ERROR Backend subprocess exited when trying to invoke get_requires_for_build_wheel"]
case("WW-B022-build-dependency-undeclared", "python-m-build-pybind11", lines, dict(module="pybind11"))
p = ["Run python -m pip install dist/*.whl", "Processing ./dist/fastgeo-0.2.0-cp311-cp311-linux_x86_64.whl",
     "Installing collected packages: fastgeo", "Successfully installed fastgeo-0.2.0",
     "Run python -c 'import fastgeo, numpy; print(fastgeo.area([(0, 0), (1, 0), (0, 1)]))'",
     "Traceback (most recent call last):", '  File "<string>", line 1, in <module>',
     "ModuleNotFoundError: No module named 'numpy'", "Error: Process completed with exit code 1."]
case("WW-B022-build-dependency-undeclared", "runtime-import-after-install", gha(p))
p = ["$ python -m pytest -q", "==================================== ERRORS ====================================",
     "______________________ ERROR collecting tests/test_fast.py ______________________",
     "ImportError while importing test module '/home/runner/actions-runner/_work/app/app/tests/test_fast.py'.",
     "Hint: make sure your test modules/packages have valid Python names.", "Traceback:",
     "/usr/lib/python3.11/importlib/__init__.py:126: in import_module", "    return _bootstrap._gcd_import(name[level:], package, level)",
     "tests/test_fast.py:1: in <module>", "    import numpy", "E   ModuleNotFoundError: No module named 'numpy'",
     "=========================== short test summary info ============================",
     "ERROR tests/test_fast.py", "!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!", "1 error in 0.12s"]
case("WW-B022-build-dependency-undeclared", "pytest-missing-test-dependency", p)

# ---------------------------------------------------------------------------------------------
# WW-B023 build-dependency-incompatible
r = Rand(23)
env = r.tmp("/tmp/pip-build-env-")
body = ["running egg_info", "writing lib/PyYAML.egg-info/PKG-INFO", "writing dependency_links to lib/PyYAML.egg-info/dependency_links.txt",
        "writing top-level names to lib/PyYAML.egg-info/top_level.txt", "Traceback (most recent call last):"]
body += traceback(hook_frames(env, "get_requires_for_build_wheel", 118, [(341, "get_requires_for_build_wheel", "return self._get_build_requires(config_settings, requirements=['wheel'])"),
                                                                         (323, "_get_build_requires", "self.run_setup()"), (338, "run_setup", "exec(code, locals())")])
                  + [("<string>", 288, "<module>", None),
                     (f"{env}/overlay/lib/python3.11/site-packages/setuptools/_distutils/cmd.py", 107, "__getattr__", "raise AttributeError(attr)")],
                  ROOT + "AttributeError: cython_sources")[1:]
lines = ["Run pip install -r requirements.txt"] + collecting(LINUX_DEPS, r) + pip23_metadata("PyYAML", "5.4.1", body, r)
case("WW-B023-build-dependency-incompatible", "pip23-pyyaml-cython3", gha(lines), dict(what="cython_sources"))
body = ["running egg_info", ROOT + "error in anyjsonx setup command: use_2to3 is invalid."]
lines = pip23_metadata("anyjsonx", "0.3.3", body, Rand(24), step="Preparing metadata (setup.py)")
case("WW-B023-build-dependency-incompatible", "pip23-setuptools58-use-2to3", lines, dict(what="use_2to3"))
p = ["Collecting PyYAML==6.0.1", "  Downloading PyYAML-6.0.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (757 kB)",
     "Collecting Cython<3", "  Using cached Cython-0.29.37-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.manylinux_2_28_x86_64.whl (1.9 MB)",
     "Installing collected packages: PyYAML, Cython", "Successfully installed Cython-0.29.37 PyYAML-6.0.1"]
case("WW-B023-build-dependency-incompatible", "pinned-cython-ok", p)

# ---------------------------------------------------------------------------------------------
# WW-B024 cross-compiled-untested (cibuildwheel's warning on an x86_64 macOS runner)
x86 = ["+ pip wheel /Users/runner/actions-runner/_work/pyzx/pyzx --wheel-dir=/private/var/folders/24/T/cibw-run-3/cp312-macosx_x86_64/built_wheel --no-deps",
       "Successfully built pyzx", "✓ 14.20s", "Repairing wheel...", "✓ 0.71s", "Testing wheel...", "+ pytest /Users/runner/actions-runner/_work/pyzx/pyzx/tests"] + PYTEST_MAC + [
       "✓ 5.02s", "", "✓ cp312-macosx_x86_64 finished in 31.33s"]
arm = ["+ pip wheel /Users/runner/actions-runner/_work/pyzx/pyzx --wheel-dir=/private/var/folders/24/T/cibw-run-3/cp312-macosx_arm64/built_wheel --no-deps",
       "Successfully built pyzx", "✓ 15.01s", "Repairing wheel...", "✓ 0.69s", "",
       ROOT + "Warning: While arm64 wheels can be built on x86_64, they cannot be tested. Consider building arm64 wheels natively, if your CI provider offers this. To silence this warning, set `CIBW_TEST_SKIP: \"*-macosx_arm64\"`.",
       "", "✓ cp312-macosx_arm64 finished in 17.90s"]
tail = ["", "2 wheels produced in 1 minutes:", "  pyzx-1.0.0-cp312-cp312-macosx_10_9_x86_64.whl   48 kB",
        "  pyzx-1.0.0-cp312-cp312-macosx_11_0_arm64.whl    46 kB"]
lines = cibuildwheel(["cp312-macosx_x86_64", "cp312-macosx_arm64"], [x86, arm], tail=tail)
case("WW-B024-cross-compiled-untested", "cibuildwheel-arm64-on-x86", gha(ansi(lines)), dict(arch="arm64", host="x86_64"))
uni = ["Successfully built pyzx", "✓ 22.40s", "",
       ROOT + "Warning: While universal2 wheels can be built on x86_64, the arm64 part of the wheel cannot be tested on x86_64. Consider building universal2 wheels on an arm64 runner, if your CI provider offers this. Notably, an arm64 runner can also test the x86_64 part of the wheel, through Rosetta emulation. To silence this warning, set `CIBW_TEST_SKIP: \"*-macosx_universal2:arm64\"`.",
       "Testing wheel...", "+ pytest /Users/runner/actions-runner/_work/pyzx/pyzx/tests"] + PYTEST_MAC + ["✓ cp311-macosx_universal2 finished in 44.10s"]
lines = cibuildwheel(["cp311-macosx_universal2"], [uni], archs="universal2")
case("WW-B024-cross-compiled-untested", "cibuildwheel-universal2-on-x86", lines, dict(arch="universal2", host="x86_64"))
win = ["Successfully built pyzx", "✓ 19.20s", "",
       ROOT + "Warning: While arm64 wheels can be built on x86_64, they cannot be tested. Consider building arm64 wheels natively, if your CI provider offers this. To silence this warning, set `CIBW_TEST_SKIP: \"*-win_arm64\"`.",
       "", "✓ cp312-win_arm64 finished in 25.43s"]
case("WW-B024-cross-compiled-untested", "cibuildwheel-windows-arm64-crlf",
     cibuildwheel(["cp312-win_arm64"], [win], platform="windows", archs="ARM64"), dict(arch="arm64", host="x86_64"), crlf=True)
arm_native = ["Successfully built pyzx", "✓ 12.02s", "Testing wheel...", "+ pytest /Users/runner/actions-runner/_work/pyzx/pyzx/tests"] + PYTEST_MAC + ["✓ cp312-macosx_arm64 finished in 25.11s"]
case("WW-B024-cross-compiled-untested", "native-arm64-runner-tested", gha(cibuildwheel(["cp312-macosx_arm64"], [arm_native], archs="arm64")))


# ---------------------------------------------------------------------------------------------
# Near misses at full length: a short pass case becomes one step of a whole CI job, and every
# rule also gets a job that failed for a reason that is not a build problem (network timeout,
# hash mismatch, resolver conflict, failing tests), taken in turn.
from jobs import CHECKOUT, SETUP_PY, gha_job, unrelated_jobs  # noqa: E402

_STAMPED = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+Z ")
for k in CASES:
    if k.captures is None and len(k.lines) < 30:
        k.lines = gha(gha_job([CHECKOUT, SETUP_PY, ("./ci/build.sh", [_STAMPED.sub("", l) for l in k.lines])]))

_UNRELATED = list(unrelated_jobs().items())
for i, rule in enumerate(sorted({k.rule for k in CASES})):
    name, job = _UNRELATED[i % len(_UNRELATED)]
    case(rule, f"unrelated-{name}", gha(job))

case("WW-B001-setup-requires-egg-conflict", "windows-repr-path-crlf", _win_egg,
     dict(pkg="cffi", ver="1.15.0", path="C:\\\\src\\\\pyzstdx\\\\.eggs\\\\cffi-1.15.0-py3.9-win-amd64.egg"), crlf=True)

# The package each case's log shows failing: the engine names it, prefixing its messages with it
# (or filling {package} where the message template has one).
PACKAGES = {
    ("WW-B002-setup-requires-fetch-failed", "pip8-easy-install-crlf"): "pyrle",
    ("WW-B003-bdist-wheel-missing", "recorded-setup-py-gha"): "legacylib",
    ("WW-B003-bdist-wheel-missing", "pip9-python2"): "pyrsistent",
    ("WW-B004-cffi-cross-compile", "cross-arm64-on-x86-runner-libffi"): "pynacl_ffi",
    ("WW-B004-cffi-cross-compile", "crossenv-aarch64-host-libffi"): "xxhashffi",
    ("WW-B005-no-wheel-for-target", "pip23-arm64-sdist-fallback"): "h5py",
    ("WW-B005-no-wheel-for-target", "buildkit-aarch64-url-download"): "scikit-learn",
    ("WW-B010-linker-arch-mismatch", "pip24-xcode15-found-required"): "zstdx",
    ("WW-B013-old-pip-platform-tags", "pip9-manylinux2014-fallback"): "cryptography",
    ("WW-B016-compiler-missing", "recorded-cc-nonexistent"): "quickhash",
    ("WW-B016-compiler-missing", "windows-msvc-crlf"): "pyhash3",
    ("WW-B016-compiler-missing", "pip9-slim-image"): "pyhash3",
    ("WW-B017-python-headers-missing", "recorded-bogus-include"): "speedups",
    ("WW-B017-python-headers-missing", "pip20-aarch64"): "ujsonx",
    ("WW-B017-python-headers-missing", "python-m-build-clang"): "ujsonx",
    ("WW-B018-library-headers-missing", "recorded-pip23"): "fastffi",
    ("WW-B018-library-headers-missing", "recorded-python-m-build"): "fastffi",
    ("WW-B018-library-headers-missing", "uv-openssl"): "cryptox",
    ("WW-B018-library-headers-missing", "conda-build-xmlsec"): "pyxmlsec",
    ("WW-B019-library-missing", "recorded-gnu-ld"): "zlibwrap",
    ("WW-B020-rust-compiler-missing", "pip23-setuptools-rust-armv7"): "orjsonx",
    ("WW-B020-rust-compiler-missing", "pip23-maturin-metadata"): "pydantic-corex",
    ("WW-B021-python-too-new", "pip23-py312-impimporter"): "numpy",
    ("WW-B021-python-too-new", "tox-py312-old-cython-output"): "fastcsvx",
    ("WW-B022-build-dependency-undeclared", "pip20-numpy-in-setup-py"): "pyemdx",
    ("WW-B022-build-dependency-undeclared", "python-m-build-pybind11"): "fastgeo",
    ("WW-B023-build-dependency-incompatible", "pip23-pyyaml-cython3"): "PyYAML",
    ("WW-B023-build-dependency-incompatible", "pip23-setuptools58-use-2to3"): "anyjsonx",
}
for _c in CASES:
    _c.package = PACKAGES.get((_c.rule, _c.slug))
