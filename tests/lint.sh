#!/usr/bin/env bash
# The core can't see the platform (docs/design.md): no SDL, clock, rand, floating
# point, printing or exit in sim/ outside sim/cli/.  Comments are stripped first
# (with the C preprocessor's comment removal), so prose like "double entry" is fine.
set -euo pipefail
cd "$(dirname "$0")/.."

pattern='#[[:space:]]*include[[:space:]]*<SDL|\b(s?rand|time|clock|printf|fprintf|puts|exit)[[:space:]]*\(|\b(float|double)\b'
status=0
while IFS= read -r -d '' f; do
    if command -v gcc >/dev/null 2>&1; then
        text=$(gcc -fpreprocessed -dD -E -P -x c "$f" 2>/dev/null || cat "$f")
    else
        text=$(cat "$f")
    fi
    if hits=$(printf '%s\n' "$text" | grep -nE "$pattern"); then
        printf '%s: forbidden in the core:\n%s\n' "$f" "$hits" >&2
        status=1
    fi
done < <(find sim -path sim/cli -prune -o -type f \( -name '*.c' -o -name '*.h' \) -print0 | sort -z)
if [ "$status" -eq 0 ]; then
    echo "lint: sim/ core is clean"
fi
exit "$status"
