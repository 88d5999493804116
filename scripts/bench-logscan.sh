#!/usr/bin/env bash
# Times `wheelwright doctor --log` on a large generated build log against
# `grep -E -f PATTERNS` with the same rule patterns (translated from Java regex to POSIX ERE).
#
#   scripts/bench-logscan.sh [SIZE_MB]     (default 500; RUNS=3 timings of each, alternating)
#
# The log is made of realistic pip/setuptools/compiler lines with a few real failures spread
# through it; it is written to a temporary folder and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-500}"
jar=target/wheelwright.jar
[ -f "$jar" ] || mvn -q -o package -DskipTests
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work/big.log" "$size_mb" <<'PY'
import random, sys
path, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
rnd = random.Random(42)
pkgs = ["numpy", "cffi", "pyyaml", "lxml", "psutil", "cryptography", "pillow", "grpcio", "regex", "ujson"]
normal = [
    "Collecting {p}=={v}",
    "  Downloading {p}-{v}.tar.gz ({k} kB)",
    "  Preparing metadata (pyproject.toml): finished with status 'done'",
    "  Building wheel for {p} (pyproject.toml): started",
    "  running build_ext",
    "  building '{p}._speedups' extension",
    "  gcc -pthread -Wno-unused-result -Wsign-compare -DNDEBUG -g -fwrapv -O2 -Wall -fPIC -I/usr/include/python3.11 -c src/{p}/_speedups.c -o build/temp.linux-x86_64-cpython-311/src/{p}/_speedups.o",
    "  src/{p}/_speedups.c:{k}:5: warning: unused variable 'tmp' [-Wunused-variable]",
    "  copying src/{p}/__init__.py -> build/lib.linux-x86_64-cpython-311/{p}",
    "2024-03-05T10:11:{k:02d}.1234567Z   creating build/temp.linux-x86_64-cpython-311/src/{p}",
    "  Created wheel for {p}: filename={p}-{v}-cp311-cp311-linux_x86_64.whl size={k}123 sha256=0f3e",
    "Successfully installed {p}-{v}",
    "#12 3.{k:03d}   Requirement already satisfied: setuptools>=40.8.0 in /usr/lib/python3/dist-packages",
]
failures = [
    "  src/{p}/_speedups.c:4:10: fatal error: Python.h: No such file or directory",
    "  c/_cffi_backend.c:15:10: fatal error: ffi.h: No such file or directory",
    "  /usr/bin/ld: cannot find -lssl: No such file or directory",
    "  error: invalid command 'bdist_wheel'",
]
with open(path, "w") as f:
    written = 0
    buf = []
    n = 0
    while written < size:
        n += 1
        t = failures[rnd.randrange(len(failures))] if n % 200000 == 0 else normal[rnd.randrange(len(normal))]
        line = t.format(p=pkgs[rnd.randrange(len(pkgs))], v="1.%d.%d" % (rnd.randrange(30), rnd.randrange(10)), k=rnd.randrange(60)) + "\n"
        buf.append(line)
        written += len(line)
        if len(buf) >= 10000:
            f.write("".join(buf))
            buf = []
    f.write("".join(buf))
PY

# the catalogue's log patterns, translated to POSIX ERE where they can be
bin/wheelwright rules --format json | python3 -c '
import json, re, sys
CLS = {"d": ("[0-9]", "0-9"), "w": ("[[:alnum:]_]", "[:alnum:]_"), "s": ("[[:space:]]", "[:space:]"),
       "D": ("[^0-9]", None), "W": ("[^[:alnum:]_]", None), "S": ("[^[:space:]]", None)}
def ere(p):
    if any(x in p for x in ("(?=", "(?!", "(?<=", "(?<!", "\\Q")):
        return None                           # no ERE equivalent
    p = p.replace("(?i)", "")
    p = re.sub(r"\(\?<[A-Za-z][A-Za-z0-9]*>", "(", p).replace("(?:", "(")
    out, i, in_class = [], 0, False
    while i < len(p):
        c = p[i]
        if c == "\\" and i + 1 < len(p):
            e = p[i + 1]
            i += 2
            if e in CLS:
                t = CLS[e][1] if in_class else CLS[e][0]
                if t is None:
                    return None
                out.append(t)
            elif e == "x":
                out.append(chr(int(p[i:i + 2], 16))); i += 2
            elif e == "b":
                pass
            elif e in "tn":
                out.append("\t" if e == "t" else "\n")
            else:
                out.append(e if in_class else "\\" + e)
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class and not (out and out[-1] in ("[", "[^")):
            in_class = False
        elif c in "+?*}" and not in_class and i + 1 < len(p) and p[i + 1] in "+?":
            out.append(c); i += 2; continue   # lazy/possessive quantifier
        out.append(c)
        i += 1
    return "".join(out)
for rule in json.load(sys.stdin)["rules"]:
    for p in rule.get("patterns", []):
        e = ere(p)
        if e:
            print(e)
' > "$work/patterns.txt"

bytes=$(stat -c %s "$work/big.log")
echo "log: $((bytes / 1024 / 1024)) MB, $(wc -l < "$work/big.log") lines; patterns: $(wc -l < "$work/patterns.txt")"

now() { date +%s.%N; }
# alternate the two, several times, so that both see the same load; report the medians
runs="${RUNS:-3}"
ww_times=(); gr_times=()
for ((r = 1; r <= runs; r++)); do
  t0=$(now)
  bin/wheelwright doctor --log "$work/big.log" --fail-on never --format json -o "$work/findings.json"
  t1=$(now)
  LC_ALL=C grep -E -c -f "$work/patterns.txt" "$work/big.log" > "$work/grep.count" || true
  t2=$(now)
  ww_times+=("$(echo "$t1 - $t0" | bc -l)")
  gr_times+=("$(echo "$t2 - $t1" | bc -l)")
  printf 'run %d: wheelwright %.2f s, grep %.2f s\n' "$r" "${ww_times[-1]}" "${gr_times[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
ww=$(median "${ww_times[@]}")
gr=$(median "${gr_times[@]}")
printf 'wheelwright doctor --log: %.2f s median of %d (%d findings)\n' "$ww" "$runs" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/findings.json")"
printf 'grep -E -f patterns:      %.2f s median of %d (%s matching lines)\n' "$gr" "$runs" "$(cat "$work/grep.count")"
printf 'ratio wheelwright/grep:   %.2f\n' "$(echo "$ww / $gr" | bc -l)"
