#!/usr/bin/env python3
"""Reference for `archlab semantic bench hnsw`: hnswlib (the HNSW authors' C++ library) on the same
workload, one thread. The 100,000 x 384 random unit vectors and both query sets come from the same
SplitMix64 streams as the Swift benchmark (seeds 7, 9 and 10), so both indexes see the same data.
Prints recall@1 against numpy brute force and the speed-up over it (CPU time), per ef.
Usage: hnswlib_reference.py [--entries N] [--queries Q] [--m M] [--ef-construction E] [--ef 64,128]
Needs `pip install hnswlib`."""
import argparse
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def splitmix64(seed, count, start=0):
    """Draws start..start+count-1 of SplitMix64(seed) (ArchLab's SeededRandom), vectorised."""
    with np.errstate(over="ignore"):
        steps = np.arange(start + 1, start + count + 1, dtype=np.uint64)
        z = np.uint64(seed & MASK) + steps * np.uint64(GAMMA)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def random_unit_vectors(count, dimension, seed):
    """SemanticBenchCommand.randomUnitVectors: uniform in [-1, 1) per component, then L2-normalised."""
    unit = (splitmix64(seed, count * dimension) >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    v = unit.astype(np.float32) * np.float32(2) - np.float32(1)
    v = v.reshape(count, dimension)
    return v / np.linalg.norm(v, axis=1, keepdims=True).astype(np.float32)


def near_queries(data, count, seed):
    """SemanticBenchCommand.nearQueries: a stored entry plus 0.48 x a random unit vector, normalised."""
    picks = (splitmix64(seed, count) % np.uint64(len(data))).astype(np.int64)
    noise = random_unit_vectors(count, data.shape[1], seed ^ 0xABCDEF)
    q = data[picks] + np.float32(0.48) * noise
    return q / np.linalg.norm(q, axis=1, keepdims=True).astype(np.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dimension", type=int, default=384)
    parser.add_argument("--m", type=int, default=24)
    parser.add_argument("--ef-construction", type=int, default=128)
    parser.add_argument("--ef", default="64")
    args = parser.parse_args()
    try:
        import hnswlib
    except ImportError:
        print("hnswlib is not installed: pip install hnswlib", file=sys.stderr)
        return 2
    data = random_unit_vectors(args.entries, args.dimension, 7)
    index = hnswlib.Index(space="ip", dim=args.dimension)
    index.init_index(max_elements=args.entries, M=args.m, ef_construction=args.ef_construction, random_seed=42)
    index.set_num_threads(1)
    start = time.process_time()
    index.add_items(data, np.arange(args.entries))
    print(f"hnswlib build {args.entries} entries (M={args.m}, efConstruction={args.ef_construction}): "
          f"{time.process_time() - start:.1f} s cpu")
    sets = (("near-entry queries", near_queries(data, args.queries, 9)),
            ("random queries", random_unit_vectors(args.queries, args.dimension, 10)))
    for label, queries in sets:
        start = time.process_time()
        truth = np.array([int(np.argmax(data @ q)) for q in queries])
        flat_ms = (time.process_time() - start) * 1e3 / len(queries)
        for ef in (int(e) for e in args.ef.split(",")):
            index.set_ef(ef)
            start = time.process_time()
            found = np.array([int(index.knn_query(q, k=1)[0][0, 0]) for q in queries])
            hnsw_ms = (time.process_time() - start) * 1e3 / len(queries)
            recall = float(np.mean(found == truth))
            print(f"hnswlib {label} ef={ef}: recall@1 {recall:.3f}, {hnsw_ms:.4f} ms cpu/query; "
                  f"numpy flat {flat_ms:.3f} ms cpu/query; speed-up {flat_ms / hnsw_ms:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
