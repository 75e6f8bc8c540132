#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: `scripts/postgres-test.sh make test`.
#
# - Installs Debian's postgresql when its programs are missing (as root, or with sudo).
# - Makes a cluster in a fresh temporary folder, owned by the account that runs PostgreSQL
#   (user `postgres` when this script runs as root; PostgreSQL refuses to run as root),
#   listening on 127.0.0.1 only, on a free port, with its socket in that folder.
# - Creates role `vip` (password `vip`) and database `vip_test`, exports
#   VIP_TEST_POSTGRES=postgres://vip:vip@127.0.0.1:PORT/vip_test, runs the command.
# - Stops the cluster and removes the folder afterwards, also when the command fails.
#
# Without a command it starts the cluster, prints the URL and waits until Ctrl-C.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "PostgreSQL installeren (apt-get install postgresql)…" >&2
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# As root, PostgreSQL runs as `postgres`; otherwise as the current account.
if [ "$(id -u)" = 0 ]; then
  # From /: the clone may sit in a folder `postgres` cannot enter (/root), and initdb and
  # pg_ctl stumble over a working folder they cannot read.
  als() { (cd / && runuser -u postgres -- "$@"); }
else
  als() { "$@"; }
fi

MAP=$(mktemp -d /tmp/vip-postgres.XXXXXX)
chmod 755 "$MAP"
[ "$(id -u)" = 0 ] && chown postgres "$MAP"
# A free port: ask the kernel for one.
POORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  als "$PGBIN/pg_ctl" -D "$MAP/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$MAP"
}
trap stop EXIT

als "$PGBIN/initdb" -D "$MAP/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# Loopback only; passwords are checked over TCP (scram), the socket in $MAP is trusted.
cat > "$MAP/data/pg_hba.conf" <<EOF
local all all trust
host all all 127.0.0.1/32 scram-sha-256
EOF
als "$PGBIN/pg_ctl" -D "$MAP/data" -l "$MAP/postgres.log" -w \
  -o "-k $MAP -h 127.0.0.1 -p $POORT -c max_connections=200" start >/dev/null
als "$PGBIN/psql" -h "$MAP" -p "$POORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 <<EOF
CREATE ROLE vip LOGIN PASSWORD 'vip';
CREATE DATABASE vip_test OWNER vip;
EOF

export VIP_TEST_POSTGRES="postgres://vip:vip@127.0.0.1:$POORT/vip_test"
echo "PostgreSQL draait: VIP_TEST_POSTGRES=$VIP_TEST_POSTGRES" >&2
if [ $# -eq 0 ]; then
  echo "Stop met Ctrl-C." >&2
  while sleep 3600; do :; done
else
  "$@"
fi
