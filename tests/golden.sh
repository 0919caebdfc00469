#!/usr/bin/env bash
# golden.sh CLI LOG OUTDIR: replays LOG, writes OUTDIR/NAME.report.json and, when
# the reviewed tests/golden/NAME.report.json exists, requires them to be identical.
set -euo pipefail
cli=$1 log=$2 out=$3
name=$(basename "$log" .jsonl)
mkdir -p "$out"
"$cli" replay "$log" --report "$out/$name.report.json" --csv "$out/$name-csv"
expected="$(dirname "$log")/$name.report.json"
if [ -f "$expected" ]; then
    diff -u "$expected" "$out/$name.report.json"
fi
