#!/usr/bin/env bash
# A Docker engine for the compose stack on a machine that has none: Debian's docker.io, its
# dockerd run with its own socket and state under the project's cache, so nothing else on the
# machine sees it. A machine whose `docker info` already answers keeps its own engine.
# Usage: engine.sh start|stop|status|env
#   start   starts the engine (installing docker.io with apt if needed), prints the DOCKER_HOST
#   env     prints `export DOCKER_HOST=…` for the engine to use (eval "$(engine.sh env)")
#   stop    stops the daemon only if this script started it
set -euo pipefail

cache="${TRACEBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracebed}"
here="$(cd "$(dirname "$0")" && pwd)"
home="$cache/docker"
socket="$home/docker.sock"
pidfile="$home/exec/dockerd.pid"
logfile="$home/dockerd.log"
own_host="unix://$socket"

log() { printf '[tracebed] %s\n' "$*" >&2; }
die() { printf '[tracebed] error: %s\n' "$*" >&2; exit 1; }

# Debian's client: /usr/local/bin/docker may be a newer one that refuses to build without buildx.
client() { if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else docker "$@"; fi; }
answers() { DOCKER_HOST="$1" client info >/dev/null 2>&1; }

# The pid of the daemon this script started, if it still runs.
own_pid() {
  local pid cmdline
  [ -s "$pidfile" ] || return 1
  pid=$(<"$pidfile")  # dockerd writes no trailing newline, which `read` would reject
  [ -r "/proc/$pid/cmdline" ] || return 1
  # The command line must name our socket: after a reboot the pid may be someone else's.
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
  [[ $cmdline == *"$socket"* ]] && echo "$pid"
}

# The engine to use: ours when it runs, else the machine's own (DOCKER_HOST or the default socket).
engine_host() {
  if own_pid >/dev/null && answers "$own_host"; then echo "$own_host"; return; fi
  if answers "${DOCKER_HOST:-}"; then echo "${DOCKER_HOST:-unix:///var/run/docker.sock}"; return; fi
  return 1
}

start() {
  local host
  if host=$(engine_host); then echo "$host"; return; fi
  [ "$(id -u)" = 0 ] || die "no Docker engine answers, and starting one needs root"
  if ! command -v dockerd >/dev/null; then
    log "installing Debian's docker.io"
    bash "$here/../apt-install.sh" docker.io >&2
  fi
  mkdir -p "$home/data" "$home/exec"
  log "starting dockerd on $socket (log: $logfile)"
  # setsid: the daemon outlives this script and a Ctrl-C in the calling terminal.
  setsid dockerd -H "$own_host" --data-root "$home/data" --exec-root "$home/exec" \
    --pidfile "$pidfile" </dev/null >>"$logfile" 2>&1 &
  local deadline=$((SECONDS + 60))
  until answers "$own_host"; do
    ((SECONDS < deadline)) || { tail -n 20 "$logfile" >&2; die "dockerd not answering after 60 s"; }
    sleep 0.5
  done
  echo "$own_host"
}

stop() {
  local pid
  pid=$(own_pid) || { log "no daemon started by this script is running"; return 0; }
  log "stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  # dockerd stops its containers first (10 s each by default), then its containerd.
  local deadline=$((SECONDS + 60))
  while [ -r "/proc/$pid" ]; do
    ((SECONDS < deadline)) || { log "dockerd still running after 60 s; sending SIGKILL"; kill -KILL "$pid"; break; }
    sleep 0.5
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if host=$(engine_host); then echo "running: $host"; else echo "stopped"; exit 1; fi ;;
  env) host=$(engine_host) || die "no engine answers: run engine.sh start"; echo "export DOCKER_HOST=$host" ;;
  *) die "usage: engine.sh start|stop|status|env" ;;
esac
