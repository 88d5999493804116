#!/usr/bin/env bash
# Start-up time of `wheelwright tags` (the spec package must load nothing heavy).
# Usage: scripts/bench-tags.sh [RUNS]   (build first: mvn -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
cmd=(bin/wheelwright tags --python 3.12 --platform manylinux_2_17_x86_64)
"${cmd[@]}" >/dev/null # warm the file cache
start=$(date +%s%N)
for _ in $(seq "$runs"); do
  "${cmd[@]}" >/dev/null
done
end=$(date +%s%N)
echo "tags: $(( (end - start) / runs / 1000000 )) ms per run (mean of $runs)"
