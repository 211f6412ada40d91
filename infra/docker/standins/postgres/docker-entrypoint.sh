#!/usr/bin/env bash
# The part of the official postgres image's entrypoint that compose relies on: on first start,
# a cluster in PGDATA whose superuser is POSTGRES_USER/POSTGRES_PASSWORD, POSTGRES_DB, then
# /docker-entrypoint-initdb.d/*.sql and *.sh; the server always runs as the postgres user.
set -euo pipefail

[ "${1:0:1}" = - ] && set -- postgres "$@"
[ "${1:-}" = postgres ] || exec "$@"

if [ "$(id -u)" = 0 ]; then
  # A fresh volume may belong to root.
  install -d -o postgres -g postgres -m 700 "$PGDATA"
  chown -R postgres:postgres "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?must be set on first start (the superuser has no other way in over TCP)}"
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
    --auth-local=trust --auth-host=scram-sha-256 -D "$PGDATA"
  # Other containers connect over the compose network, with a password.
  echo 'host all all all scram-sha-256' >>"$PGDATA/pg_hba.conf"
  # A server on the socket only while the init scripts run: nobody can connect early.
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses=''" start
  psql=(psql -v ON_ERROR_STOP=1 --username "$user" --no-password --no-psqlrc)
  [ "$db" = postgres ] || "${psql[@]}" --dbname postgres -c "CREATE DATABASE \"$db\""
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sql) echo "running $f"; "${psql[@]}" --dbname "$db" -f "$f" ;;
      *.sh) echo "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
exec "$@"
