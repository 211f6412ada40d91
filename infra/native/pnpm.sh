#!/usr/bin/env bash
# Runs a root pnpm script (load, experiment, lab, trace, fault, screenshots) with the project's
# own Node.js and pnpm, installing and building them first on a fresh machine.
# Usage: pnpm.sh <script> [args...]
source "$(dirname "$0")/lib.sh"

bash "$REPO_ROOT/infra/native/install-node.sh" >/dev/null
cd "$REPO_ROOT"
# Installed again when the lockfile changed since (a package added or moved, e.g. a new tool).
if [ ! -f node_modules/.pnpm/lock.yaml ] || [ pnpm-lock.yaml -nt node_modules/.pnpm/lock.yaml ]; then
  pnpm install --frozen-lockfile --loglevel=warn
fi
# Built once: the load runner and every tool of tools/ (a checkout from before a tool existed
# has the others built but not it).
built() {
  [ -f load-tests/dist/cli.js ] || return 1
  for tool in tools/*/; do [ -d "$tool/dist" ] || return 1; done
}
built || pnpm build >/dev/null
exec pnpm --silent "$@"
