#!/usr/bin/env bash
# The four node services of the native stack, each started from the repo root as
# `node services/<name>/dist/main.js` with the environment from services.env.sh.
# Usage: services.sh start|stop|refresh|status|is-running [NAME...]   (default: all four)
#   refresh   restarts the running ones whose build changed since they started
source "$(dirname "$0")/lib.sh"
source "$REPO_ROOT/infra/native/services.env.sh"

READY_TIMEOUT="${READY_TIMEOUT:-60}"

pidfile() { echo "$RUN_DIR/$1.pid"; }
logfile() { echo "$LOG_DIR/$1.log"; }
entry() { echo "services/$1/dist/main.js"; }
ready() { http_ok "http://127.0.0.1:$(service_port "$1")/readyz"; }
# Built after it started (the pid file is written at start): its own code or a shared package.
stale() { [ -n "$(find "services/$1/dist" shared/*/dist -newer "$(pidfile "$1")" -name '*.js' -print -quit 2>/dev/null)" ]; }

start_one() {
  local name=$1 pid
  if pid=$(pid_alive "$(pidfile "$name")" "$(entry "$name")"); then
    log "$name already running (pid $pid)"
    if stale "$name"; then
      log "$name runs an older build than services/$name/dist; '$0 refresh' restarts it"
    fi
    return
  fi
  [ -f "$(entry "$name")" ] || die "$(entry "$name") is missing; run 'pnpm build' at the repo root"
  local -a env_vars
  mapfile -t env_vars < <(service_env "$name")
  log "starting $name on 127.0.0.1:$(service_port "$name") (fault admin API on 127.0.0.1:$(service_admin_port "$name"))"
  # exec'd by env, so the recorded pid is node's own and SIGTERM reaches it directly.
  spawn "$(pidfile "$name")" "$(logfile "$name")" env "${env_vars[@]}" "$NODE_HOME/bin/node" "$(entry "$name")"
}

start() {
  ensure_state_dirs
  local name
  for name in "$@"; do start_one "$name"; done
  # Started together, awaited together: each runs its migrations on its own.
  for name in "$@"; do
    await "$name" "$READY_TIMEOUT" "$(logfile "$name")" "$(pidfile "$name")" "$(entry "$name")" ready "$name"
  done
  log "services ready: $*"
}

stop() {
  local name
  # The gateway first, so nothing new comes in while the others drain.
  for name in "$@"; do
    stop_pid "$name" "$(pidfile "$name")" "$(entry "$name")" TERM 15
  done
}

refresh() {
  local name changed=()
  for name in "$@"; do
    if pid_alive "$(pidfile "$name")" "$(entry "$name")" >/dev/null && stale "$name"; then changed+=("$name"); fi
  done
  [ ${#changed[@]} -gt 0 ] || return 0
  log "restarting on the new build: ${changed[*]}"
  stop "${changed[@]}"
  start "${changed[@]}"
}

status() {
  local name pid url
  for name in "$@"; do
    url="http://127.0.0.1:$(service_port "$name")"
    if pid=$(pid_alive "$(pidfile "$name")" "$(entry "$name")"); then
      if ready "$name"; then
        status_line "$name" up "$pid" "$url"
      else
        status_line "$name" "unready" "$pid" "$url (see $(logfile "$name"))"
      fi
    else
      status_line "$name" down - "$url"
    fi
  done
}

is_running() {
  local name
  for name in "$@"; do pid_alive "$(pidfile "$name")" "$(entry "$name")" >/dev/null || return 1; done
}

cd "$REPO_ROOT"
verb="${1:-}"
shift || true
[ $# -gt 0 ] || set -- "${SERVICES[@]}"
for name in "$@"; do service_env "$name" >/dev/null; done
case "$verb" in
  start) start "$@" ;;
  stop) stop "$@" ;;
  refresh) refresh "$@" ;;
  status) status "$@" ;;
  is-running) is_running "$@" ;;
  *) die "usage: $0 start|stop|refresh|status|is-running [NAME...]" ;;
esac
