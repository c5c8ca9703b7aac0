#!/usr/bin/env bash
# Issue 8's figures, measured in one run on this machine:
# - the ingest rate of the UN's Akoma Ntoso files (550), against parsing the
#   same files without storing (`undoc parse --json`) and against ingesting
#   the 230 letter PDFs in the same run;
# - search latency per language at SIZE stored texts (default 100,000):
#   synthetic works re-issued from the AKN resolutions with all their language
#   versions (`undoc-bench synth-languages`), then `undoc-bench
#   search-languages` (words drawn from each language's texts), quoted as
#   ratios to English in the same run.
#
# usage: benches/languages-scale.sh [SIZE] [QUERIES]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100000}
queries=${2:-300}
corpus=../shared/corpus
cargo build --release -q -p undoc-cli -p undoc-bench
U=target/release/undoc
B=target/release/undoc-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() { /usr/bin/time -f "%e %M" "$@" 2> "$work/time" > "$work/out" || true; tail -1 "$work/time"; }

echo "== ingest of the AKN resolutions"
mapfile -t akn < <(find "$corpus/akn-ga-resolutions" -name '*.xml' | sort)
n=${#akn[@]}
read -r t_parse _ < <(measure $U parse --json "${akn[@]}")
read -r t_ingest m_ingest < <(measure $U --store "$work/akn" ingest "$corpus/akn-ga-resolutions")
echo "AKN: $n files; parse only ${t_parse}s; ingest ${t_ingest}s = $(echo "$n / $t_ingest" | bc) files/s, ratio $(echo "scale=2; $t_ingest / $t_parse" | bc) x parse; peak RSS ${m_ingest} KB"
n=$(ls $corpus/letters/*.pdf | wc -l)
read -r t_letters _ < <(measure $U --store "$work/letters" ingest $corpus/letters)
echo "letters (PDF), same run: $n files; ingest ${t_letters}s = $(echo "$n / $t_letters" | bc) files/s"

echo "== $size synthetic texts in seven languages"
$B synth-languages "$work/akn" "$work/syn" "$size"
read -r t m < <(measure $U --store "$work/s" ingest "$work/syn")
echo "ingest: ${t}s = $(echo "$size / $t" | bc) texts/s; peak RSS ${m} KB; store $(du -sh "$work/s" | cut -f1)"
$U --store "$work/s" stats --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("stored:", d["documents"], "texts;", ", ".join(f"{l} {n}" for l, n in d["by_language"]))'

echo "== search per language ($queries queries each)"
read -r _ m < <(measure $B search-languages "$work/s" "$queries")
cat "$work/out"; echo "search process peak RSS ${m} KB"
