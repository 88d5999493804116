#!/usr/bin/env bash
# Times `wheelwright doctor --log` against `LC_ALL=C grep -E -c -f PATTERNS` (the same rule
# patterns, translated from Java regex to POSIX ERE) on generated build logs of several shapes,
# each tool in the same run, alternating, and reports per mix MB/s for both and their ratio.
#
#   scripts/bench-logscan.sh [SIZE_MB] [MIX...]    (default 200 MB a mix, every mix; RUNS=3)
#
# At 200 MB the JVM's start-up (about 0.7 CPU s) is still a fair share of wheelwright's time; the
# README's figures are from 1024 MB a mix, where scanning decides (with LOGS=DIR: 6.4 GB of logs).
#
# WHEELWRIGHT=path/to/bin/wheelwright times another build (e.g. a copy of an older one);
# KEEP_FINDINGS=DIR keeps each mix's JSON report there, to compare findings between builds;
# LOGS=DIR keeps the generated logs there (MIX-SIZE_MB.log) and reuses them on the next run.
#
# Mixes (all generated here, seeded, so every run sees the same bytes):
#   gha-downloads  a GitHub Actions job log: every line timestamped, pip installing many wheels
#                  (Collecting / Downloading ...whl / progress bars / Requirement already satisfied)
#   downloads      the same lines without timestamps (a local `pip install` log)
#   cibuildwheel   cibuildwheel output: build identifiers, docker commands, setuptools `copying`,
#                  auditwheel repair, tests
#   compiler       a compiler-heavy log: long gcc/g++ command lines, warnings with source
#                  excerpts and carets, ninja progress
#   long-lines     compiler and pip lines with long link commands and one-line JSON blobs (4-40 KB)
#   mix            the original pip/gcc mix (a few timestamped or BuildKit-prefixed lines)
# Every mix carries a few real failures (missing Python.h and ffi.h, a missing library, a missing
# bdist_wheel) so that findings are made. `ratio` is wheelwright's throughput over grep's (above
# 1 is faster than grep); both timings include process start-up. The JVM start-up alone (an
# empty log) is printed once, for scale. With GNU time (/usr/bin/time) the CPU seconds (user +
# sys, all threads) of each tool are shown too: on a machine shared with other jobs they say
# more about the work done than the wall-clock times. Logs are written to a temporary folder
# and removed.
#
# This is a benchmark, not a test: timings move with the machine's load, which is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-200}"
shift || true
mixes=("$@")
[ ${#mixes[@]} -gt 0 ] || mixes=(gha-downloads downloads cibuildwheel compiler long-lines mix)
runs="${RUNS:-3}"
ww_bin="${WHEELWRIGHT:-bin/wheelwright}"
[ -n "${WHEELWRIGHT:-}" ] || [ -f target/wheelwright.jar ] || mvn -q -o package -DskipTests
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

generate() { # MIX PATH SIZE_MB
python3 - "$@" <<'PY'
import random, sys
mix, path, size = sys.argv[1], sys.argv[2], int(sys.argv[3]) * 1024 * 1024
rnd = random.Random(42)
R = rnd.randrange
pkgs = ["numpy", "cffi", "pyyaml", "lxml", "psutil", "cryptography", "pillow", "grpcio", "regex", "ujson",
        "scipy", "pandas", "matplotlib", "kiwisolver", "contourpy", "msgpack", "orjson", "pydantic_core"]
tags = ["cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64", "cp312-cp312-musllinux_1_2_aarch64",
        "cp310-cp310-macosx_11_0_arm64", "py3-none-any", "cp39-cp39-win_amd64"]
ident = ["cp39-manylinux_x86_64", "cp310-manylinux_x86_64", "cp311-musllinux_x86_64", "cp312-manylinux_aarch64"]

def fields():
    p = pkgs[R(len(pkgs))]
    return dict(p=p, v="%d.%d.%d" % (R(3), R(30), R(10)), k=R(60), n=R(900) + 10, m="%d.%d" % (R(60), R(10)),
                t=tags[R(len(tags))], i=ident[R(len(ident))], q=pkgs[R(len(pkgs))])

# the failures spread through every mix (real message shapes)
failures = [
    ["      src/{p}/_speedups.c:4:10: fatal error: Python.h: No such file or directory",
     "          4 | #include <Python.h>",
     "            |          ^~~~~~~~~~",
     "      compilation terminated.",
     "      error: command '/usr/bin/gcc' failed with exit code 1",
     "      [end of output]",
     "  ERROR: Failed building wheel for {p}"],
    ["      c/_cffi_backend.c:15:10: fatal error: ffi.h: No such file or directory",
     "       #include <ffi.h>",
     "                ^~~~~~~",
     "      compilation terminated.",
     "  ERROR: Failed building wheel for cffi"],
    ["  /usr/bin/ld: cannot find -lssl: No such file or directory",
     "  collect2: error: ld returned 1 exit status"],
    ["  error: invalid command 'bdist_wheel'"],
]

downloads = [
    "Collecting {p}=={v}",
    "Collecting {p}>={v} (from {q}==1.0)",
    "  Downloading {p}-{v}-{t}.whl ({m} MB)",
    "  Downloading {p}-{v}-{t}.whl ({n} kB)",
    "     \u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501\u2501 {m}/{m} MB {k}.3 MB/s eta 0:00:00",
    "  Using cached {p}-{v}-{t}.whl ({n} kB)",
    "Requirement already satisfied: {p}>={v} in /opt/hostedtoolcache/Python/3.11.9/x64/lib/python3.11/site-packages (from {q}) ({v})",
    "Installing collected packages: {p}, {q}",
    "Successfully installed {p}-{v} {q}-{v}",
    "  Building wheel for {p} (pyproject.toml): started",
    "  Building wheel for {p} (pyproject.toml): finished with status 'done'",
    "  Created wheel for {p}: filename={p}-{v}-{t}.whl size={n}123 sha256=9f0c3e5a",
    "  Stored in directory: /home/runner/.cache/pip/wheels/4b/2c/{p}",
    "Successfully built {p}",
]
gha_extra = ["##[group]Run pip install -r requirements.txt", "##[endgroup]",
             "shell: /usr/bin/bash -e {{0}}", "env:", "  pythonLocation: /opt/hostedtoolcache/Python/3.11.9/x64"]
cibw = [
    "Building {i} wheel",
    "    + docker exec --interactive --workdir / cibuildwheel-{k} /opt/python/cp311-cp311/bin/python -m pip wheel /project --wheel-dir=/tmp/cibuildwheel/built_wheel --no-deps -v",
    "  copying src/{p}/__init__.py -> build/lib.linux-x86_64-cpython-311/{p}",
    "  copying src/{p}/_core/{q}.py -> build/lib.linux-x86_64-cpython-311/{p}/_core",
    "  creating build/bdist.linux-x86_64/wheel/{p}",
    "  adding '{p}/{q}.py'",
    "  running build_py",
    "  running egg_info",
    "  writing {p}.egg-info/PKG-INFO",
    "  Building wheel for {p} (pyproject.toml): started",
    "Repairing wheel...",
    "    + sh -c 'auditwheel repair -w /tmp/cibuildwheel/repaired_wheel /tmp/cibuildwheel/built_wheel/{p}-{v}-{t}.whl'",
    "INFO:auditwheel.main_repair:Repairing {p}-{v}-{t}.whl",
    "INFO:auditwheel.wheeltools:Previous filename tags: linux_x86_64",
    "Testing wheel...",
    "    + /tmp/cibuildwheel/venv/bin/python -m pytest /project/tests",
    "tests/test_{q}.py ........................................ [ {k}%]",
    "\u2713 {i} finished in {m}s",
]
compiler = [
    "  gcc -pthread -Wno-unused-result -Wsign-compare -DNDEBUG -g -fwrapv -O2 -Wall -fPIC -I/usr/include/python3.11 -Isrc/{p}/include -c src/{p}/_{q}.c -o build/temp.linux-x86_64-cpython-311/src/{p}/_{q}.o",
    "  g++ -pthread -std=c++17 -O3 -fvisibility=hidden -fPIC -I/tmp/pip-build-env-{k}/overlay/lib/python3.11/site-packages/pybind11/include -c src/{q}.cpp -o build/temp.linux-x86_64-cpython-311/src/{q}.o",
    "  src/{p}/_{q}.c:{n}:{k}: warning: unused variable 'tmp' [-Wunused-variable]",
    "  src/{p}/_{q}.c:{n}:{k}: warning: comparison of integer expressions of different signedness: 'int' and 'size_t' [-Wsign-compare]",
    "    {n} |     for (i = 0; i < len; i++) {{",
    "        |                   ^",
    "  src/{p}/_{q}.c:{n}:{k}: note: in expansion of macro 'Py_SIZE'",
    "  In file included from src/{p}/_{q}.c:{k}:",
    "  [{n}/1024] Compiling C object {p}/_{q}.cpython-311-x86_64-linux-gnu.so.p/src_{q}.c.o",
    "  [{n}/1024] Linking target {p}/_{q}.cpython-311-x86_64-linux-gnu.so",
    "  cc1: warning: command-line option '-Wno-unused-result' is valid for C++/ObjC++ but not for C",
]
original = [
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

def long_line():
    f = fields()
    if R(2):
        objs = " ".join("build/temp.linux-x86_64-cpython-311/src/%s/%s_%d.o" % (f["p"], f["q"], j) for j in range(40 + R(400)))
        return "  g++ -pthread -shared -Wl,-O1 -Wl,--sort-common " + objs + " -L/usr/lib -lstdc++ -o build/lib/%s/_core.so" % f["p"]
    items = ",".join('{"name":"%s","version":"%s","requires":["%s>=1.0"],"size":%d}' % (pkgs[R(len(pkgs))], f["v"], f["q"], R(99999))
                     for _ in range(50 + R(500)))
    return '{"event":"resolved","packages":[' + items + "]}"

ts_state = [0]
def stamp():
    ts_state[0] += R(3)
    s = ts_state[0] // 1000
    return "2024-05-01T%02d:%02d:%02d.%07dZ " % (12 + s // 3600 % 12, s // 60 % 60, s % 60, R(10000000))

every = 2000 if mix == "long-lines" else 40000     # a failure every few MB
with open(path, "w", encoding="utf-8") as out:
    written, buf, n = 0, [], 0
    while written < size:
        n += 1
        if n % every == 0:
            f = fields()
            lines = [t.format(**f) for t in failures[(n // every) % len(failures)]]
        elif mix in ("gha-downloads", "downloads"):
            t = downloads[R(len(downloads))] if R(40) else gha_extra[R(len(gha_extra))]
            lines = [t.format(**fields())]
        elif mix == "cibuildwheel":
            lines = [cibw[R(len(cibw))].format(**fields())]
        elif mix == "compiler":
            lines = [compiler[R(len(compiler))].format(**fields())]
        elif mix == "long-lines":
            lines = [long_line()] if R(8) == 0 else [(compiler + downloads)[R(len(compiler) + len(downloads))].format(**fields())]
        elif mix == "mix":
            lines = [original[R(len(original))].format(**fields())]
        else:
            sys.exit("unknown mix: " + mix)
        if mix == "gha-downloads":
            lines = [stamp() + l for l in lines]
        for l in lines:
            buf.append(l + "\n")
            written += len(l) + 1
        if len(buf) >= 10000:
            out.write("".join(buf))
            buf = []
    out.write("".join(buf))
PY
}

# the catalogue's log patterns, translated to POSIX ERE where they can be
"$ww_bin" rules --format json | python3 -c '
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

now() { date +%s.%N; }
# runs a command; its CPU seconds (user + sys) go to $work/cpu, or "-" without GNU time
timed() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%U %S' -o "$work/cpu.raw" "$@" || true
    awk '{print $1 + $2}' "$work/cpu.raw" > "$work/cpu"
  else
    "$@" || true
    echo - > "$work/cpu"
  fi
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

: > "$work/empty.log"
t0=$(now)
"$ww_bin" doctor --log "$work/empty.log" --fail-on never --format json -o "$work/empty.json" 2>/dev/null
startup=$(echo "$(now) - $t0" | bc -l)
printf 'patterns: %d (grep: %d translated); JVM start-up with an empty log: %.2f s; %d runs each, medians\n' \
  "$(python3 -c 'import json,sys; print(sum(len(r.get("patterns", [])) for r in json.load(sys.stdin)["rules"]))' < <("$ww_bin" rules --format json))" \
  "$(wc -l < "$work/patterns.txt")" "$startup" "$runs"
printf 'load average at start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %7s %9s %9s %10s %8s %9s %7s %7s %7s\n' mix MB lines findings grep-lines "ww MB/s" "grep MB/s" ratio "ww cpu" "gr cpu"
for mix in "${mixes[@]}"; do
  if [ -n "${LOGS:-}" ]; then
    log="$LOGS/$mix-$size_mb.log"
    [ -f "$log" ] || { generate "$mix" "$log.part" "$size_mb" && mv "$log.part" "$log"; }
  else
    log="$work/$mix.log"
    generate "$mix" "$log" "$size_mb"
  fi
  bytes=$(stat -c %s "$log")
  # Both tools start from the same warm page cache: read the log once, untimed. On a virtual
  # machine, pages of a file cached but not touched for a few minutes can cost 7 to 11 times the
  # CPU to read again (the host has taken the memory back: measured with cat, 4.5 s of system time
  # for 1.1 GB, then 0.6 s right after), and whichever tool came first in a row paid for that.
  cat "$log" > /dev/null
  mb=$(echo "$bytes / 1048576" | bc -l)
  ww_times=(); gr_times=(); ww_cpu=(); gr_cpu=()
  for ((r = 1; r <= runs; r++)); do
    t0=$(now)
    timed "$ww_bin" doctor --log "$log" --fail-on never --format json -o "$work/findings.json"
    t1=$(now)
    ww_cpu+=("$(cat "$work/cpu")")
    LC_ALL=C timed grep -E -c -f "$work/patterns.txt" "$log" > "$work/grep.count"
    t2=$(now)
    gr_cpu+=("$(cat "$work/cpu")")
    ww_times+=("$(echo "$t1 - $t0" | bc -l)")
    gr_times+=("$(echo "$t2 - $t1" | bc -l)")
    [ -z "${VERBOSE:-}" ] || printf '  %s run %d: wheelwright %.2f s, grep %.2f s\n' "$mix" "$r" "${ww_times[-1]}" "${gr_times[-1]}" >&2
  done
  ww=$(median "${ww_times[@]}")
  gr=$(median "${gr_times[@]}")
  findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/findings.json")
  [ -z "${KEEP_FINDINGS:-}" ] || cp "$work/findings.json" "$KEEP_FINDINGS/$mix.json"
  printf '%-14s %7.0f %9d %9d %10s %8.0f %9.0f %7.2f %7s %7s\n' "$mix" "$mb" "$(wc -l < "$log")" "$findings" "$(cat "$work/grep.count")" \
    "$(echo "$mb / $ww" | bc -l)" "$(echo "$mb / $gr" | bc -l)" "$(echo "$gr / $ww" | bc -l)" \
    "$(median "${ww_cpu[@]}")" "$(median "${gr_cpu[@]}")"
  [ -n "${LOGS:-}" ] || rm -f "$log"
done
printf 'load average at end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
