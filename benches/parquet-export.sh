#!/usr/bin/env bash
# The researcher's exports at scale (issue 20): Parquet (the four tables)
# against JSON Lines of the same documents in the same run, with the CSV
# tables and the citation network beside them: time, size and peak RSS,
# each as a ratio to JSON Lines.
#
# usage: benches/parquet-export.sh [SIZE | STORE]
#   SIZE  synthetic documents to make (real ones re-issued under new symbols
#         by `undoc-bench synth`) and ingest first (default 100000);
#   STORE an existing store to export from instead.
set -euo pipefail
cd "$(dirname "$0")/.."
arg=${1:-100000}
corpus=../shared/corpus
cargo build --release -q -p undoc-cli -p undoc-bench
U=$PWD/target/release/undoc
B=$PWD/target/release/undoc-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() { /usr/bin/time -f "%e %M" "$@" 2> "$work/time" > /dev/null || { cat "$work/time"; exit 1; }; tail -1 "$work/time"; }

if [ -d "$arg" ]; then
  store=$arg
else
  $U --store "$work/real" ingest --ocr never $corpus/letters $corpus/other $corpus/meetings $corpus/sc-resolutions > /dev/null 2>&1 || true
  $B synth "$work/real" "$work/syn" "$arg" > /dev/null
  store=$work/store
  $U --store "$store" ingest "$work/syn" > /dev/null
fi
texts=$($U --store "$store" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["texts"])')
echo "== exports of $texts stored texts from $store"

read -r t0 m0 < <(measure $U --store "$store" export --format jsonl --out "$work/all.jsonl")
s0=$(du -sb "$work/all.jsonl" | cut -f1)
echo "jsonl (baseline): ${t0}s, $s0 bytes, peak RSS ${m0} KB"
rm -f "$work/all.jsonl"
report() {
  local name=$1 t=$2 m=$3 s=$4
  echo "$name: ${t}s ($(echo "scale=2; $t / $t0" | bc) x jsonl), $s bytes ($(echo "scale=3; $s / $s0" | bc) x), peak RSS ${m} KB ($(echo "scale=2; $m / $m0" | bc) x)"
}
read -r t m < <(measure $U --store "$store" export --format parquet --out "$work/parquet")
report "parquet (4 tables)" "$t" "$m" "$(du -sb "$work/parquet" | cut -f1)"
ls -l "$work/parquet" | awk 'NR > 1 {print "  " $9 ": " $5 " bytes"}'
rm -rf "$work/parquet"
for format in csv graphml; do
  read -r t m < <(measure $U --store "$store" export --format "$format" --out "$work/out.$format")
  report "$format" "$t" "$m" "$(du -sb "$work/out.$format" | cut -f1)"
  rm -f "$work/out.$format"
done
read -r t m < <(measure $U --store "$store" export --format jsonl --references --out "$work/refs.jsonl")
report "references jsonl" "$t" "$m" "$(du -sb "$work/refs.jsonl" | cut -f1)"
