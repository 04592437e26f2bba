#!/usr/bin/env bash
# Grading benchmark (release): grade 10,000 answers files of the shipped course in one run, and
# lint the shipped course. Prints hyperfine's timings; files/s = 10000 / mean time of the grade run.
# usage: Benchmarks/grading/run.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product archlab >/dev/null
bin="$(swift build -c release --show-bin-path)/archlab"
python3 Benchmarks/grading/generate-answers.py . "$work/answers" "$count"

# Sanity: the generated files grade (exit 1 = some learners fall short, which is expected).
set +e
"$bin" grade --course . --format json "$work/answers" >"$work/report.json"
status=$?
set -e
if [ "$status" -gt 1 ]; then echo "grading failed with exit $status" >&2; exit 1; fi

# Reference in the same run: Python's tomllib only parsing the same files (no grading, no report).
hyperfine --warmup 1 --runs 3 -i \
  --export-json "$work/grade.json" \
  "$bin grade --course . --format json $work/answers --output $work/out.json" \
  "$bin grade --course . --format junit $work/answers --output $work/out.xml" \
  "python3 -c 'import sys, tomllib; [tomllib.load(open(f, \"rb\")) for f in sys.argv[1:]]' $work/answers/*.toml"
hyperfine --warmup 3 --runs 20 "$bin lint --course ."
python3 - "$work/grade.json" "$count" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
count = int(sys.argv[2])
for result in results:
    label = " ".join(result["command"].split()[:5])[-60:]
    cpu = result["user"] + result["system"]
    print(f"{label}: wall {result['mean']:.3f} s ({count / result['mean']:.0f} files/s), cpu {cpu:.3f} s ({count / cpu:.0f} files/cpu-s)")
PY
