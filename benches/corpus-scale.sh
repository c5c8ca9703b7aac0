#!/usr/bin/env bash
# Scale figures for the corpus commands (issue 4), all measured in one run on
# this machine: ingest rates with parse-only baselines, peak memory of ingest
# at 1k, 10k and 100k documents, store size, search latency p50/p99 over 1,000
# queries at the largest size against ripgrep over the same texts, a search
# process's memory, and the time and memory of each export format at each
# size. Synthetic documents are real ones re-issued under new symbols and
# dates by `undoc-bench synth`; they stay in a temporary folder.
#
# usage: benches/corpus-scale.sh [SIZES...]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<< "${sizes[*]}"
corpus=../shared/corpus
cargo build --release -q -p undoc-cli -p undoc-bench
U=target/release/undoc
B=target/release/undoc-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() { /usr/bin/time -f "%e %M" "$@" 2> "$work/time" > "$work/out" || true; tail -1 "$work/time"; }

echo "== ingest rates (documents/s), each against parsing the same files without storing"
n=$(ls $corpus/letters/*.pdf | wc -l)
read -r t_parse _ < <(measure $U parse --json $corpus/letters/*.pdf)
read -r t_ingest m_ingest < <(measure $U --store "$work/letters" ingest $corpus/letters)
echo "letters (PDF): $n docs; parse only ${t_parse}s; ingest ${t_ingest}s = $(echo "$n / $t_ingest" | bc) docs/s, ratio $(echo "scale=2; $t_ingest / $t_parse" | bc) x parse; peak RSS ${m_ingest} KB"
n=$(ls $corpus/sc-resolutions/*.txt | wc -l)
read -r t_parse _ < <(measure $U parse --json $corpus/sc-resolutions/*.txt)
read -r t_ingest m_ingest < <(measure $U --store "$work/text" ingest $corpus/sc-resolutions)
echo "sc-resolutions (text): $n docs; parse only ${t_parse}s; ingest ${t_ingest}s = $(echo "$n / $t_ingest" | bc) docs/s, ratio $(echo "scale=2; $t_ingest / $t_parse" | bc) x parse; peak RSS ${m_ingest} KB"

echo "== the real corpus, as the source of synthetic documents"
$U --store "$work/real" ingest $corpus/letters $corpus/other $corpus/meetings $corpus/sc-resolutions > /dev/null 2>&1 || true

for size in "${sizes[@]}"; do
  echo "== $size synthetic documents"
  $B synth "$work/real" "$work/syn$size" "$size"
  read -r t m < <(measure $U --store "$work/s$size" ingest "$work/syn$size")
  docs=$($U --store "$work/s$size" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
  bytes=$(du -sb "$work/s$size" | cut -f1)
  echo "ingest: ${t}s = $(echo "$size / $t" | bc) docs/s; peak RSS ${m} KB; store $((bytes / docs)) bytes/document ($docs documents, $(du -sh "$work/s$size" | cut -f1))"
done

echo "== exports at each size: time and peak RSS (streaming: memory should not grow with the corpus)"
for size in "${sizes[@]}"; do
  for format in jsonl csv marcxml; do
    read -r t m < <(measure $U --store "$work/s$size" export --format "$format" --out "$work/export.$format")
    echo "export $format at $size: ${t}s = $(echo "$size / $t" | bc) docs/s; peak RSS ${m} KB; $(du -h "$work/export.$format" | cut -f1)"
    rm -f "$work/export.$format"
  done
  read -r t m < <(measure $U --store "$work/s$size" export --format akn --out "$work/akn")
  echo "export akn at $size: ${t}s = $(echo "$size / $t" | bc) docs/s; peak RSS ${m} KB; $(du -sh "$work/akn" | cut -f1)"
  rm -rf "$work/akn"
done

largest=${sizes[-1]}
echo "== search at $largest documents"
read -r _ m < <(measure $B search "$work/s$largest" 1000)
cat "$work/out"; echo "search process peak RSS ${m} KB"
echo "== ripgrep over the same texts (baseline)"
for q in ceasefire Zangezur humanitarian sanctions refugees; do
  s=$(date +%s.%N); rg -c -i -F "$q" "$work/syn$largest" > /dev/null || true; e=$(date +%s.%N)
  echo "rg $q: $(echo "($e - $s) * 1000" | bc) ms"
done
