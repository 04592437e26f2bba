#!/usr/bin/env bash
# Simulated requests per second through the gateway, release build:
#  1. the full gateway (step 8, `production`: identify, rate limit, exact cache, semantic cache, LLM)
#     with the lexical embedder and with MiniLM;
#  2. every scenario that takes `requests`, with the lexical embedder, to show which stage costs what.
# Usage: Benchmarks/labs.sh [requests, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-100000}
# ARCHLAB_BIN: an already built release binary (skips the build).
archlab=${ARCHLAB_BIN:-}
if [ -z "$archlab" ]; then
    swift build -c release --product archlab >/dev/null
    archlab=.build/release/archlab
fi

# Prints "LABEL N simulated requests in S s: R requests/s" for one run.
timed_run() {
    local label=$1; shift
    local start end json total
    start=$(date +%s.%N)
    json=$("$archlab" run "$@" --set requests="$requests" --format json)
    end=$(date +%s.%N)
    total=$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])')
    awk -v l="$label" -v n="$total" -v s="$start" -v e="$end" \
        'BEGIN { printf "%-24s %7d simulated requests in %6.2f s: %7.0f requests/s\n", l, n, e - s, n / (e - s) }'
}

for model in lexical minilm; do
    if [ "$model" = minilm ] && ! "$archlab" model status >/dev/null 2>&1; then
        echo "production (minilm): not installed (archlab model fetch); skipped"
        continue
    fi
    timed_run "production ($model)" production --model "$model"
done
for scenario in baseline exact-cache streaming abuse semantic-cache; do
    timed_run "$scenario (lexical)" "$scenario" --model lexical
done
