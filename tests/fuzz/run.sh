#!/usr/bin/env bash
# Builds the libFuzzer target for the log reader and runs it for a while on a
# corpus seeded with the golden logs.  Not part of CI (it runs until stopped or
# for SECONDS seconds):  tests/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
out=build-fuzz
mkdir -p "$out/corpus"
cp tests/golden/*.jsonl "$out/corpus/" 2>/dev/null || true
# cJSON is compiled in from its Debian package's library; the core from source
clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -Isim/include -Isim/src \
    tests/fuzz/fuzz_replay.c $(find sim/src -name '*.c') -lcjson -o "$out/fuzz_replay"
"$out/fuzz_replay" -max_total_time="$secs" -max_len=200000 -timeout=10 "$out/corpus"
