#!/usr/bin/env bash
# The Spark index audit over this machine's local wheel mirror, against the single-process
# `wheelwright audit` of the same wheels in the same run: wheels/s and MB/s per core of each,
# then the summary table the job writes (findings per rule x platform family x upload year).
#
#   scripts/index-audit-mirror.sh [MB] [CORES]   wheels of the mirror in name order up to MB
#                                                megabytes (default 1024; 0 = all), local[CORES]
#                                                (default: all cores)
# Needs target/wheelwright.jar and the Spark module (mvn package, then mvn -f index-audit/pom.xml
# package). Skips, saying so, on a machine without the mirror (/opt/pypi*/files, /opt/wheels).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
limit_mb="${1:-1024}"
cores="${2:-$(nproc)}"
mirror=()
for d in /opt/pypi/files /opt/pypi-more/files /opt/wheels; do
  [ -d "$d" ] && mirror+=("$d")
done
if [ ${#mirror[@]} -eq 0 ]; then
  echo "index-audit-mirror.sh: no local wheel mirror on this machine; nothing measured" >&2
  exit 0
fi
[ -f "$root/target/wheelwright.jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
[ -f "$root/index-audit/target/wheelwright-index-audit.jar" ] || { echo "build the Spark module first: mvn -q -f index-audit/pom.xml package -DskipTests" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wheels"
# one copy of each file name, as links (audit reports the names)
find -L "${mirror[@]}" -name '*.whl' -type f -printf '%f\t%s\t%p\n' | sort -u -k1,1 |
  awk -F'\t' -v limit=$((limit_mb * 1048576)) 'limit == 0 || total < limit { total += $2; print $3 }' |
  while read -r f; do ln -s "$f" "$work/wheels/$(basename "$f")"; done
n=$(find "$work/wheels" -name '*.whl' | wc -l)
mb=$(find -L "$work/wheels" -name '*.whl' -printf '%s\n' | awk '{ t += $1 } END { printf "%.1f", t / 1e6 }')
echo "wheels: $n ($mb MB) from ${mirror[*]}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

rate() { awk -v n="$n" -v mb="$mb" -v s="$1" -v c="$2" 'BEGIN { printf "%.1f s: %.2f wheels/s, %.2f MB/s; per core %.2f wheels/s, %.2f MB/s", s, n / s, mb / s, n / s / c, mb / s / c }'; }

start=$(date +%s.%N)
"$root/bin/wheelwright" audit --format json -o "$work/audit.json" --fail-on never "$work/wheels" >/dev/null 2>"$work/audit.err" || true
end=$(date +%s.%N)
audit_s=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
echo "wheelwright audit (one JVM, $(nproc) cores): $(rate "$audit_s" "$(nproc)")"

start=$(date +%s.%N)
"$root/bin/wheelwright" index-audit --cores "$cores" --out "$work/out" "$work/wheels" > "$work/job.out" 2> "$work/job.err"
end=$(date +%s.%N)
job_s=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
echo "wheelwright index-audit (Spark local[$cores], JVM and Spark start included): $(rate "$job_s" "$cores")"
awk -v a="$audit_s" -v b="$job_s" 'BEGIN { printf "ratio index-audit / audit (time): %.2f\n", b / a }'
echo
sed -n '/^Totals:/,$p' "$work/job.out"
