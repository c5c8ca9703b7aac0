#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for tests and benchmarks: initdb as
# a non-root user, pg_ctl on 127.0.0.1 with a high port and fsync off. No Docker.
#
#   scripts/pg-cluster.sh start DIR PORT   # prints the URL to connect to
#   scripts/pg-cluster.sh standby DIR PORT PRIMARY_PORT
#                         # a streaming-replication standby of the cluster on
#                         # PRIMARY_PORT (pg_basebackup -R), read-only; its URL
#   scripts/pg-cluster.sh stop DIR
#
# Installs Debian's postgresql first if no server binaries are found, and its
# RUM extension if missing.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a folder for the cluster}

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "== installing postgresql" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
# RUM (issue 19): lexeme positions in the index, so a search's page comes
# in rank order from it. Installed before any cluster starts (the package
# may bring a newer server minor version with it).
pgver=$(basename "$(dirname "$pgbin")")
if [ ! -f "/usr/share/postgresql/$pgver/extension/rum.control" ]; then
  echo "== installing postgresql-$pgver-rum" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$pgver-rum") >/dev/null \
    || echo "warning: could not install postgresql-$pgver-rum; searches rank without it" >&2
fi

# PostgreSQL refuses to run as root: use an unprivileged account.
as_user=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=undoc-pg
  id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  as_user=(runuser -u "$owner" --)
fi

# Full-page writes stay on (the default): RUM's generic WAL records rely on
# them, and without them a standby replaying a RUM index's new pages stops
# ("WAL contains references to invalid pages"). With them on, WAL would grow
# to the default 1 GB on the primary and again on the standby; 512 MB and
# compressed page images bound both (stop 32 ran out of space). Smaller
# (128 MB) meant a checkpoint every few seconds under the tests' ingests, a
# full page image after each, and a standby that fell a minute behind.
run() {
  local port=$1
  "${as_user[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=200 -c max_wal_size=512MB -c min_wal_size=64MB -c wal_compression=on" start >/dev/null
  echo "postgres://undoc@127.0.0.1:$port/postgres"
}

case "$action" in
  start|standby)
    port=${3:?a port}
    mkdir -p "$dir"
    chown "$owner" "$dir"
    chmod 700 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      if [ "$action" = standby ]; then
        primary=${4:?the port of the primary}
        # A copy of the primary that follows its WAL (-R writes the
        # primary_conninfo and standby.signal); hot_standby serves reads.
        "${as_user[@]}" "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$primary" -U undoc \
          -D "$dir/data" -R -X stream -c fast >/dev/null
      else
        "${as_user[@]}" "$pgbin/initdb" -D "$dir/data" -U undoc --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
      fi
    fi
    run "$port"
    ;;
  stop)
    "${as_user[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *)
    echo "usage: $0 start DIR PORT | standby DIR PORT PRIMARY_PORT | stop DIR" >&2
    exit 2
    ;;
esac
