#!/usr/bin/env bash
# Runs a coverage-guided fuzzing campaign with Jazzer on one fuzz test.
#
#   scripts/fuzz.sh TARGET MINUTES
#
# TARGET is a fuzz test class (BinaryReaderFuzzTest) or one method of it
# (BinaryReaderFuzzTest#read); `scripts/fuzz.sh --list` lists them. The generated corpus grows in
# .cifuzz-corpus/ (ignored); an input that breaks the test's contract (dev.wheelwright.fuzz.FuzzBounds)
# is written next to the committed inputs in src/test/resources/.../<Class>Inputs/<method>/, where
# `mvn verify` replays it from then on: minimize it, fix the reader, commit both. The fuzzing JVM
# has a 512 MB heap, as the bound the readers must live within.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--list" ]]; then
    grep -rl --include='*FuzzTest.java' '@FuzzTest' src/test/java | sed 's#.*/##; s#\.java$##' | sort
    exit 0
fi
if [[ $# -ne 2 || ! "$2" =~ ^[0-9]+$ || "$2" -lt 1 ]]; then
    echo "usage: scripts/fuzz.sh TARGET MINUTES   (scripts/fuzz.sh --list names the targets)" >&2
    exit 2
fi
target=$1
minutes=$2
class=${target%%#*}
if ! grep -rlq --include="$class.java" '@FuzzTest' src/test/java; then
    echo "scripts/fuzz.sh: $class: no fuzz test of that name (scripts/fuzz.sh --list)" >&2
    exit 2
fi
seconds=$((minutes * 60))
extra=()
if [[ "$class" == RuleFileFuzzTest ]]; then
    # a rule file's patterns are its author's regexes by design: Jazzer's regex-injection sanitizer
    # would report the first one that does not compile (a RuleLoadException, which is the contract)
    extra+=(-Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection)
fi
echo "fuzzing $target for $minutes min ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)" >&2
# JAZZER_FUZZ switches @FuzzTest from replaying inputs to fuzzing; the internal arguments are
# libFuzzer's (argv[0] first), and -max_total_time overrides the annotation's maxDuration.
set +e
JAZZER_FUZZ=1 mvn -B -ntp -q -o test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx512m \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" \
    -Djazzer.internal.arg.2=-print_final_stats=1 ${extra[@]+"${extra[@]}"} 2>&1 \
    | grep -v -E '^INFO: (Loaded [0-9]+ hooks|Instrumented )' \
    | grep -E -v '^"|# Uses:'
status=${PIPESTATUS[0]}
set -e
if [[ $status -ne 0 ]]; then
    echo "scripts/fuzz.sh: $target: a finding (or a failed build); new inputs: git status src/test/resources" >&2
fi
exit "$status"
