#!/usr/bin/env bash
# Time of `archlab check` (release build of archlab) on the token-bucket exercise with its solution:
# the cold first check (a new workspace: swift build from nothing, then every test), and the check
# after a one-line change to the learner's file (incremental build + every test; target ≤ 3 s).
#
#   Benchmarks/exercise-check.sh            # RUNS=5 one-line changes
#   ARCHLAB_BIN=.build/release/archlab Benchmarks/exercise-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COURSE="$PWD"
RUNS=${RUNS:-5}

ARCHLAB=${ARCHLAB_BIN:-}
if [ -z "$ARCHLAB" ]; then
    echo "building archlab (release)…" >&2
    swift build -c release --product archlab >&2
    ARCHLAB="$(swift build -c release --show-bin-path)/archlab"
fi
ARCHLAB="$(cd "$(dirname "$ARCHLAB")" && pwd)/$(basename "$ARCHLAB")"

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH"
ARGS=(--course "$COURSE" --db "$SCRATCH/progress.sqlite" --learner bench)
"$ARCHLAB" exercise start token-bucket "${ARGS[@]}" --workspace "$SCRATCH/server-swift" >/dev/null
FILE="$SCRATCH/server-swift/Sources/ServerSwift/TokenBucket.swift"
cp "$COURSE/Exercises/06-token-bucket/solution/TokenBucket.swift" "$FILE"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }

echo "cold first check: $(seconds "$ARCHLAB" check "${ARGS[@]}") s"
for run in $(seq 1 "$RUNS"); do
    sed -i "s|        let reset = refilledAt + intervalMs.*|        let reset = refilledAt + intervalMs // edit $run|" "$FILE"
    echo "check after a one-line change ($run/$RUNS): $(seconds "$ARCHLAB" check "${ARGS[@]}") s"
done
