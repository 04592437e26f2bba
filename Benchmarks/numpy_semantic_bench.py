#!/usr/bin/env python3
"""numpy side of Benchmarks/semantic.sh: MiniLM embedding latency (12 and 128 tokens) with the
reference implementation, and brute-force top-1 over 100,000 x 384 float32, one BLAS thread.
Usage: numpy_semantic_bench.py minilm|flat [MODEL_DIR]"""
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

SHORT = "Explain how the token bucket rate limiting algorithm works?"
LONG = " ".join(["The quick brown fox jumps over the lazy dog."] * 30)


def fast_gelu(x):
    # The reference script's vectorised erf (A&S 7.1.26): the timing the issue compares against.
    z = np.abs(x) / np.float32(math.sqrt(2.0))
    t = 1.0 / (1.0 + 0.3275911 * z)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-z * z)
    return (0.5 * x * (1.0 + np.sign(x) * y)).astype(np.float32)


def bench_minilm(model_dir, iterations):
    import minilm_reference as ref
    m = ref.MiniLM(model_dir, gelu=fast_gelu)
    for label, text, max_len in (("12-token", SHORT, 256), ("128-token", LONG, 128)):
        ids, _ = ref.tokenize(text, m.vocab, max_len=max_len)
        for _ in range(3):
            m.forward(ids)
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(iterations):
            tok = m.forward(ids)
            pooled = tok.mean(0)
            pooled / max(np.linalg.norm(pooled), 1e-12)
        dt = (time.perf_counter() - t0) / iterations
        cpu = (time.process_time() - c0) / iterations
        print(f"numpy minilm {label} ({len(ids)} tokens): {dt * 1000:.3f} ms/embedding wall, {cpu * 1000:.3f} ms cpu")


def bench_flat(iterations, entries=100_000, dim=384):
    rng = np.random.default_rng(7)
    data = rng.uniform(-1, 1, size=(entries, dim)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    queries = rng.uniform(-1, 1, size=(iterations, dim)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    int(np.argmax(data @ queries[0]))
    t0, c0 = time.perf_counter(), time.process_time()
    for q in queries:
        int(np.argmax(data @ q))
    dt = (time.perf_counter() - t0) / iterations
    cpu = (time.process_time() - c0) / iterations
    print(f"numpy flat top-1 over {entries} x {dim}: {dt * 1000:.3f} ms/query wall, {cpu * 1000:.3f} ms cpu")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "minilm"
    model_dir = sys.argv[2] if len(sys.argv) > 2 else os.environ.get(
        "ARCHLAB_MODEL_DIR", os.path.expanduser("~/.cache/archlab/models/all-MiniLM-L6-v2"))
    if what == "minilm":
        bench_minilm(model_dir, int(os.environ.get("BENCH_ITERATIONS", "50")))
    else:
        bench_flat(int(os.environ.get("BENCH_ITERATIONS", "50")))
