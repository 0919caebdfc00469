#!/usr/bin/env bash
# shapan-cli as a user meets it: exit codes (0 ok, 1 rejected input, 2 usage),
# errors that name the file, line or JSON path, and the files each command writes.
#   usage: tests/cli.sh path/to/shapan-cli
set -u
cli=$1
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # description expected-status command...
    local what=$1 want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL: $what: exit $got, expected $want"
        sed 's/^/    /' "$tmp/err" | head -5
        fails=$((fails + 1))
    fi
}
has() { # description file pattern
    if ! grep -q -- "$3" "$2"; then
        echo "FAIL: $1: no \"$3\" in $(basename "$2")"
        sed 's/^/    /' "$2" | head -5
        fails=$((fails + 1))
    fi
}

# validate: every shipped scenario, a bad one names its JSON path, no file is usage
check "validate shipped" 0 "$cli" validate scenarios/standard.json scenarios/classic.json
check "validate bad" 1 "$cli" validate tests/data/bad/scenario_bom_unknown_material.json
has "validate bad names the path" "$tmp/out" "products\[[0-9]*\]\.bom\[0\]"
check "validate nothing" 2 "$cli" validate
check "unknown command" 2 "$cli" frobnicate

# run: a seeded mixed game writes a log and a report; an unknown rival is a usage error
check "run mix" 0 "$cli" run --scenario scenarios/standard.json --seed 5 \
    --ai expert,aggressive,balanced,cautious,idle,balanced --log "$tmp/g.jsonl" --report "$tmp/r.json"
has "run prints the ranking" "$tmp/out" "score"
has "report format" "$tmp/r.json" '"format":1'
check "run unknown rival" 2 "$cli" run --scenario scenarios/standard.json --seed 5 --ai nosuch

# replay: the log verifies; CSVs with a BOM; a tampered line is caught with its line number
check "replay" 0 "$cli" replay "$tmp/g.jsonl" --report "$tmp/r2.json" --csv "$tmp/csv"
cmp -s <(grep -o '"final_hash":"[0-9a-f]*"' "$tmp/r.json") \
    <(grep -o '"final_hash":"[0-9a-f]*"' "$tmp/r2.json") ||
    { echo "FAIL: replay final hash differs from run"; fails=$((fails + 1)); }
for f in balance income expenses ranking; do
    [ "$(head -c 3 "$tmp/csv/$f.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] ||
        { echo "FAIL: $f.csv has no UTF-8 BOM"; fails=$((fails + 1)); }
done
awk 'NR == 40 { sub(/"team":[0-9]+/, "\"team\":2") } { print }' "$tmp/g.jsonl" >"$tmp/t.jsonl"
check "replay tampered" 1 "$cli" replay "$tmp/t.jsonl"
has "tampered names a line" "$tmp/err" "LOG:line [0-9]*"
check "replay until" 0 "$cli" replay "$tmp/g.jsonl" --until 2.3
check "replay missing" 1 "$cli" replay "$tmp/none.jsonl"

# grade: a folder with one good and one tampered log: the batch goes on, exit 1
mkdir -p "$tmp/logs"
cp "$tmp/g.jsonl" "$tmp/logs/a.jsonl"
cp "$tmp/t.jsonl" "$tmp/logs/b.jsonl"
check "grade" 1 "$cli" grade "$tmp/logs" --out "$tmp/sb.csv"
has "grade rows" "$tmp/sb.csv" "a.jsonl,1,"
has "grade rejected row" "$tmp/sb.csv" "rejected"
check "grade good" 0 "$cli" grade "$tmp/logs/a.jsonl" --out "$tmp/sb2.csv"

# generate: a fresh book for 12 teams that validates
check "generate" 0 "$cli" generate --scenario scenarios/standard-base.json --teams 12 --seed 9 \
    --out "$tmp/s12.json"
check "generated validates" 0 "$cli" validate "$tmp/s12.json"
check "generate bad teams" 2 "$cli" generate --scenario scenarios/standard-base.json --teams 0 --seed 9

# tournament and bench run and print their tables
check "tournament" 0 "$cli" tournament --profiles expert,balanced,idle --games 6 --teams 3
has "tournament head to head" "$tmp/out" "head to head"
check "bench" 0 "$cli" bench --games 1
has "bench games/s" "$tmp/out" "games/s"
has "bench compares the replay with reading the log" "$tmp/out" "replay = [0-9.]* x this"
check "bench one measurement" 0 "$cli" bench --games 1 --only replay
if grep -q "games/s" "$tmp/out"; then
    echo "FAIL: bench --only replay also played the game measurements"
    fails=$((fails + 1))
fi
check "bench unknown measurement" 2 "$cli" bench --only nothing

if [ "$fails" -gt 0 ]; then
    echo "$fails cli check(s) failed"
    exit 1
fi
echo "cli: all checks passed"
