#!/usr/bin/env bash
# Builds one service into a self-contained folder: its compiled code, its migrations and only its
# production dependencies (workspace packages included). The Dockerfile runs exactly this, and
# so does the build-path test, so a broken production bundle fails CI without a Docker engine.
# Usage: build-service.sh <gateway|orders|inventory|payments|faults|labs|trace|experiment> <output-dir>
# (faults, labs, trace and experiment are the tools of the compose `tools` profile.)
set -euo pipefail

service="${1:?usage: build-service.sh <service> <output-dir>}"
output="${2:?usage: build-service.sh <service> <output-dir>}"
case "$service" in
  gateway | orders | inventory | payments) package="services/$service" name=$service entry=dist/main.js ;;
  faults) package="shared/faults" name=faults entry=dist/cli.js ;;
  labs) package="shared/labs" name=labs entry=dist/cli.js ;;
  trace) package="shared/trace-viewer" name=trace-viewer entry=dist/cli.js ;;
  experiment) package="load-tests" name=load-tests entry=dist/experiment/cli.js ;;
  *) echo "unknown service: $service" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/../.."
pnpm install --frozen-lockfile --reporter=silent
pnpm exec tsc -b "$package"
# The gateway also serves the shop page, bundled by Vite into its dist/web.
pnpm --filter "./$package" run --if-present build:web
rm -rf "$output"
# --legacy: deploy without injected workspace packages, which would stop `tsc -b` output in
# shared/* from reaching the services during development.
pnpm --filter "@tracebed/$name" deploy --prod --legacy --prefer-offline "$output" --reporter=silent
test -f "$output/$entry" || { echo "deploy of $service has no $entry" >&2; exit 1; }
