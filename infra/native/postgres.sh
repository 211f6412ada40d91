#!/usr/bin/env bash
# PostgreSQL 15 for the native stack: one cluster in $TRACEBED_STATE/postgres (see PG_BASE),
# listening on 127.0.0.1:$PG_PORT, run as the postgres OS user (it refuses root).
# Usage: postgres.sh start|stop|status|is-running|delete-data
source "$(dirname "$0")/lib.sh"

PG_BIN=/usr/lib/postgresql/15/bin
# The postgres OS user must reach its files. A checkout inside a private directory
# (/root, a mktemp dir) is out of its reach; then they live under /var/lib/tracebed.
if runuser -u postgres -- test -x "$(dirname "$TRACEBED_STATE")" 2>/dev/null; then
  PG_BASE="$TRACEBED_STATE"
else
  PG_BASE="/var/lib/tracebed/$(printf %s "$TRACEBED_STATE" | md5sum | cut -c1-12)"
fi
DATA="$PG_BASE/postgres"
# Socket and pid file; postgres must own this directory.
SOCK_DIR="$PG_BASE/run/postgres"
PIDFILE="$SOCK_DIR/postgres.pid"
LOGFILE="$LOG_DIR/postgres.log"
URL="postgres://127.0.0.1:$PG_PORT"

as_postgres() { runuser -u postgres -- "$@"; }
ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

start() {
  if pid=$(pid_alive "$PIDFILE" "$DATA"); then
    log "postgres already running (pid $pid)"
    return
  fi
  [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL 15 is not installed; run infra/native/install-infra.sh"
  ensure_state_dirs
  install -d -m 755 "$PG_BASE" "$PG_BASE/run"
  install -d -o postgres -g postgres -m 700 "$DATA"
  install -d -o postgres -g postgres -m 755 "$SOCK_DIR"

  if [ ! -s "$DATA/PG_VERSION" ]; then
    log "initialising PostgreSQL in $DATA"
    as_postgres "$PG_BIN/initdb" -D "$DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >>"$LOGFILE"
  fi
  # Copied in at each start so edits to the repo file apply and postgres can read it.
  install -o postgres -g postgres -m 600 "$REPO_ROOT/infra/postgres/postgresql.conf" "$DATA/tracebed.conf"

  log "starting postgres on 127.0.0.1:$PG_PORT"
  # No -l: the server keeps the log this script opened, which postgres itself may
  # not be allowed to open. 9>&-: nor may it inherit (and hold) the stack lock.
  as_postgres "$PG_BIN/pg_ctl" start -D "$DATA" -w -t 60 -s \
    -o "-c config_file=$DATA/tracebed.conf -c listen_addresses=127.0.0.1 -c port=$PG_PORT \
-c unix_socket_directories=$SOCK_DIR -c external_pid_file=$PIDFILE" >>"$LOGFILE" 2>&1 9>&- ||
    { show_tail "$LOGFILE"; die "postgres did not start; see $LOGFILE"; }
  await postgres 30 "$LOGFILE" "$PIDFILE" "$DATA" ready

  # Idempotent, so it runs every start and heals a first start cut short.
  as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK_DIR" -p "$PG_PORT" -U postgres -d postgres \
    <"$REPO_ROOT/infra/postgres/init.sql" >>"$LOGFILE" 2>&1 ||
    die "infra/postgres/init.sql failed; see $LOGFILE"
  log "postgres ready at $URL"
}

# SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, then exit.
stop() { stop_pid postgres "$PIDFILE" "$DATA" INT 60; }

status() {
  if pid=$(pid_alive "$PIDFILE" "$DATA"); then
    status_line postgres up "$pid" "$URL"
  else
    status_line postgres down - "$URL"
  fi
}

is_running() { pid_alive "$PIDFILE" "$DATA" >/dev/null; }

# Deletes the cluster; `stack.sh clean` calls it, as the data may live outside $TRACEBED_STATE.
delete_data() {
  stop
  rm -rf "$DATA" "$SOCK_DIR"
  if [ "$PG_BASE" != "$TRACEBED_STATE" ]; then rm -rf "$PG_BASE"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  is-running) is_running ;;
  delete-data) delete_data ;;
  *) die "usage: $0 start|stop|status|is-running|delete-data" ;;
esac
