#!/usr/bin/env bash
# Runs docker compose for this project on whatever engine answers (the machine's own, or the one
# engine.sh started), with the images images.sh chose: .env stays as committed, and a generated
# env file read after it may name stand-ins. COMPOSE_PROJECT_NAME and the published ports of .env
# (GATEWAY_PORT, JAEGER_UI_PORT, RABBITMQ_UI_PORT) can be set in the environment.
# Usage: compose.sh <compose arguments>, e.g. compose.sh up --wait, compose.sh --profile tools run --rm fault list
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
env_file="$root/.tracebed/compose-images.env"

eval "$("$here/engine.sh" env)"
export DOCKER_HOST
# The legacy builder: BuildKit would fetch the Dockerfile's frontend image from a registry.
export DOCKER_BUILDKIT=0
[ -s "$env_file" ] || bash "$here/images.sh" >/dev/null
# Tools containers write reports here as the image's `node` user (uid 1000).
mkdir -p "$root/reports"
[ "$(id -u)" != 0 ] || chown 1000:1000 "$root/reports"

# The legacy builder cannot share a layer between builds running at once; one at a time, the
# Dockerfile's shared compile layer is built by the first image and reused by the others.
case " $* " in *" build "* | *" --build "*) export COMPOSE_PARALLEL_LIMIT=1 ;; esac

compose=$("$here/compose-plugin.sh")
cd "$root"
# A plugin binary runs standalone too, so one call suits ours and the machine's.
exec "$compose" --env-file .env --env-file "$env_file" "$@"
