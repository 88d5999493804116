#!/usr/bin/env bash
# Audit throughput against the floor, in one run: `wheelwright audit` over a set of wheels, then
# `unzip -tq` over the same files (decompresses every member and checks its CRC: the least any
# reader of every byte must do), both on all cores. Prints wheels/s and MB/s of compressed input
# for each, and their ratio.
#
#   scripts/bench-audit.sh [MB]     wheels of the local mirror (/opt/pypi*/files, /opt/wheels),
#                                   in name order up to MB megabytes (default 1024; 0 = all)
#   BENCH_GENERATED=N scripts/bench-audit.sh
#                                   N generated wheels instead (ELF and universal2 Mach-O), for
#                                   machines without the mirror (also used when it is absent)
# Needs target/wheelwright.jar (mvn -q package -DskipTests), unzip and python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
limit_mb="${1:-1024}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$root/target/wheelwright.jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
command -v unzip >/dev/null || { echo "bench-audit.sh: needs unzip (apt-get install -y unzip)" >&2; exit 2; }
python=/usr/bin/python3; [ -x "$python" ] || python=python3
cores="$(nproc)"

mkdir -p "$work/wheels"
mirror=()
for d in /opt/pypi/files /opt/pypi-more/files /opt/wheels; do
  [ -d "$d" ] && mirror+=("$d")
done
if [ -z "${BENCH_GENERATED:-}" ] && [ ${#mirror[@]} -gt 0 ]; then
  # the same file under two mirrors is benchmarked once; links keep the names audit reports
  find -L "${mirror[@]}" -name '*.whl' -type f -printf '%f\t%s\t%p\n' | sort -u -k1,1 |
    awk -F'\t' -v limit=$((limit_mb * 1048576)) 'limit == 0 || total < limit { total += $2; print $3 }' |
    while read -r f; do ln -s "$f" "$work/wheels/$(basename "$f")"; done
  source="local mirror (${mirror[*]}), up to ${limit_mb} MB"
else
  count="${BENCH_GENERATED:-1000}"
  "$python" - "$root" "$work" "$count" <<'PY'
import base64, hashlib, os, shutil, sys, zipfile
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
for i in range(count):
    if i % 2 == 0:
        shutil.copyfile(real, f"{work}/wheels/hello_ext-0.1.0-{i + 1}-cp311-cp311-linux_x86_64.whl")
    else:
        shutil.copyfile(mac, f"{work}/wheels/demo-1.0-{i + 1}-cp311-cp311-macosx_10_9_universal2.whl")
PY
  source="$count generated wheels"
fi
n=$(find "$work/wheels" -name '*.whl' | wc -l)
bytes=$(find -L "$work/wheels" -name '*.whl' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')

now() { date +%s.%N; }
t0=$(now)
"$root/bin/wheelwright" audit --fail-on never --format json -o "$work/report.json" "$work/wheels" || rc=$?
t1=$(now)
find "$work/wheels" -name '*.whl' -print0 | xargs -0 -n 1 -P "$cores" unzip -tq >/dev/null 2>&1 || true
t2=$(now)

"$python" - "$n" "$bytes" "$t0" "$t1" "$t2" "$work/report.json" "$source" "$cores" "${rc:-0}" <<'PY'
import json, sys
n, size = int(sys.argv[1]), int(sys.argv[2])
t0, t1, t2 = map(float, sys.argv[3:6])
try:
    findings = len(json.load(open(sys.argv[6]))["findings"])
except (OSError, ValueError):
    findings = "no report (exit %s)" % sys.argv[9]
mb = size / 1048576
ww, uz = t1 - t0, t2 - t1
print(f"input: {sys.argv[7]}: {n} wheels, {mb:.0f} MB compressed; {sys.argv[8]} cores")
print(f"wheelwright audit : {ww:7.2f} s = {n / ww:6.1f} wheels/s, {mb / ww:6.1f} MB/s ({findings} findings, JVM start included)")
print(f"unzip -tq (floor) : {uz:7.2f} s = {n / uz:6.1f} wheels/s, {mb / uz:6.1f} MB/s (one process per wheel, {sys.argv[8]} at a time)")
print(f"ratio: audit takes {ww / uz:.2f}x the time of decompressing and CRC-checking the same bytes")
PY
