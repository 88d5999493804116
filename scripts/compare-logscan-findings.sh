#!/usr/bin/env bash
# Compares what two builds of wheelwright report on the same logs: `doctor --log LOG --format json`
# from each, the run's timings (started, ended, seconds) left out, everything else (findings,
# their evidence and packages, the summary, the checked line count) compared byte for byte.
#
#   scripts/compare-logscan-findings.sh OLD_BIN NEW_BIN LOG...
#
# OLD_BIN and NEW_BIN are bin/wheelwright launchers of two builds (e.g. a copy of the tree at an
# older commit, built). Exits 1 when a log's reports differ, printing the difference.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 OLD_BIN NEW_BIN LOG..." >&2; exit 2; }
old="$1"; new="$2"; shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
strip() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("started", "ended", "seconds"):
    d.get("run", {}).pop(k, None)
print(json.dumps(d, indent=1, sort_keys=True))' "$1"
}
status=0
for log in "$@"; do
  "$old" doctor --log "$log" --fail-on never --format json -o "$work/old.json" 2>/dev/null
  "$new" doctor --log "$log" --fail-on never --format json -o "$work/new.json" 2>/dev/null
  strip "$work/old.json" > "$work/old.txt"
  strip "$work/new.json" > "$work/new.txt"
  n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/new.json")
  if cmp -s "$work/old.txt" "$work/new.txt"; then
    echo "same: $log ($n findings)"
  else
    echo "DIFFERENT: $log"
    diff "$work/old.txt" "$work/new.txt" | head -40 || true
    status=1
  fi
done
exit $status
