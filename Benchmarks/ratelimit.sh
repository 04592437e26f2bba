#!/usr/bin/env bash
# Decisions per second of the rate limiters (release build): the in-memory limiter over
# 10,000 identifiers on one core (target ≥ 10 M/s), next to a bare dictionary counter
# measured in the same run, then the RESP-backed limiter against the reference
# redis-server and, when the binary has it, `archlab redis-server`.
#
#   Benchmarks/ratelimit.sh                      # DECISIONS=20000000 RESP_DECISIONS=20000
#   CONCURRENCY=16 Benchmarks/ratelimit.sh
set -euo pipefail
cd "$(dirname "$0")/.."

IDENTIFIERS=${IDENTIFIERS:-10000}
DECISIONS=${DECISIONS:-20000000}
RESP_DECISIONS=${RESP_DECISIONS:-20000}
CONCURRENCY=${CONCURRENCY:-8}
REDIS_PORT=${REDIS_PORT:-7479}
ARCHLAB_PORT=${ARCHLAB_PORT:-7480}
PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT

# ARCHLAB_BIN: an already built release binary (skips the build).
ARCHLAB=${ARCHLAB_BIN:-}
if [ -z "$ARCHLAB" ]; then
    echo "building archlab (release)…" >&2
    swift build -c release --product archlab >&2
    ARCHLAB="$(swift build -c release --show-bin-path)/archlab"
fi

PIN=()
command -v taskset >/dev/null && PIN=(taskset -c 0)
echo "== in-memory, one core"
"${PIN[@]}" "$ARCHLAB" limit bench --identifiers "$IDENTIFIERS" --decisions "$DECISIONS"

wait_for() {  # $1 = port
    for _ in $(seq 200); do
        [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ] && return 0
        sleep 0.05
    done
    echo "ratelimit.sh: no server on port $1" >&2
    return 1
}

bench_resp() {  # $1 = port of a server starting in the background, $2 = heading
    wait_for "$1"
    echo "== RESP-backed, $2"
    "$ARCHLAB" limit bench --skip-in-memory --identifiers "$IDENTIFIERS" --resp-decisions "$RESP_DECISIONS" \
        --concurrency "$CONCURRENCY" --redis-url "redis://127.0.0.1:$1"
}

if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
    PIDS+=($!)
    bench_resp "$REDIS_PORT" "reference redis-server $(redis-server --version | grep -o 'v=[0-9.]*')"
else
    echo "ratelimit.sh: redis-server/redis-cli not installed; skipping the reference server" >&2
fi

if "$ARCHLAB" --help 2>/dev/null | grep -q ' redis-server'; then
    "$ARCHLAB" redis-server --port "$ARCHLAB_PORT" >/dev/null 2>&1 &
    PIDS+=($!)
    bench_resp "$ARCHLAB_PORT" "archlab redis-server"
else
    echo "ratelimit.sh: this archlab has no redis-server command yet; skipping it" >&2
fi
