#!/usr/bin/env bash
# The compose stack, on a machine with or without a Docker engine of its own: starts one when
# none answers (engine.sh), runs on the official images or their stand-ins (images.sh), builds the
# project's images with `docker compose build` and starts with `docker compose up --wait`.
# Usage: stack.sh up | down | clean | status | logs | rebuild | experiment NAME
#   up       engine, images, compose build, compose up --wait; prints how long each took
#   down     compose down (data kept), then stops the engine if engine.sh started it
#   clean    as down, with the volumes (data and generated secrets) removed
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
compose() { bash "$here/compose.sh" "$@"; }
log() { printf '[tracebed] %s\n' "$*" >&2; }
elapsed() { printf '%d.%d s' $(($1 / 1000)) $(($1 % 1000 / 100)); }
now_ms() { date +%s%3N; }
docker() { if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else command docker "$@"; fi; }

# One order through the shop, from the experiment container, and the time until its whole trace
# is in Jaeger (load-tests/src/first-trace). TRACEBED_FIRST_ORDER=off leaves the shop untouched.
first_trace() {
  [ "${TRACEBED_FIRST_ORDER:-on}" != off ] || return 0
  compose --profile tools run --rm --no-deps -e UP_STARTED_MS="$1" --entrypoint node experiment dist/first-trace/cli.js ||
    log "warning: the first order's trace is not whole in Jaeger; see 'make logs'"
}

up() {
  local t0 t1 t2 started
  started=$(now_ms)
  bash "$here/engine.sh" start >/dev/null
  t0=$(now_ms)
  log "docker compose build (the services and the tools)"
  compose --profile tools build --quiet
  t1=$(now_ms)
  log "docker compose up --wait"
  compose up -d --wait --remove-orphans
  t2=$(now_ms)
  log "built in $(elapsed $((t1 - t0))), all healthy $(elapsed $((t2 - t1))) after up"
  echo "all services ready after $(elapsed $((t2 - started)))"
  first_trace "$started"
  cat <<URLS

  shop / API          http://127.0.0.1:${GATEWAY_PORT:-8080}
  Jaeger UI           http://127.0.0.1:${JAEGER_UI_PORT:-16686}
  RabbitMQ UI         http://127.0.0.1:${RABBITMQ_UI_PORT:-15672}

URLS
}

# The engine's containers of other projects keep it running: only an idle engine is stopped.
stop_engine_if_idle() {
  eval "$(bash "$here/engine.sh" env)"
  if [ -z "$(docker ps -q 2>/dev/null)" ]; then bash "$here/engine.sh" stop; fi
}

case "${1:-}" in
  up) up ;;
  down) compose down; stop_engine_if_idle ;;
  clean) compose down --volumes; stop_engine_if_idle ;;
  status) compose ps ;;
  logs) if [ -t 1 ]; then compose logs -f; else compose logs --tail 100; fi ;;
  rebuild) compose up -d --build --wait ;;
  experiment) compose --profile tools run --rm experiment "${2:?which experiment? (load-tests/experiments/)}" ;;
  *) log "usage: stack.sh up|down|clean|status|logs|rebuild|experiment NAME"; exit 2 ;;
esac
