#!/usr/bin/env bash
# A private PostgreSQL cluster for tests, CI and trying the shared mode on one machine:
# initdb in a folder of its own, a Unix socket in that folder, no TCP port, trust
# authentication (every local account may log in as any role: for testing what each role
# may do, never for a real server, which uses peer over the socket or scram-sha-256 over TLS).
#
#   scripts/pg-cluster.sh start DIR   start (initialising DIR on first use); prints the socket folder
#   scripts/pg-cluster.sh start DIR --tcp PORT
#                                     also listen on localhost:PORT, TLS only, scram-sha-256 passwords
#                                     (as a real server over the network); the certificate is signed
#                                     by a CA made in DIR/tls, whose ca.crt is the client's sslrootcert.
#                                     The socket then carries PORT too (add &port=PORT to socket URLs).
#   scripts/pg-cluster.sh stop DIR    stop it
#   scripts/pg-cluster.sh demo DIR    start, then create database wenti with the demo company
#
# The server refuses to run as root: as root the cluster belongs to the postgres account.
set -euo pipefail

command=${1:-}
dir=${2:-}
tcp_port=""
if [ "${3:-}" = "--tcp" ]; then
  tcp_port=${4:-}
  case "$tcp_port" in ''|*[!0-9]*) echo "$0: --tcp needs a port number, got '${tcp_port}'" >&2; exit 2 ;; esac
fi
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop|demo DIR [--tcp PORT]" >&2
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

# A CA and a certificate for localhost signed by it, and authentication over TCP by
# scram-sha-256 on TLS only (initdb's trust lines for TCP are replaced).
tls_setup() {
  local tls=$dir/tls
  if [ ! -f "$tls/server.crt" ]; then
    as_owner mkdir -p "$tls"
    as_owner openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=wenti private test CA" \
      -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
    as_owner openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' | as_owner tee "$tls/san.ext" >/dev/null
    as_owner openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 30 \
      -extfile "$tls/san.ext" -out "$tls/server.crt" 2>/dev/null
    as_owner chmod 600 "$tls/server.key"
  fi
  printf 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostssl all all ::1/128 scram-sha-256\n' \
    | as_owner tee "$data/pg_hba.conf" >/dev/null
  echo "-c listen_addresses=localhost -c port=$tcp_port -c ssl=on -c ssl_cert_file=$tls/server.crt -c ssl_key_file=$tls/server.key"
}

start() {
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner mkdir -p "$data" "$socket"
    as_owner "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null 2>"$dir/initdb.err" || { cat "$dir/initdb.err" >&2; exit 1; }
  fi
  local network="-c listen_addresses=''"
  [ -n "$tcp_port" ] && network=$(tls_setup)
  if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w \
      -o "$network -c unix_socket_directories=$socket -c fsync=off -c max_connections=200" start >/dev/null
  fi
  # The account running wenti here administers the cluster (a superuser role of its name).
  local me
  me=$(id -un)
  "$bin/psql" -h "$socket" ${tcp_port:+-p "$tcp_port"} -U postgres -d postgres -qtAc \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$me') THEN CREATE ROLE \"$me\" SUPERUSER LOGIN; END IF; END \$\$;" >/dev/null
  echo "$socket"
}

case "$command" in
  start) start ;;
  stop) as_owner "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true ;;
  demo)
    socket=$(start)
    port_option=${tcp_port:+&port=$tcp_port}
    "$bin/psql" -h "$socket" ${tcp_port:+-p "$tcp_port"} -U postgres -d postgres -qtA -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS wenti" >/dev/null
    "$bin/psql" -h "$socket" ${tcp_port:+-p "$tcp_port"} -U postgres -d postgres -qtAc "CREATE DATABASE wenti" >/dev/null
    ${WENTI:-swift run wenti} server init --demo "postgresql:///wenti?host=$socket$port_option"
    echo "connect as a demo person: wenti --db 'postgresql:///wenti?host=$socket$port_option&user=zg-zhao'"
    if [ -n "$tcp_port" ]; then
      echo "over TLS, once the person has a password (wenti server add-person NAME --password-fd 0):"
      echo "  wenti --db 'postgresql://zg-zhao@localhost:$tcp_port/wenti?sslrootcert=$dir/tls/ca.crt'"
    fi
    ;;
  *) echo "usage: $0 start|stop|demo DIR" >&2; exit 2 ;;
esac
