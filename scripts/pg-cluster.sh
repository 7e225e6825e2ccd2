#!/usr/bin/env bash
# A private PostgreSQL cluster for tests, CI and trying the shared mode on one machine:
# initdb in a folder of its own, a Unix socket in that folder, no TCP port, trust
# authentication (every local account may log in as any role: for testing what each role
# may do, never for a real server, which uses peer over the socket or scram-sha-256 over TLS).
#
#   scripts/pg-cluster.sh start DIR   start (initialising DIR on first use); prints the socket folder
#   scripts/pg-cluster.sh stop DIR    stop it
#   scripts/pg-cluster.sh demo DIR    start, then create database wenti with the demo company
#
# The server refuses to run as root: as root the cluster belongs to the postgres account.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop|demo DIR" >&2
  exit 2
fi

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bin=$candidate
done
if [ -z "$bin" ]; then
  echo "$0: PostgreSQL's server is not installed (Debian: apt-get install postgresql)" >&2
  exit 3
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data
socket=$dir/socket
if [ "$(id -u)" = 0 ]; then
  # The whole folder is the cluster's; the folders above must be searchable for postgres.
  chown postgres "$dir"
  chmod 755 "$dir"
fi

start() {
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner mkdir -p "$data" "$socket"
    as_owner "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null 2>"$dir/initdb.err" || { cat "$dir/initdb.err" >&2; exit 1; }
  fi
  if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -c unix_socket_directories=$socket -c fsync=off -c max_connections=200" start >/dev/null
  fi
  # The account running wenti here administers the cluster (a superuser role of its name).
  local me
  me=$(id -un)
  "$bin/psql" -h "$socket" -U postgres -d postgres -qtAc \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$me') THEN CREATE ROLE \"$me\" SUPERUSER LOGIN; END IF; END \$\$;" >/dev/null
  echo "$socket"
}

case "$command" in
  start) start ;;
  stop) as_owner "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true ;;
  demo)
    socket=$(start)
    "$bin/psql" -h "$socket" -U postgres -d postgres -qtA -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS wenti" >/dev/null
    "$bin/psql" -h "$socket" -U postgres -d postgres -qtAc "CREATE DATABASE wenti" >/dev/null
    ${WENTI:-swift run wenti} server init --demo "postgresql:///wenti?host=$socket"
    echo "connect as a demo person: wenti --db 'postgresql:///wenti?host=$socket&user=zg-zhao'"
    ;;
  *) echo "usage: $0 start|stop|demo DIR" >&2; exit 2 ;;
esac
