#!/usr/bin/env bash
# End-to-end check of `archlab serve` with curl, as a learner follows lesson 8.
# Usage: Tests/Scripts/serve-curl.sh [path/to/archlab]
set -euo pipefail
archlab=${1:-.build/debug/archlab}
log=$(mktemp)
# Port 0: the server picks a free port and logs it, so a busy port can never fail the check.
"$archlab" serve --port 0 --model lexical --latency-scale 0.05 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
fail() { echo "serve-curl: FAIL: $*"; cat "$log"; exit 1; }
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*serving .* on http://127\.0\.0\.1:\([0-9]*\) .*|\1|p' "$log")
  [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || fail "serve exited before it was ready"
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || fail "serve was not ready within 60 s"

# The sliding window is aligned to multiples of 10 s of Unix time, and requests that straddle a
# boundary rightly get more through (the previous window's count is weighted down), so the counted
# requests start with at least 5 s left in the current window.
ms=$(( $(date +%s%3N) % 10000 ))
if [ "$ms" -gt 5000 ]; then sleep "$(awk -v ms="$ms" 'BEGIN { print (10000 - ms) / 1000 + 0.05 }')"; fi

url="http://127.0.0.1:$port/v1/chat/completions"
body='{"model":"gpt-4o","messages":[{"role":"user","content":"How do I reset my password?"}]}'
header() { grep -i "^$1:" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

first=$(curl -s -i "$url" -H 'Authorization: Bearer learner' -d "$body") || fail "curl could not reach serve"
[ "$(echo "$first" | header X-Cache)" = MISS ] || fail "first request should miss"
second=$(curl -s -i "$url" -H 'Authorization: Bearer learner' -d "$body")
[ "$(echo "$second" | header X-Cache)" = HIT-EXACT ] || fail "second request should be an exact hit"
[ "$(echo "$second" | header RateLimit-Remaining)" = 3 ] || fail "RateLimit-Remaining should be 3 after two requests"

stream=$(curl -s -N "$url" -H 'Authorization: Bearer streamer' \
  -d '{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Explain my invoice"}]}')
[ "$(echo "$stream" | grep '^data:' | tail -1)" = "data: [DONE]" ] || fail "a stream ends with data: [DONE]"

codes=""
for i in 1 2 3 4 5 6; do
  codes+="$(curl -s -o /dev/null -w '%{http_code}' "$url" -H 'Authorization: Bearer bot' \
    -d "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"bot $i\"}]}") "
done
[ "$codes" = "200 200 200 200 200 429 " ] || fail "expected five 200s then 429, got $codes"
retry=$(curl -s -i "$url" -H 'Authorization: Bearer bot' -d "$body" | header Retry-After)
[ -n "$retry" ] && [ "$retry" -ge 1 ] && [ "$retry" -le 10 ] || fail "Retry-After should be 1..10, got '$retry'"

[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" -d '{oops')" = 400 ] || fail "malformed JSON should get 400"
curl -s "http://127.0.0.1:$port/metrics" | grep -q '^archlab_rate_limited_total' || fail "metrics should count 429s"

kill -TERM "$pid"
wait "$pid" || fail "serve should exit 0 on SIGTERM"
grep -q "stopped" "$log" || fail "serve should log its stop"
echo "serve-curl: 8 passed, 0 failed"
