#!/usr/bin/env bash
# Cache-hit throughput of `archlab serve` with wrk, and the latency a cache hit adds over a bare
# route (GET /healthz), both on loopback against a release build.
# Usage: Benchmarks/serve.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
# ARCHLAB_BIN: an already built release binary (skips the build).
archlab=${ARCHLAB_BIN:-}
if [ -z "$archlab" ]; then
    swift build -c release --product archlab >/dev/null
    archlab=.build/release/archlab
fi
port=$((20000 + RANDOM % 20000))
"$archlab" serve --port "$port" --model lexical --limit "100000000 per 1 s" >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$lua"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

body='{"model":"gpt-4o","messages":[{"role":"user","content":"How do I reset my password?"}]}'
curl -s "http://127.0.0.1:$port/v1/chat/completions" -H 'Authorization: Bearer bench' -d "$body" >/dev/null  # fill the cache
lua=$(mktemp --suffix=.lua)
cat >"$lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench"
LUA
hit=$(curl -s -i "http://127.0.0.1:$port/v1/chat/completions" -H 'Authorization: Bearer bench' -d "$body" | grep -i '^X-Cache' | tr -d '\r')
echo "warm-up: $hit"
run() { wrk -t1 -c32 -d"${duration}s" --latency "$@"; }
echo "== bare route: GET /healthz"
bare=$(run "http://127.0.0.1:$port/healthz")
echo "$bare" | grep -E "Requests/sec|50%|99%"
echo "== cache hits: POST /v1/chat/completions (same prompt, X-Cache: HIT-EXACT)"
hits=$(run -s "$lua" "http://127.0.0.1:$port/v1/chat/completions")
echo "$hits" | grep -E "Requests/sec|50%|99%|Non-2xx"
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p50() { echo "$1" | awk '$1=="50%" {print $2}'; }
echo "cache-hit throughput: $(rps "$hits") req/s; bare route: $(rps "$bare") req/s; ratio $(awk -v a="$(rps "$hits")" -v b="$(rps "$bare")" 'BEGIN {printf "%.2f", a/b}')"
echo "median latency: cache hit $(p50 "$hits"), bare route $(p50 "$bare")"
