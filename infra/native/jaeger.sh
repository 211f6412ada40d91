#!/usr/bin/env bash
# Jaeger v2 all-in-one (memory storage) from the binary build-jaeger.sh caches,
# configured by infra/jaeger/config.yaml, every listener on 127.0.0.1.
# Usage: jaeger.sh start|stop|status|is-running
source "$(dirname "$0")/lib.sh"

PIDFILE="$RUN_DIR/jaeger.pid"
LOGFILE="$LOG_DIR/jaeger.log"
URL="http://127.0.0.1:$JAEGER_UI_PORT (OTLP http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT)"

healthy() { http_ok "http://127.0.0.1:$JAEGER_HEALTH_PORT/status"; }
query_ready() { http_ok "http://127.0.0.1:$JAEGER_UI_PORT/api/services"; }
ready() { healthy && query_ready; }

start() {
  if pid=$(pid_alive "$PIDFILE" "$JAEGER_BIN"); then
    log "jaeger already running (pid $pid)"
    return
  fi
  [ -x "$JAEGER_BIN" ] || die "no Jaeger binary at $JAEGER_BIN; run infra/native/build-jaeger.sh"
  ensure_state_dirs
  log "starting jaeger (query :$JAEGER_UI_PORT, OTLP :$JAEGER_OTLP_HTTP_PORT and :$JAEGER_OTLP_GRPC_PORT)"
  # Go's garbage collector keeps the heap under GOMEMLIMIT: without it a full store (max_traces
  # in infra/jaeger/config.yaml) took twice its live size.
  JAEGER_LISTEN_HOST=127.0.0.1 GOMEMLIMIT="${JAEGER_GOMEMLIMIT:-1536MiB}" \
    spawn "$PIDFILE" "$LOGFILE" "$JAEGER_BIN" --config "$REPO_ROOT/infra/jaeger/config.yaml"
  await jaeger 30 "$LOGFILE" "$PIDFILE" "$JAEGER_BIN" ready
  log "jaeger ready at http://127.0.0.1:$JAEGER_UI_PORT"
}

stop() { stop_pid jaeger "$PIDFILE" "$JAEGER_BIN" TERM 20; }

status() {
  if pid=$(pid_alive "$PIDFILE" "$JAEGER_BIN"); then
    status_line jaeger up "$pid" "$URL"
  else
    status_line jaeger down - "$URL"
  fi
}

is_running() { pid_alive "$PIDFILE" "$JAEGER_BIN" >/dev/null; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  is-running) is_running ;;
  *) die "usage: $0 start|stop|status|is-running" ;;
esac
