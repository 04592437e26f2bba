#!/usr/bin/env bash
# Simulated requests per second through the full gateway (step 8: identify, rate limit, exact
# cache, semantic cache, LLM) with the lexical embedder and with MiniLM, release build.
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
for model in lexical minilm; do
    if [ "$model" = minilm ] && ! "$archlab" model status >/dev/null 2>&1; then
        echo "minilm: not installed (archlab model fetch); skipped"
        continue
    fi
    start=$(date +%s.%N)
    json=$("$archlab" run production --set requests="$requests" --model "$model" --format json)
    end=$(date +%s.%N)
    total=$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])')
    awk -v m="$model" -v n="$total" -v s="$start" -v e="$end" \
        'BEGIN { printf "%-8s %d simulated requests in %.2f s: %.0f requests/s\n", m, n, e - s, n / (e - s) }'
done
