#!/usr/bin/env bash
# Throughput and memory of `archlab redis-server` against the reference redis-server (7.0.15)
# on loopback, measured in the same run with alternating rounds. Prints each test's
# requests/s for both servers and the ratio archlab/redis, then resident memory (VmRSS)
# after a million-key SET workload.
#
#   Benchmarks/redis.sh            # ROUNDS=2 N=200000 by default
#   ROUNDS=3 Benchmarks/redis.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
N=${N:-200000}
CLIENTS=${CLIENTS:-50}
TESTS=${TESTS:-ping,set,get,incr,lpush,hset,zadd}
REDIS_PORT=${REDIS_PORT:-16379}
ARCHLAB_PORT=${ARCHLAB_PORT:-16380}
OUT=$(mktemp -d)
trap 'stop_server; rm -rf "$OUT"' EXIT

for tool in redis-server redis-benchmark redis-cli; do
    command -v "$tool" >/dev/null || { echo "redis.sh: $tool is not installed" >&2; exit 2; }
done

# ARCHLAB_BIN: an already built release binary (skips the build).
ARCHLAB=${ARCHLAB_BIN:-}
if [ -z "$ARCHLAB" ]; then
    echo "building archlab (release)…" >&2
    swift build -c release --product archlab >&2
    ARCHLAB="$(swift build -c release --show-bin-path)/archlab"
fi

SERVER_PID=""
start_server() {  # $1 = redis | archlab
    for port in "$REDIS_PORT" "$ARCHLAB_PORT"; do
        if redis-cli -p "$port" ping >/dev/null 2>&1; then
            echo "redis.sh: port $port is already in use; set REDIS_PORT/ARCHLAB_PORT" >&2
            exit 2
        fi
    done
    if [ "$1" = redis ]; then
        redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
        SERVER_PID=$!; PORT=$REDIS_PORT
    else
        "$ARCHLAB" redis-server --port "$ARCHLAB_PORT" >/dev/null 2>&1 &
        SERVER_PID=$!; PORT=$ARCHLAB_PORT
    fi
    for _ in $(seq 200); do
        if [ "$(redis-cli -p "$PORT" ping 2>/dev/null)" = PONG ]; then
            kill -0 "$SERVER_PID" 2>/dev/null && return 0
            echo "redis.sh: $1 exited; something else answers on port $PORT" >&2
            exit 2
        fi
        sleep 0.05
    done
    echo "redis.sh: $1 did not start on port $PORT" >&2
    exit 1
}
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}

# Appends "server<TAB>suite<TAB>test<TAB>rps" lines for one redis-benchmark run.
bench() {  # $1 server, $2 suite label, rest: redis-benchmark arguments
    local server=$1 suite=$2; shift 2
    redis-benchmark -p "$PORT" -c "$CLIENTS" --csv "$@" 2>/dev/null | tail -n +2 | tr -d '"' |
        awk -F, -v s="$server" -v l="$suite" '{ print s "\t" l "\t" $1 "\t" $2 }' >>"$OUT/results.tsv"
}

for round in $(seq "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then order="redis archlab"; else order="archlab redis"; fi
    for server in $order; do
        echo "round $round: $server" >&2
        start_server "$server"
        bench "$server" "P1" -n "$N" -t "$TESTS" -P 1
        bench "$server" "P16" -n "$N" -t "$TESTS" -P 16
        bench "$server" "1M-keys-P16" -n 2000000 -r 1000000 -t set,get -P 16
        stop_server
    done
done

for server in redis archlab; do
    start_server "$server"
    redis-benchmark -p "$PORT" -q -n 2000000 -r 1000000 -t set -P 16 >/dev/null 2>&1
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/$SERVER_PID/status")
    keys=$(redis-cli -p "$PORT" dbsize)
    echo -e "$server\t$rss\t$keys" >>"$OUT/memory.tsv"
    stop_server
done

echo
printf '%-14s %-22s %14s %14s %8s\n' suite test redis archlab ratio
awk -F'\t' '
    { key = $2 "\t" $3; if ($4 > best[$1, key]) best[$1, key] = $4; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
    END {
        for (i = 1; i <= n; i++) {
            split(order[i], parts, "\t"); r = best["redis", order[i]]; a = best["archlab", order[i]]
            printf "%-14s %-22s %14.0f %14.0f %7.2fx\n", parts[1], parts[2], r, a, (r > 0 ? a / r : 0)
        }
    }' "$OUT/results.tsv"
echo
awk -F'\t' '{ rss[$1] = $2; keys[$1] = $3 }
    END {
        printf "VmRSS after SET -r 1000000 -n 2000000 -P 16: redis %.1f MB (%d keys), archlab %.1f MB (%d keys), ratio %.2fx\n",
            rss["redis"] / 1024, keys["redis"], rss["archlab"] / 1024, keys["archlab"], rss["archlab"] / rss["redis"]
    }' "$OUT/memory.tsv"
