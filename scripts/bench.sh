#!/usr/bin/env bash
# Start-up benchmark of one-shot commands: mean and min wall time of
#   bin/wheelwright tags --python 3.12 --platform macosx_11_0_arm64
#   bin/wheelwright --version
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

commands=()
for cmd in "$ww tags --python 3.12 --platform macosx_11_0_arm64" "$ww --version"; do
  if $cmd >/dev/null 2>&1; then commands+=("$cmd"); else echo "bench: skipped (fails): $cmd" >&2; fi
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
