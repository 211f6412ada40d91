#!/usr/bin/env bash
# Which stack a `make` verb acts on: the compose stack (infra/docker/stack.sh) or the native one
# (infra/native/stack.sh). ENGINE=docker or ENGINE=native chooses. Unset: the compose stack when
# a Docker engine answers (the machine's own, or one `make up ENGINE=docker` started), else the
# native stack. `down` and `clean` act on both, so neither is left running.
# Usage: door.sh up|down|clean|status|logs|rebuild|experiment NAME
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
docker_stack="$root/infra/docker/stack.sh"
native_stack="$root/infra/native/stack.sh"
verb="${1:?usage: door.sh VERB}"

engine_answers() { bash "$root/infra/docker/engine.sh" status >/dev/null 2>&1; }

door="${ENGINE:-}"
if [ -z "$door" ]; then
  if engine_answers; then door=docker; else door=native; fi
fi

stack_of() { if [ "$1" = docker ]; then echo "$docker_stack"; else echo "$native_stack"; fi; }

case "$door:$verb" in
  *:down | *:clean)
    if [ -n "${ENGINE:-}" ]; then exec bash "$(stack_of "$door")" "$verb"; fi
    # Both sides, each only where it runs: a machine without Docker never gets an engine here.
    if engine_answers; then bash "$docker_stack" "$verb"; fi
    bash "$native_stack" "$verb" ;;
  docker:experiment) bash "$docker_stack" experiment "${2:?which experiment?}" ;;
  native:experiment) bash "$root/infra/native/pnpm.sh" experiment "${2:?which experiment?}" ;;
  native:rebuild) bash "$native_stack" build && bash "$root/infra/native/services.sh" refresh ;;
  docker:* | native:*) bash "$(stack_of "$door")" "$verb" ;;
  *) echo "[tracebed] error: ENGINE is docker or native, not $door" >&2; exit 2 ;;
esac
