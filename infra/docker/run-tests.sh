#!/usr/bin/env bash
# The compose stack's part of `make test`: a Docker engine (the machine's own, or one started
# here), the images (official, or stand-ins where no registry answers), the Dockerfiles linted,
# the test harness's container path, then the real compose stack built and started as a user
# does, its tests run through the published ports and the tools containers, its figures printed,
# and `down -v` checked to leave nothing behind. Runs as its own compose project on its own ports,
# beside any stack already running here. Exits non-zero on the first failure.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
log() { printf '[tracebed] %s\n' "$*" >&2; }
die() { printf '[tracebed] error: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
seconds() { printf '%d.%d s' $(($1 / 1000)) $(($1 % 1000 / 100)); }
docker() { if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else command docker "$@"; fi; }
figures=()
figure() { figures+=("$*"); log "$*"; }

# The project's Node.js and pnpm (installed by the build below on a fresh machine).
source "$root/infra/native/lib.sh"
export COMPOSE_PROJECT_NAME=tracebed-e2e GATEWAY_PORT=18080 JAEGER_UI_PORT=17686 RABBITMQ_UI_PORT=17672
# A lost payment is asked for again after 10 s instead of 15 s, as in the native tests.
export PAYMENT_TIMEOUT_MS=10000
export DOCKER_CLI
DOCKER_CLI=$(command -v /usr/bin/docker || command -v docker)

engine_was_running=0
bash "$here/engine.sh" status >/dev/null 2>&1 && engine_was_running=1
eval "$(bash "$here/engine.sh" start | sed 's/^/export DOCKER_HOST=/')"
compose() { bash "$here/compose.sh" "$@"; }

finish() {
  local rc=$?
  compose --profile tools down --volumes --remove-orphans >/dev/null 2>&1 || true
  ((engine_was_running)) || bash "$here/engine.sh" stop || true
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

# The tests and the harness's native services run from this checkout's build.
bash "$root/infra/native/stack.sh" build
bash "$root/infra/native/install-browser.sh"

log "lint the Dockerfiles"
bash "$here/lint-dockerfiles.sh"

t=$(now_ms)
rm -f "$root/.tracebed/compose-images.env"
bash "$here/images.sh" >/dev/null
figure "images ready (official or stand-ins) in $(seconds $(($(now_ms) - t)))"
set -a
source "$root/.tracebed/compose-images.env"
set +a

cd "$root"
log "the test harness's container path: PostgreSQL, RabbitMQ and Jaeger from testcontainers"
# Services on ports of their own, so a native stack running here is neither used nor disturbed;
# no Ryuk reaper (its image would come from a registry): the harness stops what it starts.
# This machine may itself be a container (/.dockerenv): testcontainers would then look for the
# ports on the bridge's gateway, but the engine runs here and publishes them on our loopback.
TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 TESTCONTAINERS_RYUK_DISABLED=true TRACEBED_REQUIRE_STACK_SOURCE=containers TRACEBED_STATE="$root/.tracebed/containers-run" \
  GATEWAY_PORT=28080 ORDERS_PORT=28081 INVENTORY_PORT=28082 PAYMENTS_PORT=28083 \
  GATEWAY_ADMIN_PORT=29080 ORDERS_ADMIN_PORT=29081 INVENTORY_ADMIN_PORT=29082 PAYMENTS_ADMIN_PORT=29083 \
  JAEGER_UI_PORT=28686 pnpm exec vitest run --project stack e2e/traces/order-trace.test.ts

log "the compose stack, as project $COMPOSE_PROJECT_NAME on 127.0.0.1:$GATEWAY_PORT and :$JAEGER_UI_PORT"
compose --profile tools down --volumes --remove-orphans >/dev/null 2>&1 || true
t=$(now_ms)
compose --profile tools build --quiet
figure "docker compose build: $(seconds $(($(now_ms) - t))) (the engine's build cache as this machine had it)"
t=$(now_ms)
compose --profile tools build --quiet
figure "docker compose build again, nothing changed: $(seconds $(($(now_ms) - t)))"

export TRACEBED_UP_STARTED_MS
TRACEBED_UP_STARTED_MS=$(now_ms)
compose up -d --wait
figure "docker compose up --wait, all healthy: $(seconds $(($(now_ms) - TRACEBED_UP_STARTED_MS)))"
while read -r name size; do figure "image $name: $size"; done < <(
  docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' |
    grep -E '^(tracebed/(gateway|orders|inventory|payments|fault-cli|lab-cli|trace-cli|experiment)|tracebed-standin/)' | sort)

GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" JAEGER_URL="http://127.0.0.1:$JAEGER_UI_PORT" TRACEBED_EXTERNAL_STACK=1 \
  pnpm exec vitest run --project compose

log "docker compose down --volumes"
compose --profile tools down --volumes --remove-orphans
left=$(docker ps -aq --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME"
  docker volume ls -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME"
  docker network ls -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME")
[ -z "$left" ] || die "docker compose down --volumes left these behind: $left"
log "down --volumes left no container, volume or network"

printf '\n[tracebed] compose figures:\n' >&2
printf '  %s\n' "${figures[@]}" >&2
