#!/usr/bin/env bash
# Records real build and install logs of small broken projects, so that the WW-B log rules are
# written against what pip, setuptools, distutils, gcc and ld really print.
#
# Every scenario builds a throw-away project in a temporary folder, with no network (pip runs
# with --no-index), and writes its combined stdout+stderr to testdata/logs/recorded/<name>.log.
# Paths of the recording machine (home folder, temporary folder) are replaced by neutral ones
# so that the committed logs do not depend on where they were made.
#
# Interpreters: Debian's /usr/bin/python3 (setuptools, wheel, python3-dev) and the first
# python3 on PATH that lacks the `wheel` package (used for the bdist_wheel scenario). Override
# with SYS_PY=... and PATH_PY=...
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=testdata/logs/recorded
mkdir -p "$OUT"

SYS_PY=${SYS_PY:-/usr/bin/python3}
PATH_PY=${PATH_PY:-$(command -v python3)}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Neutral names for machine paths: the project lives in /home/runner/actions-runner/_work/<name>, the home
# folder is /home/runner, other temporary folders stay as tool-made /tmp names.
sanitize() {
  local proj=$1
  sed -e "s#$WORK/$proj#/home/runner/actions-runner/_work/$proj#g" \
      -e "s#$WORK#/home/runner/actions-runner/_work#g" \
      -e "s#$HOME#/home/runner#g"
}

# record NAME PROJECT-DIR COMMAND... : run in the project dir, keep stdout+stderr interleaved.
record() {
  local name=$1 proj=$2; shift 2
  echo "recording $name" >&2
  # The machine's own pip configuration (find-links, extra indexes) is left out: PIP_CONFIG_FILE
  # pointing at an empty file disables every pip.conf.
  (cd "$WORK/$proj" && env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL \
      PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 "$@" 2>&1) \
    | sanitize "$proj" > "$OUT/$name.log"
  echo "  exit ${PIPESTATUS[0]}, $(wc -l < "$OUT/$name.log") lines" >&2
}

# ---- project generators -------------------------------------------------------------------
ext_project() { # ext_project DIR NAME C-SOURCE [extra Extension kwargs]
  local dir=$WORK/$1 name=$2 src=$3 kw=${4:-}
  mkdir -p "$dir/src"
  printf '%s\n' "$src" > "$dir/src/_${name}.c"
  cat > "$dir/setup.py" <<EOF
from setuptools import Extension, setup

setup(
    name="$name",
    version="0.3.1",
    ext_modules=[Extension("${name}._${name}", ["src/_${name}.c"]$kw)],
    packages=["$name"],
)
EOF
  mkdir -p "$dir/$name"; echo '' > "$dir/$name/__init__.py"
}

MODULE_C='#include <Python.h>
static struct PyModuleDef m = {PyModuleDef_HEAD_INIT, "_mod", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__mod(void) { return PyModule_Create(&m); }'

# 1. third-party header missing (cffi-style #include of a header that is not installed)
ext_project hdr fastffi "#include <Python.h>
#include <ffi_notthere.h>
$MODULE_C"
record pip23-sys-missing-library-header hdr \
  "$SYS_PY" -m pip wheel --no-build-isolation --no-deps --no-index -w dist .
record setup-py-bdist-wheel-missing-library-header hdr \
  "$SYS_PY" setup.py bdist_wheel
record python-m-build-missing-library-header hdr \
  "$SYS_PY" -m build --wheel --no-isolation .

# 2. Python.h missing: the extension's include path is replaced by one that does not exist
mkdir -p "$WORK/pyh"
ext_project pyh speedups "$MODULE_C"
cat > "$WORK/pyh/setup.py" <<'EOF'
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class bogus_include_build_ext(build_ext):
    """Builds against a Python include folder that does not exist (as on a machine without
    the python3-dev headers)."""

    def finalize_options(self):
        super().finalize_options()
        self.include_dirs = ["/opt/python-dev-missing/include/python3.11"]


setup(
    name="speedups",
    version="1.4.0",
    ext_modules=[Extension("speedups._speedups", ["src/_speedups.c"])],
    packages=["speedups"],
    cmdclass={"build_ext": bogus_include_build_ext},
)
EOF
record pip23-sys-python-headers-missing pyh \
  "$SYS_PY" -m pip wheel -v --no-build-isolation --no-deps --no-index -w dist .

# 3. library missing at link time
ext_project lib zlibwrap "$MODULE_C" ', libraries=["notthere"]'
record pip23-sys-library-missing lib \
  "$SYS_PY" -m pip wheel --no-build-isolation --no-deps --no-index -w dist .

# 4. compiler missing
ext_project cc quickhash "$MODULE_C"
record pip23-sys-compiler-missing cc \
  env CC=/nonexistent/cc "$SYS_PY" -m pip wheel --no-build-isolation --no-deps --no-index -w dist .

# 5. bdist_wheel missing: an interpreter without the wheel package
mkdir -p "$WORK/nowheel/legacylib"; echo '' > "$WORK/nowheel/legacylib/__init__.py"
cat > "$WORK/nowheel/setup.py" <<'EOF'
from setuptools import setup

setup(name="legacylib", version="2.0.0", packages=["legacylib"])
EOF
if ! "$PATH_PY" -c 'import wheel' 2>/dev/null; then
  record setup-py-bdist-wheel-no-wheel-package nowheel "$PATH_PY" setup.py bdist_wheel
else
  echo "skipping bdist_wheel scenario: $PATH_PY has the wheel package" >&2
fi

# 6. setup_requires fetched by setuptools itself, with no index reachable
mkdir -p "$WORK/sreq/sreqdemo"; echo '' > "$WORK/sreq/sreqdemo/__init__.py"
cat > "$WORK/sreq/setup.py" <<'EOF'
from setuptools import setup

setup(
    name="sreqdemo",
    version="0.9.0",
    packages=["sreqdemo"],
    setup_requires=["notinstalled>=1.2"],
)
EOF
record setup-py-setup-requires-fetch-failed sreq \
  env PIP_NO_INDEX=1 "$SYS_PY" setup.py bdist_wheel
record pip23-sys-setup-requires-fetch-failed sreq \
  env PIP_NO_INDEX=1 "$SYS_PY" -m pip wheel --no-build-isolation --no-deps --no-index -w dist .

# 7. no matching distribution (pip with --no-index)
mkdir -p "$WORK/nomatch"
record pip23-no-matching-distribution nomatch \
  "$PATH_PY" -m pip install --no-index "pyobjc-core==9.2" "requests"

# 8. build isolation with an undeclared build dependency (Cython imported by setup.py)
mkdir -p "$WORK/iso/wheelhouse" "$WORK/iso/proj/isodemo"
cp /usr/share/python-wheels/setuptools-*.whl /usr/share/python-wheels/wheel-*.whl "$WORK/iso/wheelhouse/" 2>/dev/null
echo '' > "$WORK/iso/proj/isodemo/__init__.py"
cat > "$WORK/iso/proj/pyproject.toml" <<'EOF'
[build-system]
requires = ["setuptools>=61", "wheel"]
build-backend = "setuptools.build_meta"
EOF
cat > "$WORK/iso/proj/setup.py" <<'EOF'
from Cython.Build import cythonize
from setuptools import setup

setup(name="isodemo", version="0.1.0", packages=["isodemo"])
EOF
record pip23-isolated-build-dependency-undeclared iso \
  "$PATH_PY" -m pip wheel --no-index --find-links wheelhouse --no-deps -w dist ./proj

# 9. a wheel for another platform
mkdir -p "$WORK/notsup"
(cd "$WORK/notsup" && "$SYS_PY" - <<'EOF'
import base64, hashlib, zipfile
name = "fastcrc-1.2.0-cp311-cp311-macosx_11_0_arm64.whl"
files = {
    "fastcrc/__init__.py": b"",
    "fastcrc-1.2.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: fastcrc\nVersion: 1.2.0\n",
    "fastcrc-1.2.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: handmade\nRoot-Is-Purelib: false\nTag: cp311-cp311-macosx_11_0_arm64\n",
}
record = []
with zipfile.ZipFile(name, "w") as z:
    for n, data in files.items():
        z.writestr(n, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{n},sha256={digest},{len(data)}")
    record.append("fastcrc-1.2.0.dist-info/RECORD,,")
    z.writestr("fastcrc-1.2.0.dist-info/RECORD", "\n".join(record) + "\n")
EOF
)
record pip23-not-supported-wheel notsup \
  "$PATH_PY" -m pip install --no-index fastcrc-1.2.0-cp311-cp311-macosx_11_0_arm64.whl

# 10. Mach-O linking with LLVM's ld64-compatible linker (lld): an x86_64 object in an arm64
#     link, a missing -l library, and llvm-lipo thinning a fat file to an arch it lacks.
LLVM_BIN=${LLVM_BIN:-/usr/lib/llvm-14/bin}
if [ -x "$LLVM_BIN/clang" ] || command -v clang >/dev/null 2>&1; then
  export PATH="$LLVM_BIN:$PATH"
  mkdir -p "$WORK/macho"
  printf 'int crc_update(int c);\nint crc_final(void) { return crc_update(0); }\n' > "$WORK/macho/final.c"
  printf 'int crc_update(int c) { return c + 1; }\n' > "$WORK/macho/update.c"
  record lld-arm64-link-x86_64-object macho sh -xc '
    clang -target x86_64-apple-macos10.9 -c update.c -o update.o
    clang -target arm64-apple-macos11 -fuse-ld=lld -bundle -nostdlib final.c update.o -o crc.arm64.so'
  record lld-library-not-found macho sh -xc '
    clang -target arm64-apple-macos11 -fuse-ld=lld -bundle -undefined dynamic_lookup -nostdlib final.c -lnotthere -o crc.arm64.so'
  record llvm-lipo-missing-arch macho sh -xc '
    clang -target x86_64-apple-macos10.9 -fuse-ld=lld -bundle -undefined dynamic_lookup -nostdlib update.c -o u.x86_64.so
    clang -target arm64-apple-macos11 -fuse-ld=lld -bundle -undefined dynamic_lookup -nostdlib update.c -o u.arm64.so
    llvm-lipo -create u.x86_64.so u.arm64.so -output u.so
    llvm-lipo -info u.so
    llvm-lipo u.so -thin arm64e -output u.arm64e.so
    llvm-lipo -create u.x86_64.so u.x86_64.so -output twice.so'
fi

# 11. a near miss: the build succeeds (for pass cases)
ext_project ok goodext "$MODULE_C"
sed -i 's/PyInit__mod/PyInit__goodext/; s/"_mod"/"_goodext"/' "$WORK/ok/src/_goodext.c"
record pip23-sys-build-ok ok \
  "$SYS_PY" -m pip wheel --no-build-isolation --no-deps --no-index -w dist .

echo "done: $(ls "$OUT" | wc -l) logs in $OUT" >&2
