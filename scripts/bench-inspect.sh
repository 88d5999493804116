#!/usr/bin/env bash
# Throughput of `wheelwright inspect` against llvm-objdump on the same files: copies the good
# binary fixtures into a scratch folder N times (default 3000 files in all), then times one
# `inspect --format json` run and one `llvm-objdump --private-headers` run over all of them.
# Usage: scripts/bench-inspect.sh [FILES]     (build the jar first: mvn -q package -DskipTests)
set -euo pipefail
export PATH=/usr/lib/llvm-14/bin:$PATH
root="$(cd "$(dirname "$0")/.." && pwd)"
total="${1:-3000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mapfile -t fixtures < <(find "$root/testdata/binaries" -maxdepth 1 -type f \( -name '*.so' -o -name '*.dylib' -o -name '*.pyd' -o -name '*.o' \) | sort)
i=0
while [ "$i" -lt "$total" ]; do
  f="${fixtures[$((i % ${#fixtures[@]}))]}"
  cp "$f" "$work/$i-$(basename "$f")"
  i=$((i + 1))
done
mapfile -t files < <(find "$work" -type f | sort)

# Wall-clock and CPU (user + system) seconds: on a busy machine the CPU figure is the steadier one.
TIMEFORMAT='%R %U %S'
ww=$( { time "$root/bin/wheelwright" inspect --format json "${files[@]}" > /dev/null; } 2>&1 )
od=$( { time llvm-objdump --private-headers "${files[@]}" > /dev/null; } 2>&1 )

awk -v n="${#files[@]}" -v ww="$ww" -v od="$od" 'BEGIN {
  split(ww, w, " "); split(od, o, " ");
  wc = w[2] + w[3]; oc = o[2] + o[3];
  printf "files: %d\n", n;
  printf "wheelwright inspect --format json: %.2f s wall, %.2f s CPU, %.0f binaries/s of CPU (JVM start included)\n", w[1], wc, n / wc;
  printf "llvm-objdump --private-headers:    %.2f s wall, %.2f s CPU, %.0f binaries/s of CPU\n", o[1], oc, n / oc;
  printf "CPU-time ratio wheelwright / llvm-objdump: %.2f\n", wc / oc;
}'
