#!/usr/bin/env bash
# Audits a folder of generated wheel copies with `wheelwright audit` and, in the same run, tests
# the same wheels with `python3 -m zipfile -t` (CRC check of every member, one process per wheel,
# as a user would script it). Prints wheels per second for both and their ratio.
#   scripts/bench-audit.sh [COUNT]        (default 1000; needs target/wheelwright.jar and python3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$root/target/wheelwright.jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
python=/usr/bin/python3; [ -x "$python" ] || python=python3

# Two kinds of wheel, alternating: the real setuptools wheel (ELF module) and a universal2 wheel
# assembled here around the fat Mach-O fixture. Copies differ by build tag, as a wheelhouse does.
"$python" - "$root" "$work" "$count" <<'PY'
import base64, hashlib, shutil, sys, zipfile
root, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
real = f"{root}/testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl"
def row(name, data):
    h = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={h},{len(data)}\n"
mac = f"{work}/mac.whl"
files = {
    "demo/__init__.py": b"from demo._ext import *\n",
    "demo/_ext.cpython-311-darwin.so": open(f"{root}/testdata/wheels/macho/ext-universal2.so", "rb").read(),
    "demo-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
    "demo-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: false\nTag: cp311-cp311-macosx_10_9_universal2\n",
}
with zipfile.ZipFile(mac, "w", zipfile.ZIP_DEFLATED) as z:
    record = ""
    for n, d in files.items():
        z.writestr(n, d)
        record += row(n, d)
    z.writestr("demo-1.0.dist-info/RECORD", record + "demo-1.0.dist-info/RECORD,,\n")
os_ = __import__("os")
os_.makedirs(f"{work}/wheels")
for i in range(count):
    if i % 2 == 0:
        shutil.copyfile(real, f"{work}/wheels/hello_ext-0.1.0-{i + 1}-cp311-cp311-linux_x86_64.whl")
    else:
        shutil.copyfile(mac, f"{work}/wheels/demo-1.0-{i + 1}-cp311-cp311-macosx_10_9_universal2.whl")
PY

now() { date +%s.%N; }
t0=$(now)
"$root/bin/wheelwright" audit --fail-on never --format json -o "$work/report.json" "$work/wheels"
t1=$(now)
for f in "$work"/wheels/*.whl; do "$python" -m zipfile -t "$f" >/dev/null; done
t2=$(now)

python3 - "$count" "$t0" "$t1" "$t2" "$work/report.json" <<'PY'
import json, sys
n, t0, t1, t2 = int(sys.argv[1]), *map(float, sys.argv[2:5])
findings = len(json.load(open(sys.argv[5]))["findings"])
ww, pz = t1 - t0, t2 - t1
print(f"wheelwright audit : {n} wheels in {ww:.2f} s = {n / ww:.0f} wheels/s ({findings} findings, JVM start included)")
print(f"python -m zipfile -t: {n} wheels in {pz:.2f} s = {n / pz:.0f} wheels/s (one process per wheel)")
print(f"ratio: wheelwright audits {pz / ww:.1f}x as many wheels per second as zipfile -t tests")
PY
