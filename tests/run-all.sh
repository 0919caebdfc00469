#!/usr/bin/env bash
# Every test, as CI runs it: a gcc Release build with warnings as errors, a clang
# build, an ASan+UBSan build, each with its CTest suite; then a determinism check:
# the gcc and the clang shapan-cli must agree on every golden log's final hash and
# play the same seeded game byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=2
out=build-ci

build() { # name compiler cmake-args...
    local name=$1 cc=$2
    shift 2
    echo "=== $name: configure and build ($cc)"
    CC=$cc cmake -S . -B "$out/$name" "$@" >/dev/null
    cmake --build "$out/$name" -j"$jobs"
    echo "=== $name: ctest"
    ctest --test-dir "$out/$name" --no-tests=error --output-on-failure -j"$jobs"
}

build gcc gcc -DCMAKE_BUILD_TYPE=Release -DSHAPAN_WERROR=ON
build clang clang -DCMAKE_BUILD_TYPE=Release -DSHAPAN_WERROR=ON
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
build sanitize clang -DCMAKE_BUILD_TYPE=Debug -DSHAPAN_SANITIZE=ON

echo "=== determinism: gcc vs clang"
gcc_cli=$out/gcc/bin/shapan-cli
clang_cli=$out/clang/bin/shapan-cli
det=$out/determinism
rm -rf "$det"
mkdir -p "$det"
# the default scenario (scenarios/standard.json; its base file until that is generated)
scen=scenarios/standard.json
[ -f "$scen" ] || scen=scenarios/standard-base.json
final_hash() { grep -o '"final_hash":"[0-9a-f]*"' "$1"; }

# a fresh seeded all-rival game from each compiler: identical logs
"$gcc_cli" run --scenario "$scen" --seed 20240 --teams 6 --ai idle \
    --log "$det/gcc.jsonl" --report "$det/gcc-run.json" >/dev/null
"$clang_cli" run --scenario "$scen" --seed 20240 --teams 6 --ai idle \
    --log "$det/clang.jsonl" --report "$det/clang-run.json" >/dev/null
cmp "$det/gcc.jsonl" "$det/clang.jsonl"
# and a mixed field of the planning rival's profiles
mix=expert,aggressive,balanced,cautious,idle,balanced
"$gcc_cli" run --scenario "$scen" --seed 20241 --teams 6 --ai "$mix" \
    --log "$det/gcc-mix.jsonl" >/dev/null
"$clang_cli" run --scenario "$scen" --seed 20241 --teams 6 --ai "$mix" \
    --log "$det/clang-mix.jsonl" >/dev/null
cmp "$det/gcc-mix.jsonl" "$det/clang-mix.jsonl"

logs=("$det/gcc.jsonl" "$det/gcc-mix.jsonl")
shopt -s nullglob
logs+=(tests/golden/*.jsonl)
for log in "${logs[@]}"; do
    name=$(basename "$log" .jsonl)
    "$gcc_cli" replay "$log" --report "$det/$name.gcc.json" >/dev/null
    "$clang_cli" replay "$log" --report "$det/$name.clang.json" >/dev/null
    a=$(final_hash "$det/$name.gcc.json")
    b=$(final_hash "$det/$name.clang.json")
    if [ -z "$a" ] || [ "$a" != "$b" ]; then
        echo "determinism: $log: gcc $a, clang $b" >&2
        exit 1
    fi
    echo "$log: $a (gcc = clang)"
done
echo "=== all tests passed"
