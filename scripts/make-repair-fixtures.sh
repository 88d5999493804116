#!/usr/bin/env bash
# Builds, into OUT (a new or empty folder), an unrepaired Linux wheel whose extension module
# needs private libraries outside every system folder, as a wheel maintainer's build leaves it:
#   OUT/lib/libbar.so.1            a private library (SONAME libbar.so.1, symbols versioned BAR_1)
#   OUT/foo/libfoo.so.1            a private library that needs libbar.so.1 (RUNPATH to OUT/lib)
#   OUT/build/repdemo/_demo.<ext>  the module: NEEDED libfoo.so.1, no RUNPATH (found through --lib-dir)
#   OUT/build/repdemo/_demo_rpath.<ext>  the same module with a RUNPATH naming OUT/foo
#   OUT/dist/repdemo-0.1.0-<tag>-linux_<arch>.whl   both modules, __init__.py, dist-info
# Tests run it into a temporary folder, then delete lib/ and foo/ to prove the repaired wheel
# no longer needs them. Needs gcc, python3-dev (Python.h) and /usr/bin/python3.
# Usage: scripts/make-repair-fixtures.sh OUT [PYTHON]
set -euo pipefail
out=${1:?usage: make-repair-fixtures.sh OUT [PYTHON]}
py=${2:-/usr/bin/python3}
src="$(cd "$(dirname "$0")/repair-fixtures" && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
mkdir -p "$out/lib" "$out/foo" "$out/build/repdemo" "$out/dist"
inc=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
gcc -shared -fPIC -O2 -Wl,-soname,libbar.so.1 -Wl,--version-script,"$src/bar.map" -o "$out/lib/libbar.so.1" "$src/bar.c"
gcc -shared -fPIC -O2 -Wl,-soname,libfoo.so.1 -o "$out/foo/libfoo.so.1" "$src/foo.c" \
    "$out/lib/libbar.so.1" -Wl,--enable-new-dtags,-rpath,"$out/lib"
gcc -shared -fPIC -O2 -I"$inc" -o "$out/build/repdemo/_demo$suffix" "$src/ext.c" "$out/foo/libfoo.so.1"
gcc -shared -fPIC -O2 -I"$inc" -DMODULE=_demo_rpath -o "$out/build/repdemo/_demo_rpath$suffix" "$src/ext.c" \
    -L"$out/foo" -l:libfoo.so.1 -Wl,--enable-new-dtags,-rpath,"$out/foo"
printf 'from ._demo import value\n' > "$out/build/repdemo/__init__.py"
"$py" - "$out" <<'PY'
import base64, hashlib, os, sys, sysconfig, zipfile
out = sys.argv[1]
build = os.path.join(out, "build")
impl = "cp%d%d" % sys.version_info[:2]
arch = os.uname().machine
tag = "%s-%s-linux_%s" % (impl, impl, arch)
dist = "repdemo-0.1.0.dist-info"
files = {}
for root, _, names in os.walk(build):
    for n in sorted(names):
        p = os.path.join(root, n)
        files[os.path.relpath(p, build)] = open(p, "rb").read()
files[dist + "/METADATA"] = b"Metadata-Version: 2.1\nName: repdemo\nVersion: 0.1.0\n"
files[dist + "/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: make-repair-fixtures\nRoot-Is-Purelib: false\nTag: %s\n" % tag).encode()
record = ""
for name, data in files.items():
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    record += "%s,sha256=%s,%d\n" % (name, digest, len(data))
record += dist + "/RECORD,,\n"
files[dist + "/RECORD"] = record.encode()
whl = os.path.join(out, "dist", "repdemo-0.1.0-%s.whl" % tag)
with zipfile.ZipFile(whl, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in files.items():
        info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
        info.external_attr = (0o755 if name.endswith(".so") else 0o644) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
print(whl)
PY
