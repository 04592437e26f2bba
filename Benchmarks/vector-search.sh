#!/usr/bin/env bash
# FT.SEARCH KNN top-1 over 100,000 x 384 on `archlab redis-server` through redis-py (FLAT and HNSW),
# against Semantic's in-process indexes on the same machine; prints the overhead per query.
# Usage: Benchmarks/vector-search.sh [entries] [queries]   (needs numpy and redis-py 5+)
set -euo pipefail
cd "$(dirname "$0")/.."
entries="${1:-100000}"
queries="${2:-200}"
bin=${ARCHLAB_BIN:-}
if [ -z "$bin" ]; then
    swift build -c release --product archlab >/dev/null
    bin=.build/release/archlab
fi
# redis-py and numpy: installed, or the copy .ci/run puts in .build/redisvl (pip install --target).
vl="${ARCHLAB_REDISVL:-$PWD/.build/redisvl}"
if [ -d "$vl/redis" ]; then export PYTHONPATH="$vl${PYTHONPATH:+:$PYTHONPATH}"; fi
port=$((20000 + RANDOM % 20000))
"$bin" redis-server --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

remote=$(python3 Benchmarks/ft_search_bench.py --port "$port" --entries "$entries" --queries "$queries")
echo "$remote" | grep -v '^RESULT'

# In process: Semantic's FlatIndex and HNSWIndex (RediSearch's HNSW defaults), random unit vectors too.
flat=$("$bin" semantic bench flat --entries "$entries" --iterations "$queries" | grep float32)
hnsw=$("$bin" semantic bench hnsw --entries "$entries" --iterations "$queries" --m 16 --ef-construction 200 --ef 10 \
    | grep random)
echo "in process: $flat"
echo "in process: $hnsw"
flat_ms=$(echo "$flat" | sed -E 's/.*: ([0-9.]+) ms\/query wall.*/\1/')
hnsw_ms=$(echo "$hnsw" | sed -E 's/.*, ([0-9.]+) ms cpu\/query;.*/\1/')
echo "$remote" | grep '^RESULT' | while read -r _ algorithm server_ms ping_ms; do
    local_ms=$([ "$algorithm" = FLAT ] && echo "$flat_ms" || echo "$hnsw_ms")
    awk -v a="$algorithm" -v s="$server_ms" -v l="$local_ms" -v p="$ping_ms" 'BEGIN {
        printf "%s: server %.3f ms/query, in process %.3f ms/query: overhead %.3f ms/query (PING round trip %.3f ms)\n",
            a, s, l, s - l, p }'
done
