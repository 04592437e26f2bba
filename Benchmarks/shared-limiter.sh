#!/usr/bin/env bash
# RESP-backed limiter decisions per second as a ratio of `redis-benchmark -t incr` on the same
# server, with the same number of connections, in the same run (issue 17; target ≥ 0.5×):
# against the reference redis-server and against `archlab redis-server`. INCR is measured
# before and after the limiter and the mean is the denominator, so a machine whose load
# changes during the run moves both sides alike. Release build.
#
#   Benchmarks/shared-limiter.sh                     # 8 connections, 40,000 decisions per algorithm
#   CONNECTIONS=16 DECISIONS=100000 Benchmarks/shared-limiter.sh
#   ARCHLAB_BIN=.build/release/archlab Benchmarks/shared-limiter.sh
#   BENCH_FLAGS=--global-executor Benchmarks/shared-limiter.sh   # callers off the event loop
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-8}
DECISIONS=${DECISIONS:-40000}
INCRS=${INCRS:-100000}
IDENTIFIERS=${IDENTIFIERS:-10000}
REDIS_PORT=${REDIS_PORT:-7481}
ARCHLAB_PORT=${ARCHLAB_PORT:-7482}
PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT

for tool in redis-benchmark redis-cli; do
    command -v "$tool" >/dev/null || { echo "shared-limiter.sh: $tool is not installed (apt-get install redis-tools)" >&2; exit 1; }
done

ARCHLAB=${ARCHLAB_BIN:-}
if [ -z "$ARCHLAB" ]; then
    echo "building archlab (release)…" >&2
    swift build -c release --product archlab >&2
    ARCHLAB="$(swift build -c release --show-bin-path)/archlab"
fi

wait_for() {  # $1 = port
    for _ in $(seq 200); do
        [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ] && return 0
        sleep 0.05
    done
    echo "shared-limiter.sh: no server on port $1" >&2
    return 1
}

incr_per_second() {  # $1 = port
    redis-benchmark -p "$1" -c "$CONNECTIONS" -n "$INCRS" -t incr -q 2>/dev/null \
        | tr '\r' '\n' | awk '/^INCR:/ { print $2 }' | tail -1
}

measure() {  # $1 = port, $2 = heading
    wait_for "$1"
    local before after limiter
    before=$(incr_per_second "$1")
    limiter=$("$ARCHLAB" limit bench --skip-in-memory --identifiers "$IDENTIFIERS" --resp-decisions "$DECISIONS" \
        --concurrency "$CONNECTIONS" --redis-url "redis://127.0.0.1:$1" ${BENCH_FLAGS:-})
    after=$(incr_per_second "$1")
    echo "== $2, $CONNECTIONS connections"
    echo "   redis-benchmark -t incr: $before /s before, $after /s after"
    echo "$limiter" | awk -v before="$before" -v after="$after" '
        match($0, /= [0-9]+ \/s/) {
            rate = substr($0, RSTART + 2, RLENGTH - 5) + 0
            incr = (before + after) / 2
            name = $2; sub(/,$/, "", name)
            printf "   %-18s %8d decisions/s  = %.2fx INCR\n", name, rate, rate / incr
        }'
}

if command -v redis-server >/dev/null; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
    PIDS+=($!)
    measure "$REDIS_PORT" "redis-server $(redis-server --version | grep -o 'v=[0-9.]*' | cut -c3-)"
else
    echo "shared-limiter.sh: redis-server is not installed; skipping it" >&2
fi

"$ARCHLAB" redis-server --port "$ARCHLAB_PORT" >/dev/null 2>&1 &
PIDS+=($!)
measure "$ARCHLAB_PORT" "archlab redis-server"
