#!/usr/bin/env bash
# Regenerates the golden logs and their reports from seeded all-rival games.
# Review the diff (git diff tests/golden) before committing.
#   usage: tests/golden/regen.sh [path/to/shapan-cli]
# The idle-* games play the built-in idle rival (sim/src/ai/idle.c): --rivals points
# at an empty folder, so scenarios/rivals/idle.json is not used and tuning the
# profiles never changes them.  The ai-mix-* and ai-all-* games play the profiles of
# scenarios/rivals/ and change whenever a profile or the planner does: rerun this
# script after tuning.
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=${1:-build/bin/shapan-cli}
builtin=$(mktemp -d)
trap 'rmdir "$builtin"' EXIT
gen() { # name scenario seed teams profiles [run options...]
    local name=$1 scen=$2 seed=$3 teams=$4 ai=$5
    shift 5
    "$cli" run --scenario "$scen" --seed "$seed" --teams "$teams" --ai "$ai" "$@" \
        --log "tests/golden/$name.jsonl" --report "tests/golden/$name.report.json" >/dev/null
}
standard=scenarios/standard.json
[ -f "$standard" ] || standard=scenarios/standard-base.json
gen idle-standard-6 "$standard" 1 6 idle --rivals "$builtin"
if [ -f scenarios/classic.json ]; then
    gen idle-classic-4 scenarios/classic.json 7 4 idle --rivals "$builtin"
fi
mix=expert,aggressive,balanced,cautious,idle,balanced
for seed in 1 2; do
    gen "ai-mix-$seed" "$standard" "$seed" 6 "$mix"
done
# each planner profile against five copies of itself
for p in cautious balanced aggressive expert; do
    gen "ai-all-$p" "$standard" 3 6 "$p"
done
echo "regenerated tests/golden/{idle,ai-mix,ai-all}-*.jsonl and their reports; review: git diff tests/golden"
