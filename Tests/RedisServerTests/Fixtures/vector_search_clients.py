"""redis-py's ft() API and RedisVL (SearchIndex, SemanticCache) against archlab redis-server.

Usage: vector_search_clients.py PORT PROTOCOL EMBEDDINGS.json
EMBEDDINGS.json maps prompts to ArchLab's embeddings (computed by the Swift test).
Prints one line per check and exits non-zero on the first failure.
"""
import json
import sys
import time

import numpy as np
import redis
from redis.commands.search.field import NumericField, TagField, TextField, VectorField
try:
    from redis.commands.search.index_definition import IndexDefinition, IndexType
except ImportError:  # redis-py 5
    from redis.commands.search.indexDefinition import IndexDefinition, IndexType
from redis.commands.search.query import Query

port, protocol, embeddings_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
embeddings = json.load(open(embeddings_path))
url = f"redis://127.0.0.1:{port}"
client = redis.Redis(port=port, protocol=protocol)
client.flushall()


def check(name, condition, detail=""):
    if not condition:
        print(f"FAIL {name}: {detail}")
        sys.exit(1)
    print(f"ok {name}")


def fmt(distance):
    """RediSearch's RSValue_NumToString of a float distance widened to double."""
    d = float(np.float32(distance))
    return str(int(d)) if d == int(d) else "%.12g" % d


def text(value):
    return value.decode() if isinstance(value, bytes) else value


# --- redis-py ft() -------------------------------------------------------------------------------
dim = 8
rng = np.random.default_rng(7)
vectors = rng.standard_normal((200, dim)).astype(np.float32)
for algorithm in ["FLAT", "HNSW"]:
    client.flushall()
    ft = client.ft("docs")
    ft.create_index(
        [
            TagField("genre"),
            NumericField("year"),
            TextField("title"),
            VectorField("v", algorithm, {"TYPE": "FLOAT32", "DIM": dim, "DISTANCE_METRIC": "COSINE"}),
        ],
        definition=IndexDefinition(prefix=["doc:"], index_type=IndexType.HASH),
    )
    for i, v in enumerate(vectors):
        client.hset(f"doc:{i}", mapping={
            "genre": "scifi" if i % 2 else "drama", "year": 1990 + i % 30, "title": f"film {i}", "v": v.tobytes()})
    q = vectors[0] * 0.9 + vectors[1] * 0.1
    qn = q / np.float32(np.sqrt(np.sum(q.astype(np.float64) ** 2)))
    norms = vectors / np.sqrt(np.sum(vectors.astype(np.float64) ** 2, axis=1, keepdims=True)).astype(np.float32)
    dist = 1 - np.float32(norms.astype(np.float64) @ qn.astype(np.float64))
    order = sorted(range(len(vectors)), key=lambda i: (dist[i], i))[:5]
    ef = " EF_RUNTIME 500" if algorithm == "HNSW" else ""
    query = (Query(f"*=>[KNN 5 @v $vec{ef} AS score]").sort_by("score").return_fields("score", "genre")
             .paging(0, 5).dialect(2))
    result = ft.search(query, query_params={"vec": q.tobytes()})
    if protocol == 3:
        rows = [(text(r["id"]), text(r["extra_attributes"]["score"])) for r in result["results"]]
        total = result["total_results"]
    else:
        rows = [(d.id, d.score) for d in result.docs]
        total = result.total
    expected = [(f"doc:{i}", fmt(dist[i])) for i in order]
    check(f"{algorithm} KNN through ft().search equals brute force", rows == expected and total == 5,
          f"{rows} != {expected}")
    hybrid = (Query(f"(@genre:{{scifi}} @year:[2000 +inf])=>[KNN 3 @v $vec{ef} AS score]").sort_by("score")
              .return_fields("score", "year").dialect(2))
    result = ft.search(hybrid, query_params={"vec": q.tobytes()})
    keep = [i for i in range(len(vectors)) if i % 2 == 1 and 1990 + i % 30 >= 2000]
    expected = [f"doc:{i}" for i in sorted(keep, key=lambda i: (dist[i], i))[:3]]
    ids = [text(r["id"]) for r in result["results"]] if protocol == 3 else [d.id for d in result.docs]
    check(f"{algorithm} KNN with tag and numeric filters", ids == expected, f"{ids} != {expected}")
    radius = float(sorted(dist)[10])
    ranged = (Query("@v:[VECTOR_RANGE $r $vec]=>{$YIELD_DISTANCE_AS: d}").sort_by("d").return_fields("d")
              .paging(0, 100).dialect(2))
    result = ft.search(ranged, query_params={"vec": q.tobytes(), "r": radius})
    within = sorted([i for i in range(len(vectors)) if dist[i] <= np.float32(radius)], key=lambda i: (dist[i], i))
    ids = [text(r["id"]) for r in result["results"]] if protocol == 3 else [d.id for d in result.docs]
    check(f"{algorithm} VECTOR_RANGE with a $param radius", ids == [f"doc:{i}" for i in within],
          f"{len(ids)} vs {len(within)}")
    info = ft.info()
    num_docs = info.get("num_docs", info.get(b"num_docs"))
    check(f"{algorithm} FT.INFO num_docs", float(text(num_docs)) == 200, str(num_docs))
    client.delete("doc:0")
    result = ft.search(query, query_params={"vec": q.tobytes()})
    ids = [text(r["id"]) for r in result["results"]] if protocol == 3 else [d.id for d in result.docs]
    check(f"{algorithm} deleted hash disappears", "doc:0" not in ids, str(ids))
    client.pexpire("doc:1", 1)
    time.sleep(0.05)
    result = ft.search(query, query_params={"vec": q.tobytes()})
    ids = [text(r["id"]) for r in result["results"]] if protocol == 3 else [d.id for d in result.docs]
    check(f"{algorithm} expired hash disappears", "doc:1" not in ids and len(ids) == 5, str(ids))
    listed = {text(x) for x in client.execute_command("FT._LIST")}
    check(f"{algorithm} FT._LIST", listed == {"docs"}, str(listed))
    ft.dropindex(delete_documents=True)
    check(f"{algorithm} FT.DROPINDEX DD deletes the hashes", client.dbsize() == 0, str(client.dbsize()))

modules = client.module_list()
names = [text(m.get("name", m.get(b"name"))) for m in modules]
check("MODULE LIST names search", "search" in names, str(modules))

# --- RedisVL ----------------------------------------------------------------------------------
if int(redis.__version__.split(".")[0]) < 6:
    print(f"all checks passed (redis-py {redis.__version__}: ft() only, RedisVL 0.28 needs redis-py 6 or later)")
    sys.exit(0)
from redisvl.extensions.cache.llm import SemanticCache
from redisvl.index import SearchIndex
from redisvl.query import CountQuery, FilterQuery, VectorQuery, VectorRangeQuery
from redisvl.query.filter import Num, Tag
from redisvl.utils.vectorize import CustomVectorizer

client.flushall()
# RedisVL reads redis-py's Result objects: over RESP3 that is redis-py 8's default client (HELLO 3 on the
# wire, RESP2-shaped results); an explicit protocol=3 client returns raw maps, which RedisVL 0.28 does not read.
vl_client = redis.Redis(port=port, protocol=2) if protocol == 2 else redis.Redis(port=port)
wire = text(vl_client.execute_command("CLIENT", "INFO"))
check(f"RedisVL's client speaks RESP{protocol}", f"resp={protocol}" in wire, wire)
# "dimension test" is the text CustomVectorizer embeds once to learn the dimension.
prompts = [p for p in embeddings if p != "dimension test"]
edim = len(embeddings[prompts[0]])
schema = {
    "index": {"name": "faq", "prefix": "faq", "storage_type": "hash"},
    "fields": [
        {"name": "topic", "type": "tag"},
        {"name": "rank", "type": "numeric"},
        {"name": "prompt", "type": "text"},
        {"name": "embedding", "type": "vector",
         "attrs": {"dims": edim, "distance_metric": "cosine", "algorithm": "hnsw", "datatype": "float32"}},
    ],
}
index = SearchIndex.from_dict(schema, redis_client=vl_client)
index.create(overwrite=True)
check("RedisVL SearchIndex.create and exists", index.exists())
data = [{"topic": "billing" if i % 2 else "shipping", "rank": i, "prompt": p,
         "embedding": np.array(embeddings[p], dtype=np.float32).tobytes()} for i, p in enumerate(prompts)]
keys = index.load(data)
check("RedisVL load", len(keys) == len(prompts))
probe = prompts[0]
results = index.query(VectorQuery(embeddings[probe], "embedding", return_fields=["prompt", "topic"], num_results=3))
check("RedisVL VectorQuery finds the prompt itself first", results[0]["prompt"] == probe
      and abs(float(results[0]["vector_distance"])) < 1e-5, str(results[:1]))
filtered = index.query(VectorQuery(embeddings[probe], "embedding", return_fields=["prompt", "topic"],
                                   num_results=3, filter_expression=Tag("topic") == "billing"))
check("RedisVL VectorQuery with a tag filter", all(r["topic"] == "billing" for r in filtered) and filtered,
      str(filtered))
ranged = index.query(VectorRangeQuery(embeddings[probe], "embedding", return_fields=["prompt"],
                                      distance_threshold=0.3, num_results=10))
check("RedisVL VectorRangeQuery", ranged and all(float(r["vector_distance"]) <= 0.3 for r in ranged), str(ranged))
count = index.query(CountQuery(Num("rank") >= 2))
check("RedisVL CountQuery", count == len(prompts) - 2, str(count))
rows = index.query(FilterQuery(Tag("topic") == "shipping", return_fields=["prompt"]))
check("RedisVL FilterQuery", len(rows) == (len(prompts) + 1) // 2, str(rows))
existing = SearchIndex.from_existing("faq", redis_client=vl_client)
check("RedisVL SearchIndex.from_existing reads FT.INFO", existing.schema.fields["embedding"].attrs.dims == edim,
      str(existing.schema))
index.delete(drop=True)
check("RedisVL delete(drop=True)", not index.exists() and vl_client.dbsize() == 0)

vectorizer = CustomVectorizer(embed=lambda text: [float(x) for x in embeddings[text]])
cache = SemanticCache(name="llmcache", distance_threshold=0.2, vectorizer=vectorizer, redis_client=vl_client)
key = cache.store(prompt=prompts[0], response="Paris.")
hits = cache.check(prompt=prompts[0])
check("SemanticCache store then check hits", hits and hits[0]["response"] == "Paris.", str(hits))
check("SemanticCache misses an unrelated prompt", cache.check(prompt=prompts[-1]) == [])
second = SemanticCache(name="llmcache", distance_threshold=0.2, vectorizer=vectorizer, redis_client=vl_client)
check("A second SemanticCache on the same index shares entries", second.check(prompt=prompts[0]) != [])
ttl_key = cache.store(prompt=prompts[1], response="soon gone", ttl=60)
check("SemanticCache ttl sets an expiry", 0 < vl_client.ttl(ttl_key) <= 60, str(vl_client.ttl(ttl_key)))
vl_client.pexpire(ttl_key, 1)
time.sleep(0.05)
check("SemanticCache entry gone after its TTL", cache.check(prompt=prompts[1], distance_threshold=0.0001) == [])
cache.delete()
print("all checks passed")
