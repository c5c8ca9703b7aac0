#!/usr/bin/env bash
# Document pages and threads on the whole corpus (issue 14: "the document page
# and thread stay under today's p50"), for this build and, when given, an
# earlier `undoc` binary, one after the other in the same run, each on its own
# fresh store of the same files: 2 connections for SECONDS against the static
# file (the HTTP baseline of that server), then the same against
# /documents/X and /threads/X for every letter of the corpus. Loopback only.
#
# usage: benches/links-pages.sh [SECONDS] [EARLIER_UNDOC_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
earlier=${2:-}
corpus=../shared/corpus
cargo build --release -q -p undoc-cli -p undoc-bench
B=target/release/undoc-bench
work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

measure() {
  local name=$1 undoc=$2 store="$work/store-$1"
  "$undoc" --store "$store" ingest $corpus ../shared/seed > /dev/null 2>&1 || true
  # Every stored letter by its first symbol, as the store holds it (one file name is wrong).
  "$undoc" --store "$store" search --type letter --limit 1000 --json \
    | python3 -c '
import json, sys
for hit in json.load(sys.stdin)["hits"]:
    if hit["symbols"]:
        print("/documents/" + hit["symbols"][0])
        print("/threads/" + hit["symbols"][0])
' \
    > "$work/paths-$name"
  "$undoc" --store "$store" serve --addr 127.0.0.1:0 > "$work/serve-$name.out" 2>/dev/null &
  server=$!
  for _ in $(seq 100); do grep -q 'http://' "$work/serve-$name.out" 2>/dev/null && break; sleep 0.1; done
  url=$(grep -o 'http://[^ ]*' "$work/serve-$name.out" | head -1)
  # The first request of each page builds nothing cached, but warm the OS caches alike.
  $B load-paths "$url" 2 2 "$work/paths-$name" > /dev/null 2>&1 || true
  grep '^/documents/' "$work/paths-$name" > "$work/documents-$name"
  grep '^/threads/' "$work/paths-$name" > "$work/threads-$name"
  echo "== $name ($undoc): document pages of $(wc -l < "$work/documents-$name") letters"
  $B load-paths "$url" "$seconds" 2 "$work/documents-$name"
  echo "== $name ($undoc): their threads"
  $B load-paths "$url" "$seconds" 2 "$work/threads-$name"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

[ -n "$earlier" ] && measure earlier "$earlier"
measure this target/release/undoc
