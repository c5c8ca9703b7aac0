#!/usr/bin/env bash
# PostgreSQL against the embedded store at scale (issue 5), in one run on this
# machine: the same synthetic corpus (real documents re-issued under new
# symbols by `undoc-bench synth`) ingested into each, ingest rate and peak
# memory; four concurrent ingesters into PostgreSQL; on-disk size; and search
# latency p50/p99 over the same varied queries on each (1,000, or
# $UNDOC_BENCH_QUERIES). The cluster is
# a private throw-away one (scripts/pg-cluster.sh, fsync off).
#
# usage: benches/postgres-scale.sh [SIZE]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100000}
corpus=../shared/corpus
cargo build --release -q -p undoc-cli -p undoc-bench
U=target/release/undoc
B=target/release/undoc-bench
work=$(mktemp -d)
# The cluster's folder of its own: the server runs as another user, who must reach it.
pgdir=$(mktemp -d)
url=$(scripts/pg-cluster.sh start "$pgdir" "${UNDOC_BENCH_PG_PORT:-55434}")
trap 'scripts/pg-cluster.sh stop "$pgdir"; rm -rf "$work" "$pgdir"' EXIT
base=${url%/*}
sql() { psql "$url" -Atqc "$1"; }
measure() { /usr/bin/time -f "%e %M" "$@" 2> "$work/time" > "$work/out" || true; tail -1 "$work/time"; }

$U --store "$work/real" ingest $corpus/letters $corpus/other $corpus/meetings $corpus/sc-resolutions > /dev/null 2>&1 || true
$B synth "$work/real" "$work/syn" "$size" > /dev/null

echo "== ingest of $size synthetic documents, one process each"
read -r t m < <(measure $U --store "$work/embedded" ingest "$work/syn")
echo "embedded (SQLite + tantivy): ${t}s = $(echo "$size / $t" | bc) docs/s; peak RSS ${m} KB; $(du -sh "$work/embedded" | cut -f1) on disk"
te=$t
sql "CREATE DATABASE one"
read -r t m < <(measure $U --store "$base/one" ingest "$work/syn")
echo "PostgreSQL: ${t}s = $(echo "$size / $t" | bc) docs/s; peak RSS ${m} KB (client); $(psql "$base/one" -Atqc "SELECT pg_size_pretty(pg_database_size(current_database()))") in the database"
echo "PostgreSQL / embedded ingest time: $(echo "scale=2; $t / $te" | bc)"

if [ -z "${UNDOC_BENCH_SKIP_FOUR:-}" ]; then
echo "== four concurrent ingesters into PostgreSQL (the synthetic folders dealt out in four)"
folders=("$work"/syn/*/)
sql "CREATE DATABASE four"
start=$(date +%s.%N)
for q in 0 1 2 3; do
  mine=()
  for i in "${!folders[@]}"; do [ $((i % 4)) -eq $q ] && mine+=("${folders[$i]}"); done
  $U --store "$base/four" ingest "${mine[@]}" > "$work/four$q.out" 2>&1 &
done
wait
end=$(date +%s.%N)
t4=$(echo "$end - $start" | bc)
echo "4 ingesters: ${t4}s = $(echo "$size / $t4" | bc) docs/s; $(psql "$base/four" -Atqc "SELECT count(*) FROM documents") documents stored; ratio to one PostgreSQL ingester: $(echo "scale=2; $t / $t4" | bc)x"
fi

echo "== search: the same ${UNDOC_BENCH_QUERIES:-1000} queries on each"
queries=${UNDOC_BENCH_QUERIES:-1000}
echo "embedded:"; $B search "$work/embedded" "$queries" 2>/dev/null
echo "PostgreSQL:"; $B search "$base/one" "$queries" 2>/dev/null

echo "== the same database searched through a tantivy index following it (undoc --index, issue 19)"
read -r t m < <(measure env UNDOC_INDEX="$work/following" $B search "$base/one" 1)
echo "index built from the database: ${t}s; peak RSS ${m} KB; $(du -sh "$work/following" | cut -f1) on disk"
# Alternating on the same machine state: the embedded store, then the follower.
for pass in 1 2; do
  echo "embedded, pass $pass:"; $B search "$work/embedded" "$queries" 2>/dev/null
  echo "PostgreSQL + following index, pass $pass:"; UNDOC_INDEX="$work/following" $B search "$base/one" "$queries" 2>/dev/null
done
# Another process writes 100 documents; the next search catches up from the change log.
mkdir -p "$work/more"
for f in $(ls "$work/syn"/*/* | head -100); do cp "$f" "$work/more/more-$(basename "$f")"; done
sed -i 's/^/ /' "$work"/more/* # changed bytes: stored again, not "unchanged"
$U --store "$base/one" ingest "$work/more" > /dev/null 2>&1
read -r t m < <(measure $U --store "$base/one" --index "$work/following" search ceasefire --limit 1)
read -r t0 m0 < <(measure $U --store "$base/one" --index "$work/following" search ceasefire --limit 1)
echo "a search after another process wrote 100 documents (catching up): ${t}s; the next one: ${t0}s"
