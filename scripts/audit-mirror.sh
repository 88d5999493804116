#!/usr/bin/env bash
# Audits every wheel of the local wheel mirror (/opt/pypi/files, /opt/pypi-more/files,
# /opt/wheels: real PyPI wheels; not available to users or CI, so this is a script, never a
# test) and prints the findings counted by rule and by kind (rule + message shape), then audits
# the largest wheel alone within -Xmx256m. Skips with a note when there is no mirror.
#
#   scripts/audit-mirror.sh [OUT_DIR]   OUT_DIR keeps audit.json and counts.txt (default: a temp dir)
# Needs target/wheelwright.jar (mvn -q package -DskipTests) and python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mirror=()
for d in /opt/pypi/files /opt/pypi-more/files /opt/wheels; do
  [ -d "$d" ] && mirror+=("$d")
done
if [ ${#mirror[@]} -eq 0 ]; then
  echo "audit-mirror.sh: no local wheel mirror (/opt/pypi*/files, /opt/wheels): nothing to audit" >&2
  exit 0
fi
[ -f "$root/target/wheelwright.jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
out="${1:-}"
if [ -z "$out" ]; then out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT; fi
mkdir -p "$out/wheels"
python=/usr/bin/python3; [ -x "$python" ] || python=python3
# the same file under two mirrors is audited once; links keep the names audit reports
find -L "${mirror[@]}" -name '*.whl' -type f -printf '%f\t%s\t%p\n' | sort -u -k1,1 > "$out/list.tsv"
cut -f3 "$out/list.tsv" | while read -r f; do ln -sf "$f" "$out/wheels/$(basename "$f")"; done
n="$(wc -l < "$out/list.tsv")"
echo "auditing $n wheels of ${mirror[*]}" >&2
start=$(date +%s)
set +e
java ${WHEELWRIGHT_JAVA_OPTS:--Xmx1g} -jar "$root/target/wheelwright.jar" audit --format json -o "$out/audit.json" "$out/wheels"
code=$?
set -e
echo "audit exit $code in $(( $(date +%s) - start )) s" >&2
[ "$code" -le 1 ] || exit "$code"
"$python" - "$out/audit.json" "$n" <<'PY' | tee "$out/counts.txt"
import collections, json, re, sys
doc = json.load(open(sys.argv[1]))
findings = doc["findings"]
wheels = collections.defaultdict(set)
by_rule = collections.Counter()
kinds = collections.Counter()
example = {}
for f in findings:
    rule = f"{f['rule']} {f['name']} ({f['severity']})"
    by_rule[rule] += 1
    wheel = (f.get("location") or {}).get("wheel", "?")
    wheels[rule].add(wheel)
    # a kind: the message with names, versions and numbers blanked
    shape = re.sub(r"[\w.+-]+\.(so|pyd|dylib|whl|py|txt|json)(\.\d+)*", "<file>", f["message"])
    shape = re.sub(r"\d+(\.\d+)*", "N", shape)
    key = (f["rule"], shape[:160])
    kinds[key] += 1
    example.setdefault(key, f"{wheel}: {f['message'][:200]}")
print(f"{len(findings)} findings in {len({w for s in wheels.values() for w in s})} of {sys.argv[2]} wheels")
print("\nby rule (findings, wheels):")
for rule, c in sorted(by_rule.items()):
    print(f"  {c:6d} {len(wheels[rule]):5d}  {rule}")
print(f"\n{len(kinds)} kinds (rule, message shape), with one example each:")
for key, c in sorted(kinds.items()):
    print(f"  {c:6d}  {key[0]}  {example[key]}")
PY
largest="$(sort -t$'\t' -k2,2n "$out/list.tsv" | tail -1 | cut -f3)"
echo "largest wheel, -Xmx256m: $(basename "$largest") ($(( $(stat -Lc %s "$largest") / 1048576 )) MB)" >&2
set +e
java -Xmx256m -jar "$root/target/wheelwright.jar" audit -q --no-color "$largest" > /dev/null
code=$?
set -e
echo "  exit $code (0 or 1: audited; 2: failed)" >&2
[ "$code" -le 1 ]
