#!/usr/bin/env bash
# Regenerates the golden logs and their reports from seeded all-rival games.
# Review the diff (git diff tests/golden) before committing.
#   usage: tests/golden/regen.sh [path/to/shapan-cli]
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=${1:-build/bin/shapan-cli}
gen() { # name scenario seed teams profiles
    "$cli" run --scenario "$2" --seed "$3" --teams "$4" --ai "$5" \
        --log "tests/golden/$1.jsonl" --report "tests/golden/$1.report.json" >/dev/null
}
standard=scenarios/standard.json
[ -f "$standard" ] || standard=scenarios/standard-base.json
gen idle-standard-6 "$standard" 1 6 idle
if [ -f scenarios/classic.json ]; then
    gen idle-classic-4 scenarios/classic.json 7 4 idle
fi
echo "regenerated the idle-*.jsonl logs and reports; review: git diff tests/golden"
