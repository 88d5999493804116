#!/usr/bin/env bash
# Start-up benchmark of one-shot commands: mean and min wall time of
#   bin/wheelwright tags --python 3.12 --platform macosx_11_0_arm64
#   bin/wheelwright --version
# and, when mvn package has written the Python wheel and python3 can make a venv, the same two
# through the wheel's console script (installed once into target/bench-venv, --no-index), whose
# Python launcher execs the same JVM: the difference is the launcher's cost.
# Uses hyperfine when installed (apt-get install hyperfine), else a loop timed with date +%s%N.
# Build first: mvn -q package -DskipTests (that also writes the CDS archive target/wheelwright.jsa).
# Usage: scripts/bench.sh [RUNS]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
ww=bin/wheelwright
if [ ! -f target/wheelwright.jar ]; then
  echo "bench: target/wheelwright.jar not found; run 'mvn -q package -DskipTests' first" >&2
  exit 2
fi
[ -f target/wheelwright.jsa ] || echo "bench: note: no CDS archive (target/wheelwright.jsa); figures will be slower" >&2

launchers=("$ww")
whl="$(ls target/wheelwright-*-py3-none-any.whl 2>/dev/null | head -n 1 || true)"
if [ -n "$whl" ]; then
  if [ ! -x target/bench-venv/bin/wheelwright ] || [ "$whl" -nt target/bench-venv/bin/wheelwright ]; then
    rm -rf target/bench-venv
    if python3 -m venv target/bench-venv >/dev/null 2>&1 \
        && target/bench-venv/bin/pip install -q --no-index --disable-pip-version-check "$whl" >/dev/null 2>&1; then
      touch target/bench-venv/bin/wheelwright
    else
      echo "bench: note: could not install $whl into a venv (python3 -m venv); launcher not measured" >&2
      rm -rf target/bench-venv
    fi
  fi
  # the launcher's class-data-sharing archive goes beside the venv, made by the warm-up run
  export WHEELWRIGHT_CDS_DIR="$PWD/target/bench-venv/cds"
  [ -x target/bench-venv/bin/wheelwright ] && launchers+=(target/bench-venv/bin/wheelwright)
else
  echo "bench: note: no target/wheelwright-*-py3-none-any.whl; launcher not measured" >&2
fi

commands=()
for l in "${launchers[@]}"; do
 for cmd in "$l tags --python 3.12 --platform macosx_11_0_arm64" "$l --version"; do
  if $cmd >/dev/null 2>&1; then commands+=("$cmd"); else echo "bench: skipped (fails): $cmd" >&2; fi
 done
done

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 3 --runs "$runs" --style basic --export-json target/bench.json "${commands[@]}" >/dev/null
  # Mean and min per command, in milliseconds, from hyperfine's JSON (no jq needed).
  python3 - target/bench.json <<'PY' 2>/dev/null || cat target/bench.json
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']}: mean {r['mean']*1000:.0f} ms, min {r['min']*1000:.0f} ms ({len(r['times'])} runs)")
PY
  exit 0
fi

for cmd in "${commands[@]}"; do
  $cmd >/dev/null 2>&1 || true # warm the page cache
  total=0; min=
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    $cmd >/dev/null 2>&1 || true
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    total=$(( total + ms ))
    if [ -z "$min" ] || [ "$ms" -lt "$min" ]; then min=$ms; fi
  done
  echo "$cmd: mean $(( total / runs )) ms, min $min ms ($runs runs)"
done
