#!/usr/bin/env bash
# Runs a root pnpm script (load, experiment, lab, trace, fault) with the project's own Node.js
# and pnpm, installing and building them first on a fresh machine.
# Usage: pnpm.sh <script> [args...]
source "$(dirname "$0")/lib.sh"

bash "$REPO_ROOT/infra/native/install-node.sh" >/dev/null
cd "$REPO_ROOT"
[ -d node_modules ] || pnpm install --frozen-lockfile --loglevel=warn
[ -f load-tests/dist/cli.js ] || pnpm build >/dev/null
exec pnpm --silent "$@"
