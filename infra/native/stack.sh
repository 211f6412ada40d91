#!/usr/bin/env bash
# The whole tracebed stack without Docker: PostgreSQL, RabbitMQ and Jaeger from
# native binaries plus the four node services, all on 127.0.0.1.
# Usage: stack.sh up | up-infra | build | down | clean | status | logs [NAME...]
#   up        packages, Jaeger build, toolchain, pnpm install + build, infra, services
#   up-infra  packages, Jaeger build, then PostgreSQL, RabbitMQ and Jaeger only
#   build     toolchain, pnpm install --frozen-lockfile, pnpm build
#   down      stops everything, keeps data;  clean  down, then deletes $TRACEBED_STATE
#   status    one line per component;  logs  follows service logs (last lines when not a TTY)
source "$(dirname "$0")/lib.sh"

NATIVE="$REPO_ROOT/infra/native"
INFRA=(postgres rabbitmq jaeger)

infra_running() {
  local c
  for c in "${INFRA[@]}"; do bash "$NATIVE/$c.sh" is-running || return 1; done
}
all_running() { infra_running && bash "$NATIVE/services.sh" is-running; }

prepare_infra() {
  bash "$NATIVE/install-infra.sh"
  bash "$NATIVE/build-jaeger.sh"
}

# Chained with &&: `up` runs it on the left of ||, where set -e does not stop at a failure.
build() {
  bash "$NATIVE/install-node.sh" &&
    log "pnpm install and build" &&
    (cd "$REPO_ROOT" && pnpm install --frozen-lockfile --loglevel=warn && pnpm build)
}

# All three at once, in the background: RabbitMQ's boot (8-10 s of Erlang) is the longest wait
# of `up`, and only the services need it, so the build and the others run meanwhile.
infra_jobs=()
start_infra_in_background() {
  local c
  for c in "${INFRA[@]}"; do
    bash "$NATIVE/$c.sh" start &
    infra_jobs+=("$!")
  done
}

await_infra() {
  local job failed=0
  for job in "${infra_jobs[@]}"; do wait "$job" || failed=1; done
  infra_jobs=()
  ((failed == 0)) || die "the infrastructure did not start (see above)"
}

print_urls() {
  cat <<URLS

  shop / API          http://127.0.0.1:$GATEWAY_PORT
  Jaeger (query API)  http://127.0.0.1:$JAEGER_UI_PORT
  RabbitMQ management http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT  (tracebed-monitor; password in $TRACEBED_STATE/secrets/rabbitmq-tracebed-monitor)

URLS
}

# Seconds since the start of `up`, to a tenth.
since() { awk -v start="$1" -v now="${EPOCHREALTIME/,/.}" 'BEGIN { printf "%.1f", now - start }'; }

# One order through the gateway, and the time until its whole trace (spans of all four services,
# the order paid) is in Jaeger: what a first-time user waits for. A warning, not a failure.
# TRACEBED_FIRST_ORDER=off leaves the shop untouched (a test harness counting its own orders).
first_trace() {
  [ "${TRACEBED_FIRST_ORDER:-on}" != off ] || return 0
  UP_STARTED_MS=$(awk -v start="$1" 'BEGIN { printf "%.0f", start * 1000 }') \
    node "$REPO_ROOT/load-tests/dist/first-trace/cli.js" || log "warning: the first order's trace is not whole in Jaeger; see 'make logs'"
}

up() {
  local started=${EPOCHREALTIME/,/.}
  take_lock
  if all_running; then
    log "everything is already running"
    print_urls
    return
  fi
  prepare_infra
  start_infra_in_background
  build || { await_infra || true; die "the build failed (see above)"; }
  await_infra
  bash "$NATIVE/services.sh" start
  echo "all services ready after $(since "$started") s"
  first_trace "$started"
  print_urls
}

up_infra() {
  take_lock
  if infra_running; then
    log "infrastructure is already running"
    return
  fi
  prepare_infra
  start_infra_in_background
  await_infra
}

down() {
  take_lock
  bash "$NATIVE/services.sh" stop
  local i
  for ((i = ${#INFRA[@]} - 1; i >= 0; i--)); do bash "$NATIVE/${INFRA[i]}.sh" stop; done
  log "stopped (data kept in $TRACEBED_STATE)"
}

clean() {
  down
  log "deleting $TRACEBED_STATE"
  bash "$NATIVE/postgres.sh" delete-data
  rm -rf "$TRACEBED_STATE"
}

status() {
  status_line COMPONENT STATE PID URL
  local c
  for c in "${INFRA[@]}"; do bash "$NATIVE/$c.sh" status; done
  bash "$NATIVE/services.sh" status
}

logs() {
  local names=("$@") files=() n
  [ ${#names[@]} -gt 0 ] || names=("${SERVICES[@]}")
  for n in "${names[@]}"; do files+=("$LOG_DIR/$n.log"); done
  if [ -t 1 ]; then
    exec tail -n 20 -F "${files[@]}"
  fi
  for n in "${files[@]}"; do
    [ -f "$n" ] || continue
    printf '==> %s <==\n' "$n"
    tail -n 100 "$n"
  done
}

verb="${1:-}"
shift || true
case "$verb" in
  up) up ;;
  up-infra) up_infra ;;
  build) build ;;
  down) down ;;
  clean) clean ;;
  status) status ;;
  logs) logs "$@" ;;
  *) die "usage: $0 up|up-infra|build|down|clean|status|logs [NAME...]" ;;
esac
