#!/usr/bin/env bash
# A million documents on one machine (issue 19), against 100,000 in the same
# run: the ingest rate and peak RSS, store size per document, the cold start
# of `undoc serve` (launch to its first answered search), and search p50/p99
# with facets and snippets by query class and by filter (`undoc-bench
# search`, the engine's own work: repeated queries are not answered from the
# cache).
#
# Synthetic documents (real ones re-issued under new symbols by `undoc-bench
# synth`) are written and ingested a slice at a time and each slice deleted
# once stored, so the disk holds the store and one slice: the 1M-document
# store is ~24 GB. Each ingest is a process of its own into the growing
# store; its peak RSS is the largest of its slices' (the last slice merges
# into an index of 900,000 documents). The 100,000-document store is measured
# and removed before the million is built.
#
# usage: benches/million.sh [BASELINE_SIZE] [SIZE] [SLICE]   (default: 100000 1000000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:-100000}
size=${2:-1000000}
slice=${3:-100000}
corpus=../shared/corpus
cargo build --release -q -p undoc-cli -p undoc-bench
U=$PWD/target/release/undoc
B=$PWD/target/release/undoc-bench
work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

$U --store "$work/real" ingest --ocr never $corpus/letters $corpus/other $corpus/meetings $corpus/sc-resolutions > /dev/null 2>&1 || true

# Runs an ingest, sampling its memory every 0.1 s: seconds, peak RSS
# (VmHWM), and the peaks of its anonymous memory and of the file pages it
# maps (the index's segments, read by merges), all KB.
ingest_measured() {
  local start pid hwm=0 anon=0 file=0 h a f
  start=$(date +%s.%N)
  $U --store "$1" ingest "$2" > "$work/ingest.out" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    read -r h a f < <(awk '/^VmHWM/{h=$2} /^RssAnon/{a=$2} /^RssFile/{f=$2} END{print h+0, a+0, f+0}' "/proc/$pid/status" 2>/dev/null || echo "0 0 0")
    [ "$h" -gt "$hwm" ] && hwm=$h; [ "$a" -gt "$anon" ] && anon=$a; [ "$f" -gt "$file" ] && file=$f
    sleep 0.1
  done
  wait "$pid" || { tail -5 "$work/ingest.out"; exit 1; }
  echo "$(echo "$(date +%s.%N) - $start" | bc) $hwm $anon $file"
}

run() {
  local n=$1 store="$work/s$1" seconds=0 peak=0
  echo "== $n synthetic documents, ingested $slice at a time"
  for ((first = 0; first < n; first += slice)); do
    local count=$((n - first < slice ? n - first : slice))
    $B synth "$work/real" "$work/slice" "$count" "$first" > /dev/null
    read -r t m a f < <(ingest_measured "$store" "$work/slice")
    seconds=$(echo "$seconds + $t" | bc); [ "$m" -gt "$peak" ] && peak=$m
    echo "  slice from $first: ${t}s, peak RSS ${m} KB (anonymous ${a} KB, mapped files ${f} KB), $(grep -o 'added [0-9]*' "$work/ingest.out")"
    rm -rf "$work/slice"
  done
  local docs bytes
  docs=$($U --store "$store" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
  bytes=$(du -sb "$store" | cut -f1)
  echo "ingest $n: ${seconds}s = $(echo "$n / $seconds" | bc) docs/s; peak RSS ${peak} KB; store $((bytes / docs)) bytes/document ($docs documents, $(du -sh "$store" | cut -f1): $(du -sh "$store"/* | tr '\t' ' ' | sed "s|$store/||" | tr '\n' ' '))"
  eval "peak_$n=$peak; rate_$n=$(echo "$n / $seconds" | bc)"

  # Cold start: the page cache dropped where allowed, else as the machine has it.
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  local start; start=$(date +%s.%N)
  $U --store "$store" serve --addr 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
  server=$!
  local url=
  for _ in $(seq 6000); do
    url=$(grep -o 'http://[^ ]*' "$work/serve.out" 2>/dev/null | head -1) && [ -n "$url" ] \
      && curl -sf -o /dev/null "${url%/}/api/search?q=ceasefire" && break
    sleep 0.01
  done
  echo "cold start of undoc serve at $n: $(echo "($(date +%s.%N) - $start) * 1000 / 1" | bc) ms to the first answered search; RSS then $(grep VmRSS /proc/$server/status | awk '{print $2}') KB"
  kill "$server"; wait "$server" 2>/dev/null || true; server=

  # The first pass after the cold start reads the index from disk; the
  # second is a running server's steady state.
  for pass in "first, from disk" "second, warm"; do
    echo "search at $n ($pass):"
    UNDOC_BENCH_SLOWEST=8 /usr/bin/time -f "%e %M" $B search "$store" 1000 > "$work/search.out" 2> "$work/time" || { tail -5 "$work/time"; exit 1; }
    grep "slow:" "$work/time" | sed "s/^/  /"
    sed 's/^/  /' "$work/search.out"
    echo "  search process peak RSS $(tail -1 "$work/time" | cut -d' ' -f2) KB"
  done
}

run "$baseline"
rm -rf "$work/s$baseline"
run "$size"
eval "echo \"== ratios, $size to $baseline: ingest peak RSS \$(echo \"scale=2; \$peak_$size / \$peak_$baseline\" | bc)x, ingest rate \$(echo \"scale=2; \$rate_$size / \$rate_$baseline\" | bc)x\""
