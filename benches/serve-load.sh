#!/usr/bin/env bash
# Load on `undoc serve` (issue 6), loopback only, bounded in time: the letters
# corpus in a fresh store, then `undoc-bench load` with 32 keep-alive
# connections for 10 s against a static file (the HTTP baseline, same run) and
# 10 s against varied searches; then the same searches again while an
# `undoc ingest` of other documents writes to the store and its index. Prints
# requests/s, p50/p99 and every error. Both processes share this machine's
# two cores, so the figures are a floor.
#
# usage: benches/serve-load.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
corpus=../shared/corpus
cargo build --release -q -p undoc-cli -p undoc-bench
U=target/release/undoc
B=target/release/undoc-bench
work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

$U --store "$work/store" ingest $corpus/letters examples > /dev/null 2>&1
$U --store "$work/store" serve --addr 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 100); do grep -q 'http://' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/serve.out" | head -1)
echo "== serving the letters corpus at $url"

echo "== load: $connections connections, ${seconds}s per phase"
$B load "$url" "$seconds" "$connections"

echo "== searches while an ingest of other/, meetings/ and sc-resolutions/ writes to the store and index"
( $U --store "$work/store" ingest $corpus/other $corpus/meetings $corpus/sc-resolutions > "$work/ingest.out" 2>&1 || true ) &
ingest=$!
$B load "$url" "$seconds" "$connections" search-only
echo "ingest still running when the phase ended: $(kill -0 $ingest 2>/dev/null && echo yes || echo no)"
wait $ingest
echo "ingest: $(grep '^added' "$work/ingest.out") (the 3 failures are the corpus's 'document does not exist' placeholders)"
echo "server errors logged: $(grep -c . "$work/serve.err" || true)"

# Issue 13: the hostile phase. A few clients send the worst queries the server
# accepts (a sloppy phrase of common words at the slop limit, 32 common words,
# field syntax) while the load generator searches normally; normal p99 is
# compared with the quiet run just before it, and the server's peak memory is read.
echo "== hostile phase: quiet searches first, then the same with 4 hostile clients"
$B load "$url" "$seconds" "$connections" search-only | tee "$work/quiet.out"
common='the%20of%20and%20to%20in%20a%20that%20is%20for%20on%20with%20by%20as%20be%20this%20it%20are%20at%20from%20which%20has%20have%20was%20were%20its%20their%20not%20or%20an%20also%20all%20would'
worst=("/api/search?q=%22the%20of%20and%20to%20in%22~16" "/api/search?q=$common" "/search?q=id:*%20date:*" "/api/search?q=%22security%20council%20the%20of%22~16&limit=1000")
hostile_pids=()
for i in 0 1 2 3; do
  ( end=$((SECONDS + seconds)); n=0; bad=0
    while [ $SECONDS -lt $end ]; do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "$url${worst[$i]#/}") || code=000
      n=$((n + 1)); case $code in 2*|4*) ;; *) bad=$((bad + 1));; esac
    done
    echo "hostile client $i: $n requests, $bad not 2xx/4xx" ) &
  hostile_pids+=($!)
done
$B load "$url" "$seconds" "$connections" search-only | tee "$work/hostile.out"
wait "${hostile_pids[@]}"
echo "server peak memory (VmHWM): $(grep VmHWM /proc/$server/status | awk '{print $2, $3}')"
