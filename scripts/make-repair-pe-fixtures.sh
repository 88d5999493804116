#!/usr/bin/env bash
# Builds, into OUT (a new or empty folder), an unrepaired Windows wheel whose extension module
# imports private DLLs outside the wheel, with the mingw-w64 cross toolchain; the module is linked
# by clang-14/lld in MinGW mode, since GNU ld leaves the delay-import data directory empty (all
# stripped, as release builds are):
#   OUT/lib/bar.dll                  a private DLL
#   OUT/foo/foo.dll                  a private DLL that imports bar.dll
#   OUT/lib/baz.dll                  a private DLL the module delay-loads
#   OUT/build/pedemo/_demo.cp312-win_amd64.pyd
#                                    imports foo.dll and python312.dll, delay-loads baz.dll
#   OUT/host/python312.dll, OUT/host/load.exe
#                                    the interpreter's side: a stand-in python312.dll and a loader
#                                    that loads a module as CPython does (for Wine)
#   OUT/other/other-x86.dll, OUT/other/other-arm64.dll
#                                    PE32 (x86) and ARM64 DLLs importing foo.dll, for the patcher
#   OUT/other/tight-amd64.dll        imports foo.dll; no room after its section table for one more
#   OUT/dist/pedemo-0.1.0-cp312-cp312-win_amd64.whl   the module, pedemo/__init__.py, dist-info
# Tests run it into a temporary folder and repair with --lib-dir OUT/foo --lib-dir OUT/lib.
# Needs x86_64-w64-mingw32-gcc (Debian: gcc-mingw-w64-x86-64), clang-14, lld-14, llvm-dlltool
# (llvm-14) and python3.
# Usage: scripts/make-repair-pe-fixtures.sh OUT
set -euo pipefail
out=${1:?usage: make-repair-pe-fixtures.sh OUT}
src="$(cd "$(dirname "$0")/repair-fixtures" && pwd)"
cc=x86_64-w64-mingw32-gcc
export PATH="/usr/lib/llvm-14/bin:$PATH"
clang=clang-14; command -v $clang >/dev/null || clang=clang
# lld reads only short import libraries (llvm-dlltool's) as imports it can delay-load
dlltool="llvm-dlltool -m i386:x86-64"
gcclib="$(dirname "$($cc -print-libgcc-file-name)")"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
mkdir -p "$out/lib" "$out/foo" "$out/build/pedemo" "$out/dist" "$out/host" "$out/obj"
$cc -shared -s -O2 -o "$out/lib/bar.dll" "$src/pe_bar.c"
$cc -shared -s -O2 -o "$out/foo/foo.dll" "$src/pe_foo.c" "$out/lib/bar.dll"
$cc -shared -s -O2 -o "$out/lib/baz.dll" "$src/pe_baz.c"
$cc -shared -s -O2 -o "$out/host/python312.dll" "$src/pe_python.c"
$dlltool -d "$src/baz.def" -l "$out/obj/libbaz.a"
$dlltool -d "$src/python312.def" -l "$out/obj/libpython312.a"
$clang --target=x86_64-w64-mingw32 -fuse-ld=lld -L"$gcclib" -shared -s -O2 -o "$out/build/pedemo/_demo.cp312-win_amd64.pyd" \
    "$src/pe_ext.c" "$out/foo/foo.dll" "$out/obj/libbaz.a" "$out/obj/libpython312.a" -Wl,--delayload=baz.dll
$cc -s -O2 -o "$out/host/load.exe" "$src/pe_load.c"
# the other machines, for the patcher alone: PE32 (x86) and ARM64 DLLs importing foo.dll (lld-link, no CRT)
mkdir -p "$out/other"
for pair in i686:i386:x86 aarch64:arm64:arm64; do
  target=${pair%%:*}; rest=${pair#*:}; machine=${rest%%:*}; arch=${rest#*:}
  llvm-dlltool -d "$src/foo.def" -l "$out/obj/foo-$arch.lib" -m "$machine"
  $clang --target="$target-pc-windows-msvc" -fuse-ld=lld -nostdlib -shared -Wl,-noentry -Wl,/Brepro \
      "$src/pe_other.c" "$out/obj/foo-$arch.lib" -o "$out/other/other-$arch.dll"
done
rm -f "$out"/other/*.lib
$cc -shared -s -O2 -o "$out/other/tight-amd64.dll" "$src/pe_tight.c" "$out/foo/foo.dll"
printf '"""pedemo: a module whose DLLs live outside the wheel."""\nfrom __future__ import annotations\n\nfrom ._demo import demo_value\n' \
    > "$out/build/pedemo/__init__.py"
python3 - "$out" <<'PY'
import base64, hashlib, os, sys, zipfile
out = sys.argv[1]
build = os.path.join(out, "build")
tag = "cp312-cp312-win_amd64"
dist = "pedemo-0.1.0.dist-info"
files = {}
for root, _, names in os.walk(build):
    for n in sorted(names):
        p = os.path.join(root, n)
        files[os.path.relpath(p, build).replace(os.sep, "/")] = open(p, "rb").read()
files[dist + "/METADATA"] = b"Metadata-Version: 2.1\nName: pedemo\nVersion: 0.1.0\n"
files[dist + "/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: make-repair-pe-fixtures\nRoot-Is-Purelib: false\nTag: %s\n" % tag).encode()
record = ""
for name, data in files.items():
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    record += "%s,sha256=%s,%d\n" % (name, digest, len(data))
record += dist + "/RECORD,,\n"
files[dist + "/RECORD"] = record.encode()
whl = os.path.join(out, "dist", "pedemo-0.1.0-%s.whl" % tag)
with zipfile.ZipFile(whl, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in files.items():
        info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
print(whl)
PY
