#!/usr/bin/env bash
# Time from start to the first prompt of the learner's REPL (release build, a script that only says `quit`),
# as a ratio to a bare Swift binary that prints one line. Target: at most 10x.
# Usage: Benchmarks/repl-startup/run.sh [runs]   (needs hyperfine and jq)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-40}"

swift build -c release --product archlab >&2
archlab="$(swift build -c release --show-bin-path)/archlab"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'print("ArchLab")\n' > "$work/hello.swift"
swiftc -O "$work/hello.swift" -o "$work/hello"
printf 'quit\n' > "$work/quit.txt"

# The first run creates and migrates the progress database; every timed run opens an existing one, as a learner's does.
repl="$archlab --course . --db $work/progress.sqlite --learner bench --no-color < $work/quit.txt"
sh -c "$repl" > /dev/null

hyperfine --warmup 5 --runs "$runs" --export-json "$work/result.json" \
    --command-name "archlab (REPL start, quit)" "$repl" \
    --command-name "bare Swift binary (print one line)" "$work/hello" >&2

jq -r '
  .results as $r
  | ($r[0].median * 1000) as $repl
  | ($r[1].median * 1000) as $bare
  | "repl median \($repl * 100 | round / 100) ms, bare median \($bare * 100 | round / 100) ms, ratio \(($repl / $bare) * 100 | round / 100)x (target <= 10x)"
' "$work/result.json"
