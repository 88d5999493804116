#!/usr/bin/env bash
# Repairs a real wheel from the local mirror whose audit says external-shared-library, installs the
# repaired wheel into a fresh venv and loads every binary repair rewrote with the bundled
# libraries' original files hidden (a private mount namespace binds /dev/null over each of them),
# so the load can only succeed through the copies repair put into the wheel. As a control, the
# same binaries of the unrepaired wheel are loaded the same way and must fail.
# A script, never a test: it reads the local mirror (/opt/pypi/files, /opt/wheels).
# Needs root (unshare -m, mount --bind) and /usr/bin/python3 with venv.
# Usage: scripts/repair-mirror-check.sh [WHEEL]     (default: the first mirror wheel that qualifies)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ww="$here/bin/wheelwright"
py=/usr/bin/python3
work="$(mktemp -d "${TMPDIR:-/tmp}/repair-mirror.XXXXXX")"
trap 'rm -rf "$work"' EXIT
arch=$(uname -m)

pick() {
  for w in /opt/wheels/*.whl /opt/pypi/files/*.whl; do
    case "$w" in *linux*_"$arch".whl|*linux*_"$arch".*.whl) ;; *) continue ;; esac
    case "$w" in *-cp3*-*|*-py3-*|*-abi3-*) ;; *) continue ;; esac
    "$ww" audit --format json "$w" 2>/dev/null | grep -q '"external-shared-library"' || continue
    "$ww" repair "$w" -o "$work/probe" --dry-run >/dev/null 2>&1 || continue
    echo "$w"; return 0
  done
  return 1
}

wheel=${1:-$(pick)} || { echo "no mirror wheel with external-shared-library whose libraries are on this machine" >&2; exit 1; }
echo "wheel: $wheel"
"$ww" audit "$wheel" | grep -E 'external-shared-library|DT_NEEDED' | head -5 || true
"$ww" repair "$wheel" -o "$work/out" | tee "$work/plan.txt"
repaired=$(ls "$work"/out/*.whl)
echo "audit of the repaired wheel:"; "$ww" audit "$repaired" | tail -1

# the sources repair bundled, and the members it rewrote
sources=$(sed -n 's/^  bundle .* from \(.*\) (.*) as .*/\1/p' "$work/plan.txt")
members=$(sed -n 's/^  rewrite \([^:]*\): .*/\1/p' "$work/plan.txt")

"$py" -m venv "$work/venv"
"$work/venv/bin/pip" install -q --no-index --no-deps "$repaired"
site=$("$work/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["platlib"])')
mkdir -p "$work/orig" && (cd "$work/orig" && "$py" -m zipfile -e "$wheel" .)

load() { # load each member's binary under ROOT with the sources hidden; prints ok/FAILED per file
  local root=$1
  unshare -m bash -c '
    for s in '"$(echo $sources | tr '\n' ' ')"'; do mount --bind /dev/null "$(readlink -f "$s")"; done
    for m in '"$(echo $members | tr '\n' ' ')"'; do
      p="'"$root"'/${m#*.data/platlib/}"
      if "'"$py"'" -c "import ctypes,sys; ctypes.CDLL(sys.argv[1])" "$p" 2>"'"$work"'/err"; then echo "  ok      $m"
      else echo "  FAILED  $m: $(tail -1 "'"$work"'/err")"; fi
    done'
}
echo "repaired wheel, installed, libraries hidden:"
load "$site" | tee "$work/repaired.txt"
echo "unrepaired wheel, libraries hidden (control, must fail):"
load "$work/orig" | tee "$work/control.txt"
if grep -q FAILED "$work/repaired.txt" || ! grep -q FAILED "$work/control.txt"; then
  echo "repair-mirror-check: FAILED" >&2; exit 1
fi
echo "repair-mirror-check: the repaired wheel loads with $(echo $sources | wc -w) external libraries hidden"
