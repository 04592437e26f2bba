"""FT.SEARCH KNN top-1 through redis-py against a running `archlab redis-server`.

Loads ENTRIES random unit FLOAT32 vectors (numpy, seeded) as hashes, then for FLAT and HNSW (RediSearch's
defaults: M=16, EF_CONSTRUCTION=200, EF_RUNTIME=10) creates an index over them, times QUERIES top-1
queries (`*=>[KNN 1 @v $q AS score]`, ft().search, one at a time) and, for HNSW, its recall@1 against
FLAT. A PING round trip is timed too, so the protocol and network share of each query can be seen.
"""
import argparse
import time

import numpy as np
import redis
from redis.commands.search.query import Query

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--entries", type=int, default=100_000)
parser.add_argument("--dim", type=int, default=384)
parser.add_argument("--queries", type=int, default=200)
parser.add_argument("--protocol", type=int, default=2)
parser.add_argument("--algorithms", nargs="+", default=["FLAT", "HNSW"])
args = parser.parse_args()

# No socket timeout: FT.CREATE indexes existing hashes before it answers (minutes for HNSW over 100,000).
r = redis.Redis(port=args.port, protocol=args.protocol, socket_timeout=None)
r.flushall()
rng = np.random.default_rng(7)
data = rng.standard_normal((args.entries, args.dim)).astype(np.float32)
data /= np.linalg.norm(data, axis=1, keepdims=True)
queries = rng.standard_normal((args.queries, args.dim)).astype(np.float32)
queries /= np.linalg.norm(queries, axis=1, keepdims=True)

start = time.perf_counter()
pipe = r.pipeline(transaction=False)
for i, v in enumerate(data):
    pipe.hset(f"vec:{i}", mapping={"v": v.tobytes()})
    if i % 1000 == 999:
        pipe.execute()
pipe.execute()
print(f"load {args.entries} x {args.dim} hashes: {time.perf_counter() - start:.1f} s")

start = time.perf_counter()
for _ in range(args.queries):
    r.ping()
ping_ms = (time.perf_counter() - start) * 1e3 / args.queries
print(f"PING round trip: {ping_ms:.3f} ms")

answers = {}
for algorithm in args.algorithms:
    name = f"idx_{algorithm.lower()}"
    start = time.perf_counter()
    r.execute_command(
        "FT.CREATE", name, "ON", "HASH", "PREFIX", 1, "vec:", "SCHEMA", "v", "VECTOR", algorithm, 6,
        "TYPE", "FLOAT32", "DIM", args.dim, "DISTANCE_METRIC", "COSINE")
    print(f"{algorithm} FT.CREATE over {args.entries} existing hashes: {time.perf_counter() - start:.1f} s")
    query = Query("*=>[KNN 1 @v $q AS score]").return_fields("score").dialect(2)
    ft = r.ft(name)
    ft.search(query, query_params={"q": queries[0].tobytes()})
    found = []
    start = time.perf_counter()
    for q in queries:
        result = ft.search(query, query_params={"q": q.tobytes()})
        found.append(result["results"][0]["id"] if args.protocol == 3 else result.docs[0].id)
    ms = (time.perf_counter() - start) * 1e3 / args.queries
    answers[algorithm] = found
    line = f"{algorithm} FT.SEARCH KNN top-1 over {args.entries} x {args.dim}: {ms:.3f} ms/query (redis-py, wall)"
    if algorithm == "HNSW" and "FLAT" in answers:
        recall = sum(a == b for a, b in zip(found, answers["FLAT"])) / len(found)
        line += f", recall@1 vs FLAT {recall:.3f}"
    print(line)
    print(f"RESULT {algorithm} {ms:.4f} {ping_ms:.4f}")
    r.execute_command("FT.DROPINDEX", name)
