#!/usr/bin/env bash
# Semantic benchmarks, Swift (release) and numpy back to back on this machine, one thread each.
# Usage: Benchmarks/semantic.sh [minilm|flat|hnsw|sparse|all]   (needs numpy, `archlab model fetch` for minilm, hnswlib for hnsw's reference)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
# ARCHLAB_BIN: an already built release binary (skips the build).
bin=${ARCHLAB_BIN:-}
if [ -z "$bin" ]; then
    swift build -c release --product archlab >/dev/null
    bin=.build/release/archlab
fi
# One BLAS thread; OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset so OpenBLAS picks its own kernels.
numpy() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 Benchmarks/numpy_semantic_bench.py "$@"; }
if [[ $what == minilm || $what == all ]]; then
    "$bin" semantic bench minilm
    numpy minilm
fi
if [[ $what == flat || $what == all ]]; then
    "$bin" semantic bench flat
    numpy flat
fi
if [[ $what == hnsw || $what == all ]]; then
    "$bin" semantic bench hnsw --iterations 200
    # The same workload through hnswlib, the HNSW authors' library: is a shortfall ours or the data's?
    if python3 -c 'import hnswlib' 2>/dev/null; then
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 Benchmarks/hnswlib_reference.py --queries 200
    else
        echo "hnswlib reference skipped: pip install hnswlib"
    fi
fi
if [[ $what == sparse || $what == all ]]; then
    "$bin" semantic bench sparse --entries 20000 --iterations 200
fi
